/** A MinHash signature of a text's word 3-shingles; `null` for texts too short to judge. */
export interface Fingerprint {
  sig: Uint32Array | null;
}

/** Bins per signature (one-permutation MinHash): the share of equal bins estimates the Jaccard similarity. */
export const MINHASH_SIZE = 32;
const BIN_SHIFT = 27;
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY_BIN = 0xffffffff;
const SHINGLE = 3;
// A syndicated copy repeats the opening; hashing more of a long text only costs time.
const MAX_TOKENS = 1024;
// Fewer tokens than this give signatures too coarse to call two texts "the same story".
const MIN_TOKENS = 4;

/** Tokens a fingerprint looks at; the rest of a long text changes nothing. */
export const FINGERPRINT_MAX_TOKENS = MAX_TOKENS;

function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** 32-bit FNV-1a of a token; the index caches it per distinct token. */
export function tokenHash(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One-permutation MinHash from precomputed token hashes: each shingle is hashed once, its top bits pick a bin
 * and the bin keeps its smallest value (Li, Owen and Zhang 2012), so the cost is one hash per shingle.
 */
export function minhashOfHashes(hashes: Uint32Array, count: number): Fingerprint {
  const n = Math.min(count, MAX_TOKENS);
  if (n < MIN_TOKENS) return { sig: null };
  const sig = new Uint32Array(MINHASH_SIZE).fill(EMPTY_BIN);
  for (let i = 0; i + SHINGLE <= n; i++) {
    const h = fmix((hashes[i] as number) ^ rotl(hashes[i + 1] as number, 11) ^ rotl(hashes[i + 2] as number, 22));
    const bin = h >>> BIN_SHIFT;
    const value = h & VALUE_MASK;
    if (value < (sig[bin] as number)) sig[bin] = value;
  }
  return { sig };
}

/** MinHash over word 3-shingles of the folded token stream (stop words kept: wording matters here). */
export function fingerprint(tokens: readonly string[]): Fingerprint {
  const n = Math.min(tokens.length, MAX_TOKENS);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = tokenHash(tokens[i] as string);
  return minhashOfHashes(hashes, n);
}

/** Estimated Jaccard similarity of the signatures at x[xo..] and y[yo..] (MINHASH_SIZE words each). */
function overlapAt(x: Uint32Array, xo: number, y: Uint32Array, yo: number): number {
  let same = 0;
  let used = 0;
  for (let j = 0; j < MINHASH_SIZE; j++) {
    const a = x[xo + j] as number;
    const b = y[yo + j] as number;
    if (a === EMPTY_BIN && b === EMPTY_BIN) continue;
    used++;
    if (a === b) same++;
  }
  return used === 0 ? 0 : same / used;
}

/** Estimated Jaccard similarity of two texts' shingle sets (0 when either is too short). */
export function resemblance(a: Fingerprint, b: Fingerprint): number {
  if (!a.sig || !b.sig) return 0;
  return overlapAt(a.sig, 0, b.sig, 0);
}

/**
 * True when the signatures at x[xo..] and y[yo..] are the same story told twice (estimated shingle
 * overlap at least `threshold`). Offsets let the index compare signatures stored side by side.
 */
export function sameStoryAt(x: Uint32Array, xo: number, y: Uint32Array, yo: number, threshold: number): boolean {
  // Most pairs are unrelated: stop as soon as too many bins differ for the overlap to reach the threshold.
  const allowed = (1 - threshold) * MINHASH_SIZE;
  let differ = 0;
  for (let j = 0; j < MINHASH_SIZE; j++) {
    const a = x[xo + j] as number;
    const b = y[yo + j] as number;
    if (a !== b && (a !== EMPTY_BIN || b !== EMPTY_BIN) && ++differ > allowed) return false;
  }
  return overlapAt(x, xo, y, yo) >= threshold;
}

/** True when two texts are the same story told twice (estimated shingle overlap at least `threshold`). */
export function isNearDuplicate(a: Fingerprint, b: Fingerprint, threshold: number): boolean {
  if (a.sig === null || b.sig === null) return false;
  return sameStoryAt(a.sig, 0, b.sig, 0, threshold);
}
