import { MINHASH_SIZE, type Fingerprint } from './near-duplicate.js';
import { resolveRelatedOptions } from './related-options.js';
import { base64ToTyped, typedToBase64 } from './typed-base64.js';
import type { RelatedOptions } from './types.js';
import type { SparseVector } from './weigh.js';

/** One article as a snapshot keeps it: its analysed bag (indices into the vocabulary), not its text. */
export interface SnapshotDoc {
  id: number;
  bagIds: Uint32Array;
  freqs: Float32Array;
  /** The weighted vector as the index held it (term ids index the vocabulary too). */
  vec: SparseVector | null;
  length: number;
  fp: Fingerprint;
  publishedAt: number | null;
  categoryId: number | null;
  tags: readonly string[];
}

const FORMAT = 'masthead-related-index';
const VERSION = 2;

interface SnapshotJson {
  format: typeof FORMAT;
  version: number;
  options: RelatedOptions;
  vocabulary: string[];
  ids: number[];
  lengths: number[];
  publishedAt: (number | null)[];
  categoryId: (number | null)[];
  tags: string[][];
  /** Per doc: a has-signature flag, then MINHASH_SIZE words. */
  fingerprints: string;
  /** Per doc: number of bag terms. */
  bagSizes: string;
  bagTerms: string;
  bagFreqs: string;
  vecSizes: string;
  vecTerms: string;
  vecWeights: string;
}

/** Packs analysed bags into a compact JSON-safe object (typed arrays as base64). */
export function encodeSnapshot(options: RelatedOptions, vocabulary: readonly string[], docs: readonly SnapshotDoc[]): SnapshotJson {
  let total = 0;
  let vecTotal = 0;
  for (const d of docs) {
    total += d.bagIds.length;
    vecTotal += d.vec?.ids.length ?? 0;
  }
  const vecSizes = new Uint32Array(docs.length);
  const vecTerms = new Uint32Array(vecTotal);
  const vecWeights = new Float32Array(vecTotal);
  let vat = 0;
  const bagTerms = new Uint32Array(total);
  const bagFreqs = new Float32Array(total);
  const bagSizes = new Uint32Array(docs.length);
  const W = MINHASH_SIZE + 1;
  const fps = new Uint32Array(docs.length * W);
  let at = 0;
  docs.forEach((d, i) => {
    bagSizes[i] = d.bagIds.length;
    bagTerms.set(d.bagIds, at);
    bagFreqs.set(d.freqs, at);
    at += d.bagIds.length;
    if (d.vec) {
      vecSizes[i] = d.vec.ids.length;
      vecTerms.set(d.vec.ids, vat);
      vecWeights.set(d.vec.weights, vat);
      vat += d.vec.ids.length;
    }
    if (d.fp.sig) {
      fps[i * W] = 1;
      fps.set(d.fp.sig, i * W + 1);
    }
  });
  return {
    format: FORMAT,
    version: VERSION,
    options: { ...options },
    vocabulary: [...vocabulary],
    ids: docs.map((d) => d.id),
    lengths: docs.map((d) => d.length),
    publishedAt: docs.map((d) => d.publishedAt),
    categoryId: docs.map((d) => d.categoryId),
    tags: docs.map((d) => [...d.tags]),
    fingerprints: typedToBase64(fps),
    bagSizes: typedToBase64(bagSizes),
    bagTerms: typedToBase64(bagTerms),
    bagFreqs: typedToBase64(bagFreqs),
    vecSizes: typedToBase64(vecSizes),
    vecTerms: typedToBase64(vecTerms),
    vecWeights: typedToBase64(vecWeights),
  };
}

function fail(why: string): never {
  throw new TypeError(`invalid related-index snapshot: ${why}`);
}

