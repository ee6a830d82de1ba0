import { DocAnalyzer, type AnalyzeOptions } from './doc-analyzer.js';
import type { Fingerprint } from './near-duplicate.js';
import type { DiscoveryDoc } from './types.js';

export type { AnalyzeOptions } from './doc-analyzer.js';
export { normalizeTag, plainText } from './plain-text.js';

/** What the engine keeps from one article's text, with terms spelled out (for tests and tools). */
export interface AnalyzedDoc {
  /** Distinct terms (stemmed, stop words removed). */
  terms: string[];
  /** Weighted frequency of each term; title occurrences count `titleWeight` times. */
  freqs: number[];
  /** Sum of freqs: the document length for BM25. */
  length: number;
  fingerprint: Fingerprint;
  /** Normalised tag labels. */
  tags: string[];
}

const DEFAULTS: AnalyzeOptions = { titleWeight: 2, maxTextChars: 20_000, defaultLang: 'en' };

/** Analyses one article on its own: markup stripping, tokenising, stop words, stemming, title weighting, MinHash. */
export function analyzeDoc(doc: DiscoveryDoc, options?: Partial<AnalyzeOptions>): AnalyzedDoc {
  const terms: string[] = [];
  const ids = new Map<string, number>();
  const analyzer = new DocAnalyzer({ ...DEFAULTS, ...options }, (term) => {
    let id = ids.get(term);
    if (id === undefined) {
      ids.set(term, (id = terms.length));
      terms.push(term);
    }
    return id;
  });
  const bag = analyzer.analyze(doc);
  return {
    terms: Array.from(bag.termIds, (t) => terms[t] as string),
    freqs: Array.from(bag.freqs),
    length: bag.length,
    fingerprint: bag.fingerprint,
    tags: bag.tags,
  };
}
