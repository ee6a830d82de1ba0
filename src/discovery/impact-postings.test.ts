import { describe, expect, it } from 'vitest';
import { ImpactPostings } from './impact-postings.js';

function entries(p: ImpactPostings): [number, number][] {
  return Array.from({ length: p.length }, (_, i) => [p.slots[i] as number, Math.round((p.weights[i] as number) * 1000) / 1000]);
}

describe('ImpactPostings', () => {
  it('bulk-sorts by weight, highest first, ties by slot', () => {
    const p = new ImpactPostings(2);
    [[5, 0.1], [2, 0.9], [7, 0.5], [1, 0.5], [3, 0.25]].forEach(([s, w]) => p.append(s!, w!));
    p.sortAll();
    expect(entries(p)).toEqual([[2, 0.9], [1, 0.5], [7, 0.5], [3, 0.25], [5, 0.1]]);
  });

  it('sorts slots beyond the packed-key range too', () => {
    const p = new ImpactPostings();
    p.append(3_000_000, 0.2);
    p.append(1, 0.7);
    p.append(2_500_000, 0.7);
    p.sortAll();
    expect(entries(p)).toEqual([[1, 0.7], [2_500_000, 0.7], [3_000_000, 0.2]]);
  });

  it('keeps order on insert and removes by slot, near its weight or by scan', () => {
    const p = new ImpactPostings();
    p.insert(1, 0.5);
    p.insert(2, 0.9);
    p.insert(3, 0.1);
    p.insert(4, 0.5);
    expect(entries(p).map(([s]) => s)).toEqual([2, 1, 4, 3]);
    expect(p.remove(4, 0.5)).toBe(true);
    expect(p.remove(3, 0.77)).toBe(true);
    expect(p.remove(42, 0.5)).toBe(false);
    expect(entries(p)).toEqual([[2, 0.9], [1, 0.5]]);
  });
});

describe('ImpactPostings with a length limit', () => {
  it('keeps only the strongest postings, on bulk load and on insert', () => {
    const p = new ImpactPostings();
    [[1, 0.1], [2, 0.9], [3, 0.5], [4, 0.7]].forEach(([s, w]) => p.append(s!, w!));
    p.sortAll(3);
    expect(entries(p)).toEqual([[2, 0.9], [4, 0.7], [3, 0.5]]);
    p.insert(5, 0.2, 3);
    expect(entries(p).map(([s]) => s)).toEqual([2, 4, 3]);
    p.insert(6, 0.8, 3);
    expect(entries(p)).toEqual([[2, 0.9], [6, 0.8], [4, 0.7]]);
    expect(p.remove(3, 0.5)).toBe(false);
  });
});
