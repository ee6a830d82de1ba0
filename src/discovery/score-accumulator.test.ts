import { describe, expect, it } from 'vitest';
import { ImpactPostings } from './impact-postings.js';
import { ScoreAccumulator } from './score-accumulator.js';

function list(entries: [number, number][]): ImpactPostings {
  const p = new ImpactPostings();
  for (const [s, w] of entries) p.append(s, w);
  p.sortAll();
  return p;
}

describe('ScoreAccumulator', () => {
  // Term 0: a short list; term 1: a long one.
  const postings = [
    list([[1, 0.9]]),
    list(Array.from({ length: 10 }, (_, i): [number, number] => [10 + i, 1 - i / 20])),
  ];
  const q = { ids: Uint32Array.from([0, 1]), weights: Float32Array.from([0.8, 0.6]) };

  /** Both terms added with a generous budget, slot 10 blocked. */
  function accumulatedWithSlot10Blocked(): ScoreAccumulator {
    const acc = new ScoreAccumulator();
    acc.ensure(64);
    acc.block(10);
    acc.add(q, postings, 30, 100, null);
    return acc;
  }

  it('sums query weight × posting weight and ranks, never returning a blocked slot', () => {
    const acc = accumulatedWithSlot10Blocked();
    const best = acc.best(3);
    expect(best.slots).toEqual([1, 11, 12]);
    expect(best.scores[0]).toBeCloseTo(0.72, 5);
    acc.reset();
    acc.unblock(10);
    expect(acc.best(3).slots).toEqual([]);
  });

  it('shares one budget: what a short list leaves flows to the next term', () => {
    const acc = new ScoreAccumulator();
    acc.ensure(64);
    // Budget 2 × 3 = 6 postings: term 0 uses 1, so term 1 may visit 5 (a flat 3 per term would stop at 3).
    acc.add(q, postings, 30, 3, null);
    expect(acc.best(100).slots).toHaveLength(6);
    acc.reset();
  });

  it('skips terms already added and reports the ones it used', () => {
    const acc = new ScoreAccumulator();
    acc.ensure(64);
    const used = acc.add(q, postings, 30, 100, new Set([1]));
    expect([...used]).toEqual([0]);
    expect(acc.best(100).slots).toEqual([1]);
    acc.reset();
  });

  it('bestAndReset ranks like best and leaves every score cleared, blocked slots still blocked', () => {
    const acc = accumulatedWithSlot10Blocked();
    const expected = acc.best(3);
    expect(acc.bestAndReset(3)).toEqual(expected);
    expect(acc.best(3).slots).toEqual([]);
    acc.add(q, postings, 30, 100, null);
    expect(acc.best(3)).toEqual(expected);
    acc.reset();
    acc.unblock(10);
  });
});
