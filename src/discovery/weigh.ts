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
// Scratch: weight by term id, and the eligible term ids of the bag being weighed (single-threaded use).
let weightOf = new Float64Array(1024);
let eligible = new Uint32Array(256);

/** Reduces a bag of terms to its `maxTerms` most distinctive terms, weighted, L2-normalised, heaviest first. */
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
  if (eligible.length < n) eligible = new Uint32Array(n * 2);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = termIds[i] as number;
    const g = idf(df[t] ?? 0, stats.docCount, p.maxDfRatio, p.idfOffset);
    if (g <= 0) continue;
    const f = freqs[i] as number;
    if (t >= weightOf.length) {
      const grown = new Float64Array(Math.max(t + 1, weightOf.length * 2));
      grown.set(weightOf);
      weightOf = grown;
    }
    weightOf[t] = g * (p.tfMode === 'log' ? 1 + Math.log(f) : saturate(f, length, stats.avgLength, p.k1, p.b));
    eligible[count++] = t;
  }
  if (count === 0) return EMPTY;
  const kept = eligible.subarray(0, count).sort();
  let ids = kept;
  if (count > p.maxTerms) {
    // The maxTerms-th largest weight is the cut; among equal weights the lower term ids win.
    const sorted = new Float64Array(count);
    for (let i = 0; i < count; i++) sorted[i] = weightOf[kept[i] as number] as number;
    sorted.sort();
    const cut = sorted[count - p.maxTerms] as number;
    let above = 0;
    for (let i = 0; i < count; i++) if ((sorted[i] as number) > cut) above++;
    let ties = p.maxTerms - above;
    ids = new Uint32Array(p.maxTerms);
    let j = 0;
    for (let i = 0; i < count; i++) {
      const t = kept[i] as number;
      const w = weightOf[t] as number;
      if (w > cut || (w === cut && ties-- > 0)) ids[j++] = t;
    }
  } else {
    ids = kept.slice();
  }
  ids.sort((a, b) => (weightOf[b] as number) - (weightOf[a] as number) || a - b);
  let norm = 0;
  for (const t of ids) norm += (weightOf[t] as number) ** 2;
  norm = Math.sqrt(norm);
  const weights = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) weights[i] = (weightOf[ids[i] as number] as number) / norm;
  return { ids, weights };
}
