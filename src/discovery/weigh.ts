import { keyId, keyWeight, weightIdKey } from './weight-id-key.js';

/** Collection statistics that term weights depend on. */
export interface CollectionStats {
  /** Live documents. */
  docCount: number;
  /** Mean weighted document length. */
  avgLength: number;
}

export interface WeighParams {
  /** Added to every idf: a larger offset flattens the gap between rare and mid-frequency terms. */
  idfOffset: number;
  /** 'bm25' saturates with length normalisation; 'log' is 1 + ln(tf). */
  tfMode: 'bm25' | 'log';
  k1: number;
  b: number;
  maxDfRatio: number;
  maxTerms: number;
}

/** A sparse, L2-normalised vector, heaviest term first (ties: lower id first), so queries take a prefix. */
export interface SparseVector {
  ids: Uint32Array;
  weights: Float32Array;
}

// Below this many documents a "common term" cut-off would delete most of the vocabulary.
const MIN_DOCS_FOR_MAX_DF = 50;

/** Smoothed inverse document frequency (plus an offset); 0 for terms no other document shares or that are everywhere. */
export function idf(df: number, n: number, maxDfRatio: number, offset = 0): number {
  if (df < 2 || n < 2) return 0;
  if (n >= MIN_DOCS_FOR_MAX_DF && df > maxDfRatio * n) return 0;
  return Math.log((1 + n) / (1 + df)) + offset;
}

/** BM25 saturation of a (weighted) term frequency with length normalisation. */
export function saturate(f: number, length: number, avgLength: number, k1: number, b: number): number {
  const norm = k1 * (1 - b + (b * length) / (avgLength > 0 ? avgLength : 1));
  return (f * (k1 + 1)) / (f + norm);
}

const EMPTY: SparseVector = { ids: new Uint32Array(0), weights: new Float32Array(0) };
// Term ids below this are packed with their weight into one sort key (weight-id-key.ts).
const ID_RANGE = 2 ** 22;
// Scratch reused by every call (single-threaded use).
let keys = new Float64Array(256);
let weights64 = new Float64Array(256);
let termsOf = new Uint32Array(256);

/** Idf of every term id for fixed statistics: a bulk build computes each logarithm once, not once per article. */
export function idfTable(df: Int32Array, termCount: number, stats: CollectionStats, p: WeighParams): Float64Array {
  const out = new Float64Array(termCount);
  for (let t = 0; t < termCount; t++) out[t] = idf(df[t] ?? 0, stats.docCount, p.maxDfRatio, p.idfOffset);
  return out;
}

/**
 * Reduces a bag of terms to its `maxTerms` most distinctive terms, weighted, L2-normalised, heaviest first
 * (ties: lower id first). `idfs`, when given, is idfTable() for the same df and stats.
 */
export function weighBag(
  termIds: Uint32Array,
  freqs: Float32Array,
  length: number,
  df: Int32Array,
  stats: CollectionStats,
  p: WeighParams,
  idfs?: Float64Array,
): SparseVector {
  const room = Math.min(termIds.length, p.maxTerms);
  if (room === 0) return EMPTY;
  const ids = new Uint32Array(room);
  const weights = new Float32Array(room);
  const m = weighInto(termIds, freqs, 0, termIds.length, length, df, stats, p, idfs, ids, weights);
  if (m === 0) return EMPTY;
  return m === room ? { ids, weights } : { ids: ids.slice(0, m), weights: weights.slice(0, m) };
}

/**
 * weighBag() for the bag at termIds/freqs[from, to), written into `outIds`/`outWeights` (room for
 * min(maxTerms, to − from) terms); returns how many terms were kept. The index weighs straight into
 * its arena this way, without a vector object per article.
 */
export function weighInto(
  termIds: Uint32Array,
  freqs: Float32Array,
  from: number,
  to: number,
  length: number,
  df: Int32Array,
  stats: CollectionStats,
  p: WeighParams,
  idfs: Float64Array | undefined,
  outIds: Uint32Array,
  outWeights: Float32Array,
): number {
  const n = to - from;
  if (n <= 0) return 0;
  if (keys.length < n) {
    keys = new Float64Array(n * 2);
    weights64 = new Float64Array(n * 2);
    termsOf = new Uint32Array(n * 2);
  }
  let count = 0;
  let packable = true;
  for (let i = from; i < to; i++) {
    const t = termIds[i] as number;
    const g = idfs ? (idfs[t] as number) : idf(df[t] ?? 0, stats.docCount, p.maxDfRatio, p.idfOffset);
    if (!(g > 0)) continue;
    const f = freqs[i] as number;
    const w = g * (p.tfMode === 'log' ? 1 + Math.log(f) : saturate(f, length, stats.avgLength, p.k1, p.b));
    if (t >= ID_RANGE) packable = false;
    keys[count] = weightIdKey(w, t, ID_RANGE);
    weights64[count] = w;
    termsOf[count++] = t;
  }
  if (count === 0) return 0;
  const m = Math.min(count, p.maxTerms);
  if (packable) {
    const sorted = keys.subarray(0, count).sort();
    for (let j = 0; j < m; j++) {
      const key = sorted[count - 1 - j] as number;
      outIds[j] = keyId(key, ID_RANGE);
      outWeights[j] = keyWeight(key, ID_RANGE);
    }
  } else {
    // Term ids beyond 2^22 (a vocabulary of millions): the same order through a comparator.
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => Math.fround(weights64[b] as number) - Math.fround(weights64[a] as number) || (termsOf[a] as number) - (termsOf[b] as number));
    for (let j = 0; j < m; j++) {
      const at = order[j] as number;
      outIds[j] = termsOf[at] as number;
      outWeights[j] = weights64[at] as number;
    }
  }
  let norm = 0;
  for (let j = 0; j < m; j++) norm += (outWeights[j] as number) ** 2;
  norm = Math.sqrt(norm);
  for (let j = 0; j < m; j++) outWeights[j] = (outWeights[j] as number) / norm;
  return m;
}
