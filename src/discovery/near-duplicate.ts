/** A 64-bit SimHash held as two unsigned 32-bit halves; `empty` texts never match anything. */
export interface Fingerprint {
  hi: number;
  lo: number;
  empty: boolean;
}

const SHINGLE = 3;
const MAX_SHINGLES = 4000;
// Fewer tokens than this give fingerprints too coarse to call two texts "the same story".
const MIN_TOKENS = 4;

function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** SimHash over word 3-shingles of the folded token stream (stop words kept: wording matters here). */
export function simhash(tokens: readonly string[]): Fingerprint {
  if (tokens.length < MIN_TOKENS) return { hi: 0, lo: 0, empty: true };
  const n = Math.min(tokens.length, MAX_SHINGLES + SHINGLE - 1);
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string;
    h1[i] = hashString(t, 0x811c9dc5);
    h2[i] = hashString(t, 0x050c5d1f);
  }
  const counts = new Int32Array(64);
  for (let i = 0; i + SHINGLE <= n; i++) {
    let a = 0x9747b28c;
    let b = 0x1b873593;
    for (let j = 0; j < SHINGLE; j++) {
      a = mix(a, h1[i + j] as number);
      b = mix(b, h2[i + j] as number);
    }
    for (let bit = 0; bit < 32; bit++) {
      counts[bit] = (counts[bit] as number) + (((a >>> bit) & 1) === 1 ? 1 : -1);
      counts[bit + 32] = (counts[bit + 32] as number) + (((b >>> bit) & 1) === 1 ? 1 : -1);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((counts[bit] as number) > 0) lo |= 1 << bit;
    if ((counts[bit + 32] as number) > 0) hi |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0, empty: false };
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
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
