// Letters, digits and combining marks: punctuation, symbols, emoji and spaces all split words.
const WORD_RUN_RE = /[\p{L}\p{N}\p{M}]+/gu;
// Scripts written without spaces between words: only these need a dictionary segmenter.
const NO_SPACE_SCRIPT_RE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const SINGLE_CHAR_WORD_RE = /^[\p{sc=Han}\p{sc=Hangul}]$/u;
// In these scripts combining marks are accents or optional vowel points, so dropping them folds
// variants together; in Thai, Devanagari or Japanese kana they are part of the letter and must stay.
const FOLDABLE_MARKS_RE = /([\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Arabic}\p{sc=Hebrew}])\p{M}+/gu;
const DIGITS_RE = /^[0-9]+$/;
const NON_ASCII_RE = /[^\x00-\x7f]/;
/** Longer runs are junk (hashes, base64, URLs squashed together). */
export const MAX_TOKEN_LENGTH = 40;
/** Longer pure numbers are phone numbers, ids and amounts, not topics; years stay. */
export const MAX_DIGIT_TOKEN_LENGTH = 4;
// ICU word breaking slows down more than linearly on long strings; keep each call short.
const SEGMENT_CHUNK = 512;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? 'und';
  let seg = segmenters.get(key);
  if (!seg) {
    try {
      seg = new Intl.Segmenter(key, { granularity: 'word' });
    } catch {
      seg = new Intl.Segmenter('und', { granularity: 'word' });
    }
    segmenters.set(key, seg);
  }
  return seg;
}

// Typographic punctuation (what Markdown's typographer and word processors put in English text)
// separates words exactly as its ASCII form does, so the analyzer's ASCII scan treats it as a separator.
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"',
  '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u00a0': ' ',
};
/** The typographic characters foldText() turns into ASCII punctuation or spaces. */
export const TYPOGRAPHIC_CHARS = Object.keys(TYPOGRAPHIC).join('');
const TYPOGRAPHIC_RE = new RegExp(`[${TYPOGRAPHIC_CHARS}]`, 'g');

/** Curly quotes, dashes, ellipses and no-break spaces as their ASCII forms. */
function foldTypography(text: string): string {
  return text.replace(TYPOGRAPHIC_RE, (c) => TYPOGRAPHIC[c]!);
}

/** Lower-cases, folds typographic punctuation to ASCII and accents away (NFKD, drop diacritic marks, recompose). */
export function foldText(text: string): string {
  const lower = foldTypography(text.toLowerCase());
  if (!NON_ASCII_RE.test(lower)) return lower;
  return lower.normalize('NFKD').replace(FOLDABLE_MARKS_RE, '$1').normalize('NFC');
}

function keep(token: string): boolean {
  const len = token.length;
  if (len > MAX_TOKEN_LENGTH) return false;
  if (len === 1) return token.charCodeAt(0) > 0x7f && SINGLE_CHAR_WORD_RE.test(token);
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57 && len > MAX_DIGIT_TOKEN_LENGTH) return !DIGITS_RE.test(token);
  return true;
}

function segmentRun(run: string, lang: string | undefined, out: string[]): void {
  const seg = segmenterFor(lang);
  for (let start = 0; start < run.length; start += SEGMENT_CHUNK) {
    const chunk = run.slice(start, start + SEGMENT_CHUNK);
    for (const part of seg.segment(chunk)) {
      if (part.isWordLike && keep(part.segment)) out.push(part.segment);
    }
  }
}

/** Splits text into folded word tokens; Chinese, Japanese, Thai and similar scripts go through Intl.Segmenter. */
export function tokenize(text: string, lang?: string): string[] {
  const out: string[] = [];
  const folded = foldText(text);
  const needsSegmenter = NON_ASCII_RE.test(folded) && NO_SPACE_SCRIPT_RE.test(folded);
  const runs = folded.match(WORD_RUN_RE);
  if (runs === null) return out;
  for (const run of runs) {
    if (needsSegmenter && NO_SPACE_SCRIPT_RE.test(run)) segmentRun(run, lang, out);
    else if (keep(run)) out.push(run);
  }
  return out;
}
