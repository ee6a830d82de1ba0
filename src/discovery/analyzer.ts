import { simhash, type Fingerprint } from './near-duplicate.js';
import { baseLang, toTerms } from './stemming.js';
import { stripMarkup } from './strip-markup.js';
import { foldText, tokenize } from './tokenize.js';
import type { DiscoveryDoc } from './types.js';

/** What the index keeps from one article's text: a weighted bag of terms plus a fingerprint. */
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

export interface AnalyzeOptions {
  titleWeight: number;
  maxTextChars: number;
  defaultLang: string;
}

// Markup can triple the raw size; cutting before stripping keeps a 5 MB body cheap.
const RAW_FACTOR = 4;

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Normalises editorial tags so 'Élection 2024' and 'election-2024' meet. */
export function normalizeTag(tag: string): string {
  return tokenize(tag).join('-');
}

/** Plain text of a title or body: markup stripped and capped at maxChars. */
export function plainText(raw: string, maxChars: number): string {
  const capped = raw.length > maxChars * RAW_FACTOR ? raw.slice(0, maxChars * RAW_FACTOR) : raw;
  const text = stripMarkup(capped);
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

/** Analyses one article: markup stripping, tokenising, stop words, stemming, title weighting, SimHash. */
export function analyzeDoc(doc: DiscoveryDoc, options: AnalyzeOptions): AnalyzedDoc {
  const lang = baseLang(typeof doc.lang === 'string' ? doc.lang : undefined, options.defaultLang);
  const titleTokens = tokenize(plainText(asString(doc.title), options.maxTextChars), lang);
  const bodyTokens = tokenize(plainText(asString(doc.text), options.maxTextChars), lang);
  const counts = new Map<string, number>();
  for (const t of toTerms(titleTokens, lang)) counts.set(t, (counts.get(t) ?? 0) + options.titleWeight);
  for (const t of toTerms(bodyTokens, lang)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const terms: string[] = [];
  const freqs: number[] = [];
  let length = 0;
  for (const [term, f] of counts) {
    terms.push(term);
    freqs.push(f);
    length += f;
  }
  const tags: string[] = [];
  if (Array.isArray(doc.tags)) {
    for (const tag of doc.tags) {
      const t = typeof tag === 'string' ? normalizeTag(foldText(tag)) : '';
      if (t && !tags.includes(t)) tags.push(t);
    }
  }
  const fingerprint = simhash(titleTokens.length + bodyTokens.length > 0 ? titleTokens.concat(bodyTokens) : []);
  return { terms, freqs, length, fingerprint, tags };
}
