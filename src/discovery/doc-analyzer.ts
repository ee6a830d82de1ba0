import { FINGERPRINT_MAX_TOKENS, minhashOfHashes, tokenHash, type Fingerprint } from './near-duplicate.js';
import { normalizeTag, plainText } from './plain-text.js';
import { baseLang, termOf } from './stemming.js';
import { tokenize } from './tokenize.js';
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

/** Per-language memo of distinct tokens: term id (-1 for stop words) and the token hash for fingerprints. */
class TokenTable {
  private readonly index = new Map<string, number>();
  term = new Int32Array(1024);
  hash = new Uint32Array(1024);

  constructor(
    private readonly lang: string,
    private readonly termId: (term: string) => number,
  ) {}

  lookup(token: string): number {
    let i = this.index.get(token);
    if (i !== undefined) return i;
    i = this.index.size;
    if (i >= this.term.length) {
      const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.term = grow(this.term, (n) => new Int32Array(n));
      this.hash = grow(this.hash, (n) => new Uint32Array(n));
    }
    const term = termOf(token, this.lang);
    this.term[i] = term === '' ? -1 : this.termId(term);
    this.hash[i] = tokenHash(token);
    this.index.set(token, i);
    return i;
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

  private add(tokens: readonly string[], table: TokenTable, weight: number, fingerprinted: boolean): void {
    for (const token of tokens) {
      const i = table.lookup(token);
      if (fingerprinted && this.hashed < FINGERPRINT_MAX_TOKENS) this.hashes[this.hashed++] = table.hash[i] as number;
      const t = table.term[i] as number;
      if (t < 0) continue;
      if (t >= this.counts.length) {
        const c = new Float32Array(Math.max(t + 1, this.counts.length * 2));
        c.set(this.counts);
        this.counts = c;
      }
      if (this.counts[t] === 0) this.touched.push(t);
      this.counts[t] = (this.counts[t] as number) + weight;
    }
  }

  /** Analyses one article: markup stripping, tokenising, stop words, stemming, title weighting, MinHash. */
  analyze(doc: DiscoveryDoc): TermBag {
    const o = this.options;
    const lang = baseLang(typeof doc.lang === 'string' ? doc.lang : undefined, o.defaultLang);
    const table = this.table(lang);
    this.hashed = 0;
    this.touched.length = 0;
    const titleTokens = tokenize(plainText(doc.title, o.maxTextChars), lang);
    const bodyTokens = tokenize(plainText(doc.text, o.maxTextChars), lang);
    // Syndicated copies often get a new headline: fingerprint the body alone when it is long enough.
    const titleCounts = bodyTokens.length < BODY_ONLY_FINGERPRINT;
    this.add(titleTokens, table, o.titleWeight, titleCounts);
    this.add(bodyTokens, table, 1, true);
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
