import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './fixed-window-limiter.js';
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
    expect([...batch].sort((x, y) => x.articleId - y.articleId || x.hour - y.hour)).toEqual([
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

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per key and window, then says how long to wait', () => {
    const m = new FixedWindowLimiter(3, 1000, 2);
    expect([1, 2, 3, 4].map(() => m.hit('a', 0))).toEqual([0, 0, 0, 1000]);
    expect(m.hit('b', 10)).toBe(0);
    expect(m.hit('a', 999)).toBe(1);
    expect(m.hit('a', 1000)).toBe(0);
  });

  it('stays bounded, forgetting the oldest window first', () => {
    const m = new FixedWindowLimiter(1, 1000, 2);
    expect(m.hit('a', 0)).toBe(0);
    expect(m.hit('b', 1)).toBe(0);
    expect(m.hit('c', 2)).toBe(0); // 'a' is forgotten
    expect(m.hit('b', 3)).toBe(998);
    expect(m.hit('a', 4)).toBe(0);
  });
});
