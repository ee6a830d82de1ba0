import { FINGERPRINT_MAX_TOKENS, minhashOfHashes, tokenHash, type Fingerprint } from './near-duplicate.js';
import { normalizeTag, plainText } from './plain-text.js';
import { baseLang, termOf } from './stemming.js';
import { MAX_DIGIT_TOKEN_LENGTH, MAX_TOKEN_LENGTH, tokenize, TYPOGRAPHIC_CHARS } from './tokenize.js';
import type { DiscoveryDoc } from './types.js';
import { grown } from './typed-arrays.js';

const BODY_ONLY_FINGERPRINT = 20;
const CHECK_SEED = 0x9747b28c;
const HOT_BITS = 12;
const HOT_SHIFT = 32 - HOT_BITS;
const CHECK_MULTIPLIER = 0x5bd1e995;
// A character that folding may change or that may be a letter: anything beyond ASCII except the
// typographic punctuation foldText() maps to ASCII separators.
const FOLDED_CHAR_RE = new RegExp(`[^\\x00-\\x7f${TYPOGRAPHIC_CHARS}]`, 'g');

/** ASCII whitespace and the no-break space (which folds to a space). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/** Start of the first whitespace-delimited stretch at or after `from` holding a character that needs folding; text.length + 1 when none. */
function nextFoldedStretch(text: string, from: number): number {
  FOLDED_CHAR_RE.lastIndex = from;
  const m = FOLDED_CHAR_RE.exec(text);
  if (m === null) return text.length + 1;
  let s = m.index;
  while (s > from && !isSpace(text.charCodeAt(s - 1))) s--;
  return s;
}

/** End (exclusive) of the whitespace-delimited stretch starting at `from`. */
function stretchEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
  return e;
}

/** A second hash of text[start, end), independent of FNV, computed the same way as the in-place scan does. */
function checkHash(text: string, start: number, end: number): number {
  let h2 = CHECK_SEED;
  for (let i = start; i < end; i++) h2 = Math.imul(h2 + text.charCodeAt(i), CHECK_MULTIPLIER) ^ (h2 >>> 15);
  return h2 >>> 0;
}

/**
 * One article's text as term ids with weighted frequencies, plus its fingerprint and tags.
 * `termIds` and `freqs` are views of the analyzer's scratch space: the next analyze() overwrites them.
 */
export interface TermBag {
  termIds: Uint32Array;
  /** Title occurrences count `titleWeight` times. */
  freqs: Float32Array;
  /** Sum of freqs: the document length for BM25. */
  length: number;
  fingerprint: Fingerprint;
  tags: string[];
}

export interface AnalyzeOptions {
  titleWeight: number;
  /** The title weight grows as (body tokens / TITLE_REFERENCE_TOKENS)^this for bodies longer than that. */
  titleWeightGrowth?: number;
  maxTextChars: number;
  defaultLang: string;
}

/**
 * Per-language memo of distinct tokens → term id (-1 for stop words). An open-addressing table whose
 * entries [FNV hash, check hash, length, term + 2] sit side by side in one typed array: a probe touches
 * one cache line, no token string is kept, and known tokens are found without ever becoming strings.
 * Identity is (hash, check hash, length), 64 bits: for a million distinct tokens a false match has odds
 * of about 1 in 3·10^7 per process.
 */
class TokenTable {
  private size = 0;
  private table = new Uint32Array(4 << 12);
  private readonly hot = new Uint32Array(4 << HOT_BITS);

  constructor(
    private readonly lang: string,
    private readonly termId: (term: string) => number,
  ) {}

  private static spread(h: number): number {
    return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }

