import { describe, expect, it } from 'vitest';
import { idf, idfTable, saturate, weighBag, type WeighParams } from './weigh.js';

const P: WeighParams = { idfOffset: 1, tfMode: 'bm25', k1: 1.2, b: 0.5, maxDfRatio: 0.5, maxTerms: 2 };

describe('weighting', () => {
  it('gives no weight to terms no other article shares, or that are in most articles', () => {
    expect(idf(1, 1000, 0.5)).toBe(0);
    expect(idf(600, 1000, 0.5)).toBe(0);
    expect(idf(10, 1000, 0.5)).toBeGreaterThan(idf(100, 1000, 0.5));
    // Tiny collections keep common terms (a max_df cut would delete the vocabulary).
    expect(idf(3, 4, 0.5)).toBeGreaterThan(0);
  });

  it('saturates term frequency and normalises by length', () => {
    expect(saturate(10, 100, 100, 1.2, 0.5)).toBeLessThan(10 * saturate(1, 100, 100, 1.2, 0.5));
    expect(saturate(2, 50, 100, 1.2, 0.5)).toBeGreaterThan(saturate(2, 200, 100, 1.2, 0.5));
  });

  it('keeps the most distinctive terms, L2-normalised, heaviest first', () => {
    const df = Int32Array.from([0, 2, 50, 5, 1]);
    const v = weighBag(Uint32Array.from([4, 2, 3, 1]), Float32Array.from([9, 1, 1, 1]), 12, df, { docCount: 100, avgLength: 12 }, P);
    // Term 4 is unshared (df 1): no weight. The two rarest shared terms (1 and 3) win over common term 2.
    expect(Array.from(v.ids)).toEqual([1, 3]);
    expect(df[1]).toBeLessThan(df[3]!);
    const norm = Math.hypot(...Array.from(v.weights));
    expect(norm).toBeCloseTo(1, 5);
    expect(v.weights[0]).toBeGreaterThan(v.weights[1]!);
  });

  it('returns an empty vector when nothing is shared', () => {
    const v = weighBag(Uint32Array.from([0]), Float32Array.from([3]), 3, Int32Array.from([1]), { docCount: 10, avgLength: 3 }, P);
    expect(v.ids.length).toBe(0);
  });

  it('breaks weight ties by lower term id, at the cut too', () => {
    // Four terms of equal df and frequency weigh the same: the two lowest ids are kept, in id order.
    const df = Int32Array.from([0, 0, 0, 4, 0, 4, 4, 4]);
    const v = weighBag(Uint32Array.from([7, 5, 3, 6]), Float32Array.from([1, 1, 1, 1]), 4, df, { docCount: 100, avgLength: 4 }, P);
    expect(Array.from(v.ids)).toEqual([3, 5]);
    expect(v.weights[0]).toBe(v.weights[1]);
  });

  it('orders a vocabulary of millions of terms the same way', () => {
    const big = 5_000_000;
    const df = new Int32Array(big + 4);
    df[big + 1] = 2;
    df[big + 2] = 2;
    df[big + 3] = 40;
    const bag = Uint32Array.from([big + 3, big + 2, big + 1]);
    const v = weighBag(bag, Float32Array.from([1, 1, 1]), 3, df, { docCount: 100, avgLength: 3 }, { ...P, maxTerms: 3 });
    expect(Array.from(v.ids)).toEqual([big + 1, big + 2, big + 3]);
    expect(v.weights[0]).toBe(v.weights[1]);
    expect(v.weights[1]).toBeGreaterThan(v.weights[2]!);
  });

  it('gives the same vector from an idf table as from document frequencies', () => {
    const df = Int32Array.from([0, 2, 50, 5, 1, 9]);
    const stats = { docCount: 100, avgLength: 12 };
    const bag = Uint32Array.from([4, 2, 3, 1, 5]);
    const freqs = Float32Array.from([9, 1, 2, 1, 3]);
    const params = { ...P, maxTerms: 10 };
    const direct = weighBag(bag, freqs, 12, df, stats, params);
    const tabled = weighBag(bag, freqs, 12, df, stats, params, idfTable(df, df.length, stats, params));
    expect(Array.from(tabled.ids)).toEqual(Array.from(direct.ids));
    expect(Array.from(tabled.weights)).toEqual(Array.from(direct.weights));
  });
});
