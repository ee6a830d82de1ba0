import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps the best entries, best first, ties to the lower slot', () => {
    const top = new TopK(3);
    [[10, 0.1], [11, 0.9], [12, 0.5], [13, 0.5], [14, 0.7], [9, 0.5]].forEach(([s, v]) => top.push(s!, v!));
    expect(top.drain()).toEqual({ slots: [11, 14, 9], scores: [0.9, 0.7, 0.5] });
    expect(top.length).toBe(0);
  });

  it('matches a full sort on random input', () => {
    let seed = 42;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000) / 1000;
    const items = Array.from({ length: 500 }, (_, i) => ({ s: i, v: rnd() }));
    const top = new TopK(25);
    for (const { s, v } of items) top.push(s, v);
    const expected = [...items].sort((a, b) => b.v - a.v || a.s - b.s).slice(0, 25);
    expect(top.drain().slots).toEqual(expected.map((e) => e.s));
  });
});
