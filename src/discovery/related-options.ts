import type { RelatedOptions } from './types.js';

/**
 * Defaults: the knobs bench:related tunes are the choice of its all-corpora fold (HuffPost, Reuters-21578,
 * 20 Newsgroups, MIND); the bench also reports each corpus with the options chosen without it
 * (decision 008, docs/related.md).
 */
export const DEFAULT_RELATED_OPTIONS: Readonly<RelatedOptions> = Object.freeze({
  titleWeight: 2.5,
  titleWeightGrowth: 0.5,
  maxTermsPerDoc: 80,
  idfOffset: 0,
  idfOffsetPerLogN: 1.2,
  tfMode: 'bm25',
  k1: 2,
  b: 0.5,
  maxDfRatio: 0.5,
  queryTerms: 30,
  postingsPerTerm: 800,
  feedbackPostingsPerTerm: 300,
  candidates: 60,
  feedbackDocs: 5,
  feedbackWeight: 0.5,
  expandedTerms: 60,
  feedbackMix: 0.8,
  tagBoost: 0.1,
  categoryBoost: 0.05,
  maxLabelBoost: 0.15,
  freshnessWeight: 0.1,
  freshnessHalfLifeDays: 30,
  nearDuplicateJaccard: 0.8,
  maxTextChars: 20_000,
  refreshPerUpdate: 8,
  defaultLang: 'en',
  latentDim: 64,
  latentMix: 0.3,
  latentFullLength: 60,
  singleTermLatentFloor: 0.45,
});

/** Merges partial options over the defaults, rejecting nonsense early. */
export function resolveRelatedOptions(partial?: Partial<RelatedOptions>): RelatedOptions {
  const o: RelatedOptions = { ...DEFAULT_RELATED_OPTIONS, ...partial };
  for (const [key, value] of Object.entries(o)) {
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`related option ${key} must be a finite number >= 0, got ${value}`);
    }
  }
  if (o.latentMix > 1) throw new RangeError('latentMix must be within 0..1');
  if (o.tfMode !== 'bm25' && o.tfMode !== 'log') throw new RangeError(`tfMode must be 'bm25' or 'log'`);
  if (o.maxTermsPerDoc < 1 || o.candidates < 1 || o.postingsPerTerm < 1 || o.queryTerms < 1) {
    throw new RangeError('maxTermsPerDoc, queryTerms, candidates and postingsPerTerm must be >= 1');
  }
  return o;
}
