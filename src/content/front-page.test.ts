import { describe, expect, it } from 'vitest';
import { arrangeFront } from './front-page.js';

const a = (id: number) => ({ id });
const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe('arrangeFront', () => {
  it('without pins is the newest in order: lead, top stories, the rest', () => {
    const f = arrangeFront([], [1, 2, 3, 4, 5, 6, 7].map(a), 4);
    expect(f.lead?.id).toBe(1);
    expect(ids(f.top)).toEqual([2, 3, 4, 5]);
    expect(ids(f.rest)).toEqual([6, 7]);
  });

  it('puts each pin in its slot and fills the others in order', () => {
    const f = arrangeFront([{ slot: 0, item: a(90) }, { slot: 3, item: a(93) }], [1, 2, 3, 4, 5].map(a), 4);
    expect(f.lead?.id).toBe(90);
    expect(ids(f.top)).toEqual([1, 2, 93, 3]);
    expect(ids(f.rest)).toEqual([4, 5]);
  });

  it('fills a lead slot left empty (its pinned article gone) from the automatic list', () => {
    const f = arrangeFront([{ slot: 1, item: a(91) }], [1, 2].map(a), 4);
    expect(f.lead?.id).toBe(1);
    expect(ids(f.top)).toEqual([91, 2]);
    expect(f.rest).toEqual([]);
  });

  it('ignores slots beyond the top stories, and works on an empty site', () => {
    expect(ids(arrangeFront([{ slot: 9, item: a(99) }], [a(1)], 4).top)).toEqual([]);
    expect(arrangeFront([], [], 4)).toEqual({ lead: undefined, top: [], rest: [] });
  });
});
