import { describe, expect, it } from 'vitest';
import { MintLimiter } from './mint-limiter.js';
import { ViewBuffer } from './view-buffer.js';

describe('ViewBuffer', () => {
  it('sums views per article and hour, drains them in one batch and can take a failed batch back', () => {
    const b = new ViewBuffer();
    b.add(1, 100);
    b.add(1, 100);
    b.add(1, 101);
    b.add(2, 100, 5);
    expect(b.size).toBe(8);
    expect(b.pending(1)).toBe(3);
    const batch = b.drain();
    expect(batch).toEqual([
      { articleId: 1, hour: 100, views: 2 },
      { articleId: 1, hour: 101, views: 1 },
      { articleId: 2, hour: 100, views: 5 },
    ]);
    expect(b.size).toBe(0);
    b.add(1, 101);
    b.restore(batch);
    expect(b.size).toBe(9);
    expect(b.pending(1)).toBe(4);
    expect(b.drain()).toContainEqual({ articleId: 1, hour: 101, views: 2 });
  });
});

describe('MintLimiter', () => {
  it('hands one address a bounded number of new cookies per window', () => {
    const m = new MintLimiter(3, 1000, 2);
    expect([1, 2, 3, 4].map(() => m.tryMint('a', 0))).toEqual([true, true, true, false]);
    expect(m.tryMint('b', 10)).toBe(true);
    expect(m.tryMint('a', 999)).toBe(false);
    expect(m.tryMint('a', 1000)).toBe(true);
  });
});
