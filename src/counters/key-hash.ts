import { randomInt } from 'node:crypto';

/**
 * A 53-bit non-cryptographic hash of a string (cyrb53), so a dedupe entry costs one number
 * instead of a string. The seed is random per process: nobody outside can aim two keys at
 * one slot, and at a million live entries a chance collision (which only drops one view)
 * has odds of about 1 in 18,000.
 */
export function keyHasher(seed: number = randomInt(0, 2 ** 31)): (key: string, salt?: number) => number {
  // `salt` (e.g. an article id) is mixed into the starting state, so (reader, article) hashes
  // without building a "reader|article" string on every request.
  return (key: string, salt = 0) => {
    let h1 = 0xdeadbeef ^ seed ^ Math.imul(salt, 0x9e3779b1);
    let h2 = 0x41c6ce57 ^ seed ^ Math.imul(salt + 0x632be5ab, 0x85ebca77);
    for (let i = 0; i < key.length; i++) {
      const ch = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  };
}