  /**
   * Term id of text[start, end) whose hashes are h and h2, creating the token string only when it is new.
   * `lowerCase`: the span is ASCII that may hold capitals (the hashes were computed on its lower case).
   */
  lookupSpan(text: string, start: number, end: number, h: number, h2: number, lowerCase = false): number {
    // Word frequencies are Zipfian: a small direct-mapped cache that stays in L1/L2 answers most lookups.
    const hot = this.hot;
    const hat = (h >>> HOT_SHIFT) << 2;
    if (hot[hat] === h && hot[hat + 1] === h2 && hot[hat + 2] === end - start && hot[hat + 3] !== 0) {
      return (hot[hat + 3] as number) - 2;
    }
    const term = this.lookupTable(text, start, end, h, h2, lowerCase);
    hot[hat] = h;
    hot[hat + 1] = h2;
    hot[hat + 2] = end - start;
    hot[hat + 3] = term + 2;
    return term;
  }

  private lookupTable(text: string, start: number, end: number, h: number, h2: number, lowerCase: boolean): number {
    const table = this.table;
    const mask = (table.length >> 2) - 1;
    const len = end - start;
    let pos = TokenTable.spread(h) & mask;
    for (;;) {
      const at = pos << 2;
      const stored = table[at + 3] as number;
      if (stored === 0) break;
      if (table[at] === h && table[at + 1] === h2 && table[at + 2] === len) return stored - 2;
      pos = (pos + 1) & mask;
    }
    const span = start === 0 && end === text.length ? text : text.slice(start, end);
    const token = lowerCase ? span.toLowerCase() : span;
    const word = termOf(token, this.lang);
    const term = word === '' ? -1 : this.termId(word);
    const at = pos << 2;
    table[at] = h;
    table[at + 1] = h2;
    table[at + 2] = len;
    table[at + 3] = term + 2;
    if (++this.size * 2 > table.length >> 2) this.rehash();
    return term;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    const mask = (table.length >> 2) - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] === 0) continue;
      let pos = TokenTable.spread(old[at] as number) & mask;
      while (table[(pos << 2) + 3] !== 0) pos = (pos + 1) & mask;
      table.set(old.subarray(at, at + 4), pos << 2);
    }
    this.table = table;
  }
}

/**
 * Turns articles into term bags with one hash lookup per token: stop-word tests, stemming and token
 * hashing happen once per distinct token, which is what makes a bulk build fast.
 */
// Body tokens of a typical news summary: titles of bodies up to this long weigh `titleWeight`.
const TITLE_REFERENCE_TOKENS = 30;

export class DocAnalyzer {
  private readonly tables = new Map<string, TokenTable>();
  private counts = new Float32Array(1024);
  private readonly touched: number[] = [];
  // The bag is handed out as views of these (copying it is the caller's business), so analysing an
  // article allocates no per-article arrays.
  private bagIds = new Uint32Array(1024);
  private bagFreqs = new Float32Array(1024);
  private readonly hashes = new Uint32Array(FINGERPRINT_MAX_TOKENS);
  private hashed = 0;

  constructor(
    private readonly options: AnalyzeOptions,
    private readonly termId: (term: string) => number,
  ) {}

  private table(lang: string): TokenTable {
    let t = this.tables.get(lang);
    if (!t) this.tables.set(lang, (t = new TokenTable(lang, this.termId)));
    return t;
  }

  private count(t: number, hash: number, weight: number, fingerprinted: boolean): void {
    if (fingerprinted && this.hashed < FINGERPRINT_MAX_TOKENS) this.hashes[this.hashed++] = hash;
    if (t < 0) return;
    if (t >= this.counts.length) this.counts = grown(this.counts, Math.max(t + 1, this.counts.length * 2));
    if (this.counts[t] === 0) this.touched.push(t);
    this.counts[t] = (this.counts[t] as number) + weight;
  }

  /** Counts the tokens tokenize() finds in text[from, to); returns how many. */
  private addSlowStretch(text: string, from: number, to: number, lang: string, table: TokenTable, weight: number, fingerprinted: boolean): number {
    const tokens = tokenize(text.slice(from, to), lang);
    for (const token of tokens) {
      const h = tokenHash(token);
      this.count(table.lookupSpan(token, 0, token.length, h, checkHash(token, 0, token.length)), h, weight, fingerprinted);
    }
    return tokens.length;
  }

