import { describe, expect, it } from 'vitest';
import { PairArena } from './pair-arena.js';

const run = (a: PairArena, slot: number): [number[], number[]] => [Array.from(a.termsOf(slot)), Array.from(a.valuesOf(slot))];

describe('PairArena', () => {
  it('keeps one run per slot and rewrites a run in place when it fits its room', () => {
    const a = new PairArena();
    a.set(0, [1, 2, 3], [0.5, 0.25, 0.125], 3);
    a.set(1, [7], [1], 1, 4);
    const before = a.start[1];
    a.set(1, [8, 9, 10], [0.5, 0.5, 0.5], 3);
    expect(a.start[1]).toBe(before);
    expect(run(a, 0)).toEqual([[1, 2, 3], [0.5, 0.25, 0.125]]);
    expect(run(a, 1)).toEqual([[8, 9, 10], [0.5, 0.5, 0.5]]);
  });

  it('moves a run that outgrows its room and reads a part of a source from an offset', () => {
    const a = new PairArena();
    a.set(0, [1], [1], 1);
    a.set(1, [2], [1], 1);
    a.set(0, [0, 4, 5, 6], [0, 0.5, 0.5, 0.5], 3, 3, 1);
    expect(run(a, 0)).toEqual([[4, 5, 6], [0.5, 0.5, 0.5]]);
    expect(run(a, 1)).toEqual([[2], [1]]);
  });

  it('reclaims cleared and moved runs when full, keeping every live run intact', () => {
    const a = new PairArena();
    const expected = new Map<number, number[]>();
    // Thousands of replacements in 50 slots: without compaction the arrays would grow without bound.
    for (let i = 0; i < 5000; i++) {
      const slot = i % 50;
      const n = 1 + (i % 37);
      const terms = Array.from({ length: n }, (_, j) => i * 100 + j);
      if (i % 7 === 0) {
        a.clear(slot);
        expected.delete(slot);
      } else {
        a.set(slot, terms, terms.map((t) => t % 3), n);
        expected.set(slot, terms);
      }
    }
    for (const [slot, terms] of expected) expect(run(a, slot)).toEqual([terms, terms.map((t) => t % 3)]);
    expect(a.terms.length).toBeLessThan(50 * 37 * 8);
  });
});
