import type { SparseVector } from './weigh.js';

/** The `limit` heaviest of `terms` (weights read from a dense array), L2-normalised, heaviest first. */
export function topTermsOf(terms: readonly number[], weightOf: Float32Array, limit: number): SparseVector {
  let kept = terms.filter((t) => (weightOf[t] as number) > 0);
  kept.sort((a, b) => (weightOf[b] as number) - (weightOf[a] as number) || a - b);
  if (kept.length > limit) kept = kept.slice(0, limit);
  let norm = 0;
  for (const t of kept) norm += (weightOf[t] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  return { ids: Uint32Array.from(kept), weights: Float32Array.from(kept, (t) => (weightOf[t] as number) / norm) };
}

/** The `limit` heaviest entries of a term → weight map, L2-normalised, heaviest first. */
export function topTerms(sum: ReadonlyMap<number, number>, limit: number): SparseVector {
  let items = [...sum].filter(([, w]) => w > 0);
  items.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (items.length > limit) items = items.slice(0, limit);
  let norm = 0;
  for (const [, w] of items) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return {
    ids: Uint32Array.from(items, ([t]) => t),
    weights: Float32Array.from(items, ([, w]) => w / norm),
  };
}
