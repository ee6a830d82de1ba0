import { foldText } from './tokenize.js';

/**
 * The one text analysis of full-text search, used to write the index and to read queries on
 * both SQLite and PostgreSQL. The databases never split text themselves: they are handed
 * tokens separated by single spaces (letters, marks and digits only), so FTS5 and tsvector see
 * exactly the same words and the same query finds the same articles on both.
 *
 * - Case and accents are folded (`Zürich` → `zurich`, `Straße` → `strasse`).
 * - Chinese, Japanese and Korean runs become overlapping character bigrams (`经济增长` →
 *   `经济 济增 增长`): a word inside a run of text is found without a dictionary, on both
 *   sides alike; a lone character stays a token of its own.
 * - Thai, Lao, Khmer and Myanmar runs go through Intl.Segmenter's word breaking.
 */

const WORD_RUN_RE = /[\p{L}\p{M}\p{N}]+/gu;
const BIGRAM_SCRIPT_RE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const BIGRAM_SPLIT_RE = /([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+)/u;
const SEGMENTED_SCRIPT_RE = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const NON_ASCII_RE = /[^\x00-\x7f]/;
/** Letters NFKD leaves whole, folded the way readers type them. */
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const LETTER_FOLDS_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Longer tokens are cut (hashes and squashed URLs are not searched for by their tail). */
export const MAX_SEARCH_TOKEN = 64;
/**
 * The most tokens of one field that are indexed: PostgreSQL keeps positions up to 16,383 and a
 * tsvector under 1 MB, and the same cap on SQLite keeps the two indexes equal.
 */
export const MAX_FIELD_TOKENS = 16_000;

let thaiSegmenter: Intl.Segmenter | undefined;

function bigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

function segmentWords(run: string, out: string[]): void {
  thaiSegmenter ??= new Intl.Segmenter('th', { granularity: 'word' });
  for (const part of thaiSegmenter.segment(run)) {
    if (part.isWordLike) out.push(part.segment);
  }
}

/** Case, accents and compatibility forms folded; what both the index and the queries see. */
export function foldForSearch(text: string): string {
  const folded = foldText(text.normalize('NFKC'));
  return NON_ASCII_RE.test(folded) ? folded.replace(LETTER_FOLDS_RE, (c) => LETTER_FOLDS[c]!) : folded;
}

/** The search tokens of `text`, in order, at most `max`. */
export function searchTokens(text: string, max = MAX_FIELD_TOKENS): string[] {
  const out: string[] = [];
  const runs = foldForSearch(text).match(WORD_RUN_RE);
  if (!runs) return out;
  for (const run of runs) {
    if (out.length >= max) break;
    if (!NON_ASCII_RE.test(run)) {
      out.push(run.length > MAX_SEARCH_TOKEN ? run.slice(0, MAX_SEARCH_TOKEN) : run);
      continue;
    }
    const pieces = BIGRAM_SCRIPT_RE.test(run) ? run.split(BIGRAM_SPLIT_RE) : [run];
    for (const piece of pieces) {
      if (!piece) continue;
      if (BIGRAM_SCRIPT_RE.test(piece)) bigrams(piece, out);
      else if (SEGMENTED_SCRIPT_RE.test(piece)) segmentWords(piece, out);
      else out.push(Array.from(piece).slice(0, MAX_SEARCH_TOKEN).join(''));
    }
  }
  return out.length > max ? out.slice(0, max) : out;
}

/** The indexed form of a field: its tokens joined by single spaces. */
export function searchField(text: string): string {
  return searchTokens(text).join(' ');
}

/** True when a token came from a bigram script (a one-character one is searched as a prefix). */
export function isBigramToken(token: string): boolean {
  return BIGRAM_SCRIPT_RE.test(token);
}

/** More text than this never yields more than MAX_FIELD_TOKENS tokens; a huge body is cut first. */
const MAX_FIELD_CHARS = 400_000;

/** The analysed fields of one article: the title, and the summary followed by the text. */
export function searchDocument(title: string, summary: string, bodyText: string): { title: string; body: string } {
  // The text is the summary itself when an article has no body of its own.
  const text = bodyText.startsWith(summary) ? bodyText : `${summary} ${bodyText}`;
  return { title: searchField(title), body: searchField(text.slice(0, MAX_FIELD_CHARS)) };
}