/** Validates and unpacks a snapshot; throws TypeError on anything malformed. */
export function decodeSnapshot(input: unknown): {
  options: RelatedOptions;
  vocabulary: string[];
  docs: SnapshotDoc[];
  /** Rewrites every term id in place through `map` (vocabulary index → the new index's term id). */
  remapTerms: (map: Uint32Array) => void;
} {
  if (!input || typeof input !== 'object') fail('not an object');
  const s = input as Partial<SnapshotJson>;
  if (s.format !== FORMAT) fail('wrong format tag');
  if (s.version !== VERSION) fail(`unsupported version ${String(s.version)}`);
  const { vocabulary, ids, lengths, publishedAt, categoryId, tags } = s;
  if (!Array.isArray(vocabulary) || !Array.isArray(ids) || !Array.isArray(lengths)) fail('missing arrays');
  if (!vocabulary.every((t) => typeof t === 'string')) fail('vocabulary holds a non-string');
  if (!Array.isArray(publishedAt) || !Array.isArray(categoryId) || !Array.isArray(tags)) fail('missing arrays');
  const n = ids.length;
  if (lengths.length !== n || publishedAt.length !== n || categoryId.length !== n || tags.length !== n) {
    fail('array lengths differ');
  }
  if (typeof s.fingerprints !== 'string' || typeof s.bagSizes !== 'string') fail('missing packed arrays');
  if (typeof s.bagTerms !== 'string' || typeof s.bagFreqs !== 'string') fail('missing packed arrays');
  const fps = base64ToTyped(s.fingerprints, Uint32Array);
  const sizes = base64ToTyped(s.bagSizes, Uint32Array);
  const terms = base64ToTyped(s.bagTerms, Uint32Array);
  const freqs = base64ToTyped(s.bagFreqs, Float32Array);
  const W = MINHASH_SIZE + 1;
  if (typeof s.vecSizes !== 'string' || typeof s.vecTerms !== 'string' || typeof s.vecWeights !== 'string') {
    fail('missing packed vectors');
  }
  const vecSizes = base64ToTyped(s.vecSizes, Uint32Array);
  const vecTerms = base64ToTyped(s.vecTerms, Uint32Array);
  const vecWeights = base64ToTyped(s.vecWeights, Float32Array);
  if (vecSizes.length !== n || vecTerms.length !== vecWeights.length) fail('packed vector sizes differ');
  for (const t of terms) if (t >= vocabulary.length) fail('term id out of range');
  for (const t of vecTerms) if (t >= vocabulary.length) fail('term id out of range');
  if (fps.length !== n * W || sizes.length !== n || terms.length !== freqs.length) fail('packed sizes differ');
  const docs: SnapshotDoc[] = [];
  let at = 0;
  let vat = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!Number.isSafeInteger(id)) fail(`bad id at ${i}`);
    const size = sizes[i] as number;
    if (at + size > terms.length) fail('bag overflows');
    const vsize = vecSizes[i] as number;
    if (vat + vsize > vecTerms.length) fail('vector overflows');
    // Views into the decoded buffers: no per-article copies.
    docs.push({
      id: id as number,
      bagIds: terms.subarray(at, at + size),
      freqs: freqs.subarray(at, at + size),
      vec: vsize > 0 ? { ids: vecTerms.subarray(vat, vat + vsize), weights: vecWeights.subarray(vat, vat + vsize) } : null,
      length: Number(lengths[i]) || 0,
      fp: { sig: fps[i * W] === 1 ? fps.subarray(i * W + 1, (i + 1) * W) : null },
      publishedAt: typeof publishedAt[i] === 'number' ? (publishedAt[i] as number) : null,
      categoryId: typeof categoryId[i] === 'number' ? (categoryId[i] as number) : null,
      tags: Array.isArray(tags[i]) ? (tags[i] as unknown[]).filter((t): t is string => typeof t === 'string') : [],
    });
    at += size;
    vat += vsize;
  }
  const remapTerms = (map: Uint32Array): void => {
    for (let j = 0; j < terms.length; j++) terms[j] = map[terms[j] as number] as number;
    for (let j = 0; j < vecTerms.length; j++) vecTerms[j] = map[vecTerms[j] as number] as number;
  };
  const stored = { ...(s.options as Partial<RelatedOptions> | undefined) };
  // Snapshots written before the idf offset followed ln N meant a constant offset only.
  if (stored.idfOffsetPerLogN === undefined) stored.idfOffsetPerLogN = 0;
  // Bags in snapshots written before the title weight followed the body's length used a fixed weight.
  if (stored.titleWeightGrowth === undefined) stored.titleWeightGrowth = 0;
  return { options: resolveRelatedOptions(stored), vocabulary, docs, remapTerms };
}
