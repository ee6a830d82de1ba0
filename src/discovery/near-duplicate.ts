/** A 64-bit SimHash held as two unsigned 32-bit halves; `empty` texts never match anything. */
export interface Fingerprint {
  hi: number;
  lo: number;
  empty: boolean;
}

const SHINGLE = 3;
// A syndicated copy repeats the opening; hashing more of a long text only costs time.
const MAX_TOKENS = 1024;
// Fewer tokens than this give fingerprints too coarse to call two texts "the same story".
const MIN_TOKENS = 4;
const PLANES = 12;

function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

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

/** Adds one 32-bit word to 32 bit-sliced counters (plane p holds bit p of every counter). */
function addWord(planes: Uint32Array, word: number): void {
  let carry = word;
  for (let p = 0; p < PLANES && carry !== 0; p++) {
    const c = planes[p] as number;
    planes[p] = c ^ carry;
    carry = c & carry;
  }
}

function majority(planes: Uint32Array, total: number): number {
  let out = 0;
  for (let bit = 0; bit < 32; bit++) {
    let count = 0;
    for (let p = 0; p < PLANES; p++) count |= (((planes[p] as number) >>> bit) & 1) << p;
    if (count * 2 > total) out |= 1 << bit;
  }
  return out >>> 0;
}

/** First of the two independent 32-bit hashes of a token that SimHash shingles combine. */
export function tokenHash1(token: string): number {
  return hashString(token, 0x811c9dc5);
}

/** Second token hash (another seed), so the fingerprint has 64 independent bits. */
export function tokenHash2(token: string): number {
  return hashString(token, 0x050c5d1f);
}

/** SimHash from precomputed per-token hashes (the index caches them per distinct token). */
export function simhashOfHashes(h1: Uint32Array, h2: Uint32Array, count: number): Fingerprint {
  const n = Math.min(count, MAX_TOKENS);
  if (n < MIN_TOKENS) return { hi: 0, lo: 0, empty: true };
  const hiPlanes = new Uint32Array(PLANES);
  const loPlanes = new Uint32Array(PLANES);
  const shingles = n - SHINGLE + 1;
  for (let i = 0; i < shingles; i++) {
    const a = (h1[i] as number) ^ rotl(h1[i + 1] as number, 11) ^ rotl(h1[i + 2] as number, 22);
    const b = (h2[i] as number) ^ rotl(h2[i + 1] as number, 11) ^ rotl(h2[i + 2] as number, 22);
    addWord(loPlanes, fmix(a));
    addWord(hiPlanes, fmix(b ^ 0x9e3779b9));
  }
  return { hi: majority(hiPlanes, shingles), lo: majority(loPlanes, shingles), empty: false };
}

/** SimHash over word 3-shingles of the folded token stream (stop words kept: wording matters here). */
export function simhash(tokens: readonly string[]): Fingerprint {
  const n = Math.min(tokens.length, MAX_TOKENS);
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    h1[i] = tokenHash1(tokens[i] as string);
    h2[i] = tokenHash2(tokens[i] as string);
  }
  return simhashOfHashes(h1, h2, n);
}

/** Tokens a fingerprint looks at; the rest of a long text changes nothing. */
export const SIMHASH_MAX_TOKENS = MAX_TOKENS;

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Number of differing bits between two fingerprints. */
export function hammingDistance(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

/** True when two fingerprints are close enough to be the same story told twice. */
export function isNearDuplicate(a: Fingerprint, b: Fingerprint, maxBits: number): boolean {
  if (a.empty || b.empty) return false;
  return hammingDistance(a.hi, a.lo, b.hi, b.lo) <= maxBits;
}
