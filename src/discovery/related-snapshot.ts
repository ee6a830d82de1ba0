import { MINHASH_SIZE, type Fingerprint } from './near-duplicate.js';
import { resolveRelatedOptions } from './related-options.js';
import { base64ToTyped, typedToBase64 } from './typed-base64.js';
import type { RelatedOptions } from './types.js';

/** One article as a snapshot keeps it: its analysed bag, not its text. */
export interface SnapshotDoc {
  id: number;
  terms: readonly string[];
  freqs: Float32Array;
  length: number;
  fp: Fingerprint;
  publishedAt: number | null;
  categoryId: number | null;
  tags: readonly string[];
}

const FORMAT = 'masthead-related-index';
const VERSION = 1;

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
}

/** Packs analysed bags into a compact JSON-safe object (typed arrays as base64). */
export function encodeSnapshot(options: RelatedOptions, docs: readonly SnapshotDoc[]): SnapshotJson {
  const vocab = new Map<string, number>();
  let total = 0;
  for (const d of docs) total += d.terms.length;
  const bagTerms = new Uint32Array(total);
  const bagFreqs = new Float32Array(total);
  const bagSizes = new Uint32Array(docs.length);
  const W = MINHASH_SIZE + 1;
  const fps = new Uint32Array(docs.length * W);
  let at = 0;
  docs.forEach((d, i) => {
    bagSizes[i] = d.terms.length;
    d.terms.forEach((term, j) => {
      let t = vocab.get(term);
      if (t === undefined) vocab.set(term, (t = vocab.size));
      bagTerms[at] = t;
      bagFreqs[at++] = d.freqs[j] as number;
    });
    if (d.fp.sig) {
      fps[i * W] = 1;
      fps.set(d.fp.sig, i * W + 1);
    }
  });
  return {
    format: FORMAT,
    version: VERSION,
    options: { ...options },
    vocabulary: [...vocab.keys()],
    ids: docs.map((d) => d.id),
    lengths: docs.map((d) => d.length),
    publishedAt: docs.map((d) => d.publishedAt),
    categoryId: docs.map((d) => d.categoryId),
    tags: docs.map((d) => [...d.tags]),
    fingerprints: typedToBase64(fps),
    bagSizes: typedToBase64(bagSizes),
    bagTerms: typedToBase64(bagTerms),
    bagFreqs: typedToBase64(bagFreqs),
  };
}

function fail(why: string): never {
  throw new TypeError(`invalid related-index snapshot: ${why}`);
}

/** Validates and unpacks a snapshot; throws TypeError on anything malformed. */
export function decodeSnapshot(input: unknown): { options: RelatedOptions; docs: SnapshotDoc[] } {
  if (!input || typeof input !== 'object') fail('not an object');
  const s = input as Partial<SnapshotJson>;
  if (s.format !== FORMAT) fail('wrong format tag');
  if (s.version !== VERSION) fail(`unsupported version ${String(s.version)}`);
  const { vocabulary, ids, lengths, publishedAt, categoryId, tags } = s;
  if (!Array.isArray(vocabulary) || !Array.isArray(ids) || !Array.isArray(lengths)) fail('missing arrays');
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
  if (fps.length !== n * W || sizes.length !== n || terms.length !== freqs.length) fail('packed sizes differ');
  const docs: SnapshotDoc[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!Number.isSafeInteger(id)) fail(`bad id at ${i}`);
    const size = sizes[i] as number;
    if (at + size > terms.length) fail('bag overflows');
    const docTerms: string[] = [];
    for (let j = 0; j < size; j++) {
      const term = vocabulary[terms[at + j] as number];
      if (typeof term !== 'string') fail('term id out of range');
      docTerms.push(term);
    }
    docs.push({
      id: id as number,
      terms: docTerms,
      freqs: freqs.slice(at, at + size),
      length: Number(lengths[i]) || 0,
      fp: { sig: fps[i * W] === 1 ? fps.slice(i * W + 1, (i + 1) * W) : null },
      publishedAt: typeof publishedAt[i] === 'number' ? (publishedAt[i] as number) : null,
      categoryId: typeof categoryId[i] === 'number' ? (categoryId[i] as number) : null,
      tags: Array.isArray(tags[i]) ? (tags[i] as unknown[]).filter((t): t is string => typeof t === 'string') : [],
    });
    at += size;
  }
  return { options: resolveRelatedOptions(s.options as Partial<RelatedOptions> | undefined), docs };
}
