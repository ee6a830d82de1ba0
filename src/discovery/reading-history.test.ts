import { describe, expect, it } from 'vitest';
import { appendRead, parseHistory, recentReads, serializeHistory } from './reading-history.js';

describe('appendRead', () => {
  it('appends newest last and keeps the last N reads', () => {
    expect(appendRead([1, 2], 3)).toEqual([1, 2, 3]);
    expect(appendRead([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
    expect(appendRead([1, 2], 3, 0)).toEqual([]);
  });

  it('moves a re-read article to the end instead of listing it twice', () => {
    expect(appendRead([1, 2, 3], 1)).toEqual([2, 3, 1]);
  });

  it('does not change its input', () => {
    const h = [1, 2];
    appendRead(h, 3);
    expect(h).toEqual([1, 2]);
  });

  it('defaults to 50 reads', () => {
    let h: number[] = [];
    for (let id = 1; id <= 60; id++) h = appendRead(h, id);
    expect(h).toHaveLength(50);
    expect(h[0]).toBe(11);
  });
});

describe('recentReads', () => {
  it('lists distinct reads newest first, skipping the current article', () => {
    expect(recentReads([1, 2, 3, 2, 4], 3, 4)).toEqual([2, 3, 1]);
    expect(recentReads([1, 2, 3], 2)).toEqual([3, 2]);
    expect(recentReads([], 5)).toEqual([]);
  });
});

describe('history text form', () => {
  it('round-trips', () => {
    const h = [1, 35, 36, 123456789];
    expect(serializeHistory(h)).toBe('1.z.10.21i3v9');
    expect(parseHistory(serializeHistory(h))).toEqual(h);
  });

  it('skips garbage from clients instead of throwing', () => {
    expect(parseHistory('1.<script>.2..0.zzzzzzzzzzzz.3')).toEqual([1, 2, 3]);
    expect(parseHistory(undefined)).toEqual([]);
    expect(parseHistory('')).toEqual([]);
  });

  it('keeps at most maxLength reads, the newest', () => {
    expect(parseHistory('1.2.3.4', 2)).toEqual([3, 4]);
    expect(parseHistory('1.2.1', 5)).toEqual([2, 1]);
  });
});
