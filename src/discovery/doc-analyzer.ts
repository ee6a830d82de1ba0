import { FINGERPRINT_MAX_TOKENS, minhashOfHashes, tokenHash, type Fingerprint } from './near-duplicate.js';
import { normalizeTag, plainText } from './plain-text.js';
import { baseLang, termOf } from './stemming.js';
import { foldText, isAscii, MAX_DIGIT_TOKEN_LENGTH, MAX_TOKEN_LENGTH, tokenize } from './tokenize.js';
import type { DiscoveryDoc } from './types.js';

const BODY_ONLY_FINGERPRINT = 20;

/** One article's text as term ids with weighted frequencies, plus its fingerprint and tags. */
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
  maxTextChars: number;
  defaultLang: string;
}

/**
 * Per-language memo of distinct tokens: term id (-1 for stop words) and the token hash for fingerprints.
 * An open-addressing table over the FNV hash we need anyway is several times faster than a Map here:
 * the hash is computed once per token and most probes touch only typed arrays.
 */
class TokenTable {
  private readonly keys: string[] = [];
  private slots = new Int32Array(1 << 12).fill(-1);
  term = new Int32Array(1024);
  hash = new Uint32Array(1024);

  constructor(
    private readonly lang: string,
    private readonly termId: (term: string) => number,
  ) {}

  private static spread(h: number): number {
    return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }

  lookup(token: string): number {
    return this.lookupSpan(token, 0, token.length, tokenHash(token));
  }

  /** Finds text[start, end) whose FNV hash is h, creating the token string only when it is new. */
  lookupSpan(text: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    let pos = TokenTable.spread(h) & mask;
    for (;;) {
      const i = this.slots[pos] as number;
      if (i < 0) break;
      if (this.hash[i] === h) {
        const key = this.keys[i] as string;
        if (key.length === len && text.startsWith(key, start)) return i;
      }
      pos = (pos + 1) & mask;
    }
    const token = start === 0 && end === text.length ? text : text.slice(start, end);
    const i = this.keys.length;
    if (i >= this.term.length) {
      const term = new Int32Array(this.term.length * 2);
      term.set(this.term);
      this.term = term;
      const hash = new Uint32Array(this.hash.length * 2);
      hash.set(this.hash);
      this.hash = hash;
    }
    const term = termOf(token, this.lang);
    this.term[i] = term === '' ? -1 : this.termId(term);
    this.hash[i] = h;
    // Long slices would keep the whole source text alive; store a flat copy.
    this.keys.push(token.length >= 13 ? (token + ' ').slice(0, -1) : token);
    this.slots[pos] = i;
    if (this.keys.length * 2 > this.slots.length) this.rehash();
    return i;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let i = 0; i < this.keys.length; i++) {
      let pos = TokenTable.spread(this.hash[i] as number) & mask;
      while ((slots[pos] as number) >= 0) pos = (pos + 1) & mask;
      slots[pos] = i;
    }
    this.slots = slots;
  }
}

/**
 * Turns articles into term bags with one hash lookup per token: stop-word tests, stemming and token
 * hashing happen once per distinct token, which is what makes a bulk build fast.
 */
export class DocAnalyzer {
  private readonly tables = new Map<string, TokenTable>();
  private counts = new Float32Array(1024);
  private readonly touched: number[] = [];
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

  private count(i: number, table: TokenTable, weight: number, fingerprinted: boolean): void {
    if (fingerprinted && this.hashed < FINGERPRINT_MAX_TOKENS) this.hashes[this.hashed++] = table.hash[i] as number;
    const t = table.term[i] as number;
    if (t < 0) return;
    if (t >= this.counts.length) {
      const c = new Float32Array(Math.max(t + 1, this.counts.length * 2));
      c.set(this.counts);
      this.counts = c;
    }
    if (this.counts[t] === 0) this.touched.push(t);
    this.counts[t] = (this.counts[t] as number) + weight;
  }

  /**
   * Tokenises and counts one field. Pure-ASCII text (most news in Latin script) is scanned in place,
   * hashing as it goes, so known tokens never become strings; it yields exactly what tokenize() would.
   */
  private addField(raw: unknown, lang: string, table: TokenTable, weight: number, fingerprinted: boolean): number {
    const plain = plainText(raw, this.options.maxTextChars);
    const folded = foldText(plain);
    if (!isAscii(folded)) {
      const tokens = tokenize(plain, lang);
      for (const token of tokens) this.count(table.lookup(token), table, weight, fingerprinted);
      return tokens.length;
    }
    let tokens = 0;
    const n = folded.length;
    let i = 0;
    while (i < n) {
      let c = folded.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      let digits = true;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        if (c > 57) digits = false;
        c = ++i < n ? folded.charCodeAt(i) : 0;
      } while ((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
      const len = i - start;
      if (len < 2 || len > MAX_TOKEN_LENGTH || (digits && len > MAX_DIGIT_TOKEN_LENGTH)) continue;
      tokens++;
      this.count(table.lookupSpan(folded, start, i, h >>> 0), table, weight, fingerprinted);
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
    if (bodyTokens < BODY_ONLY_FINGERPRINT) {
      const bodyHashes = this.hashes.slice(0, this.hashed);
      this.hashed = 0;
      this.addField(doc.title, lang, table, o.titleWeight, true);
      for (const h of bodyHashes) if (this.hashed < FINGERPRINT_MAX_TOKENS) this.hashes[this.hashed++] = h;
    } else {
      this.addField(doc.title, lang, table, o.titleWeight, false);
    }
    const n = this.touched.length;
    const termIds = new Uint32Array(n);
    const freqs = new Float32Array(n);
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
