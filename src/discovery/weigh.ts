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

/** A sparse, L2-normalised vector with term ids ascending. */
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

/** Reduces a bag of terms to its `maxTerms` most distinctive terms, BM25-weighted and L2-normalised. */
export function weighBag(
  termIds: Uint32Array,
  freqs: Float32Array,
  length: number,
  df: Int32Array,
  stats: CollectionStats,
  p: WeighParams,
): SparseVector {
  const n = termIds.length;
  if (n === 0) return EMPTY;
  const cand: number[] = [];
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = termIds[i] as number;
    const g = idf(df[t] ?? 0, stats.docCount, p.maxDfRatio, p.idfOffset);
    if (g <= 0) continue;
    const f = freqs[i] as number;
    w[i] = g * (p.tfMode === 'log' ? 1 + Math.log(f) : saturate(f, length, stats.avgLength, p.k1, p.b));
    cand.push(i);
  }
  if (cand.length === 0) return EMPTY;
  if (cand.length > p.maxTerms) {
    cand.sort((a, b) => (w[b] as number) - (w[a] as number) || (termIds[a] as number) - (termIds[b] as number));
    cand.length = p.maxTerms;
  }
  cand.sort((a, b) => (termIds[a] as number) - (termIds[b] as number));
  let norm = 0;
  for (const i of cand) norm += (w[i] as number) ** 2;
  norm = Math.sqrt(norm);
  const ids = new Uint32Array(cand.length);
  const weights = new Float32Array(cand.length);
  cand.forEach((i, j) => {
    ids[j] = termIds[i] as number;
    weights[j] = (w[i] as number) / norm;
  });
  return { ids, weights };
}
