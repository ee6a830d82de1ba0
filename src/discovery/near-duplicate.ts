/** A MinHash signature of a text's word 3-shingles; `null` for texts too short to judge. */
export interface Fingerprint {
  sig: Uint32Array | null;
}

/** Hash functions per signature: the share of equal slots estimates the Jaccard similarity of shingle sets. */
export const MINHASH_SIZE = 32;
const SHINGLE = 3;
// A syndicated copy repeats the opening; hashing more of a long text only costs time.
const MAX_TOKENS = 1024;
// Fewer tokens than this give signatures too coarse to call two texts "the same story".
const MIN_TOKENS = 4;

/** Tokens a fingerprint looks at; the rest of a long text changes nothing. */
export const FINGERPRINT_MAX_TOKENS = MAX_TOKENS;

const SEEDS = (() => {
  const seeds = new Uint32Array(MINHASH_SIZE);
  let x = 0x2545f491;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seeds[i] = x >>> 0;
  }
  return seeds;
})();

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

/** MinHash signature from precomputed token hashes (first `count` tokens, at most FINGERPRINT_MAX_TOKENS). */
export function minhashOfHashes(hashes: Uint32Array, count: number): Fingerprint {
  const n = Math.min(count, MAX_TOKENS);
  if (n < MIN_TOKENS) return { sig: null };
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= n; i++) {
    const shingle = fmix((hashes[i] as number) ^ rotl(hashes[i + 1] as number, 11) ^ rotl(hashes[i + 2] as number, 22));
    for (let j = 0; j < MINHASH_SIZE; j++) {
      const h = fmix(shingle ^ (SEEDS[j] as number));
      if (h < (sig[j] as number)) sig[j] = h;
    }
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

/** Estimated Jaccard similarity of two texts' shingle sets (0 when either is too short). */
export function resemblance(a: Fingerprint, b: Fingerprint): number {
  if (!a.sig || !b.sig) return 0;
  let same = 0;
  for (let j = 0; j < MINHASH_SIZE; j++) if (a.sig[j] === b.sig[j]) same++;
  return same / MINHASH_SIZE;
}

/** True when two texts are the same story told twice (estimated shingle overlap at least `threshold`). */
export function isNearDuplicate(a: Fingerprint, b: Fingerprint, threshold: number): boolean {
  return a.sig !== null && b.sig !== null && resemblance(a, b) >= threshold;
}