  /**
   * Tokenises and counts one field, yielding exactly what tokenize() would. ASCII words are scanned in
   * place, lower-cased and hashed as they go, so known tokens never become strings. A word with a letter
   * beyond ASCII (an accent, another script) needs Unicode folding and maybe a segmenter: the
   * whitespace-delimited stretch around it goes through tokenize(). Whitespace bounds every token and
   * every case-folding context, so the stretches can be handled apart. Typographic punctuation needs
   * neither: like its ASCII form, it only separates words.
   */
  private addField(raw: unknown, lang: string, table: TokenTable, weight: number, fingerprinted: boolean): number {
    const text = plainText(raw, this.options.maxTextChars);
    const n = text.length;
    let slowStart = nextFoldedStretch(text, 0);
    let tokens = 0;
    let i = 0;
    while (i < n) {
      if (i === slowStart) {
        const end = stretchEnd(text, i);
        tokens += this.addSlowStretch(text, i, end, lang, table, weight, fingerprinted);
        i = end;
        slowStart = nextFoldedStretch(text, end);
        continue;
      }
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      let h2 = CHECK_SEED;
      let digits = true;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        h2 = Math.imul(h2 + c, CHECK_MULTIPLIER) ^ (h2 >>> 15);
        if (c > 57) digits = false;
        c = ++i < n ? text.charCodeAt(i) : 0;
        if (c >= 65 && c <= 90) c += 32;
      } while ((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
      const len = i - start;
      if (len < 2 || len > MAX_TOKEN_LENGTH || (digits && len > MAX_DIGIT_TOKEN_LENGTH)) continue;
      tokens++;
      const fnv = h >>> 0;
      this.count(table.lookupSpan(text, start, i, fnv, h2 >>> 0, true), fnv, weight, fingerprinted);
    }
    return tokens;
  }

  /** Analyses one article: markup stripping, tokenising, stop words, stemming, title weighting, MinHash. */
  analyze(doc: DiscoveryDoc): TermBag {
    const o = this.options;
    const lang = baseLang(typeof doc.lang === 'string' ? doc.lang : undefined, o.defaultLang);
    const table = this.table(lang);
    this.hashed = 0;
    this.touched.length = 0;
    // Syndicated copies often get a new headline: fingerprint the body alone when it is long enough.
    // The body is counted first only to learn its length; term counts do not depend on the order.
    const bodyTokens = this.addField(doc.text, lang, table, 1, true);
    // A headline is most of a news summary but a sliver of a long article: its weight follows the body's
    // length, so the title keeps its say whatever the site publishes.
    const growth = o.titleWeightGrowth ?? 0;
    const titleWeight = growth > 0 && bodyTokens > TITLE_REFERENCE_TOKENS ? o.titleWeight * (bodyTokens / TITLE_REFERENCE_TOKENS) ** growth : o.titleWeight;
    if (bodyTokens < BODY_ONLY_FINGERPRINT) {
      const bodyHashes = this.hashes.slice(0, this.hashed);
      this.hashed = 0;
      this.addField(doc.title, lang, table, titleWeight, true);
      for (const h of bodyHashes) if (this.hashed < FINGERPRINT_MAX_TOKENS) this.hashes[this.hashed++] = h;
    } else {
      this.addField(doc.title, lang, table, titleWeight, false);
    }
    const n = this.touched.length;
    if (this.bagIds.length < n) {
      this.bagIds = new Uint32Array(n * 2);
      this.bagFreqs = new Float32Array(n * 2);
    }
    const termIds = this.bagIds.subarray(0, n);
    const freqs = this.bagFreqs.subarray(0, n);
    let length = 0;
    for (let j = 0; j < n; j++) {
      const t = this.touched[j] as number;
      termIds[j] = t;
      const f = this.counts[t] as number;
      freqs[j] = f;
      length += f;
      this.counts[t] = 0;
    }
    const tags: string[] = [];
    if (Array.isArray(doc.tags)) {
      for (const tag of doc.tags as unknown[]) {
        const t = normalizeTag(tag);
        if (t && !tags.includes(t)) tags.push(t);
      }
    }
    return { termIds, freqs, length, fingerprint: minhashOfHashes(this.hashes, this.hashed), tags };
  }
}
