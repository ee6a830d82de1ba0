import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  RankingBoard,
  compareRanked,
  decayFactor,
  epochHour,
  rankByWindow,
  rankTrending,
  selectTop,
  trendingScores,
  windowStartHour,
} from './ranking.js';
import type { RankingWindow, ViewBucket } from './ranking.js';
import { mulberry32 } from '../../test/helpers/seeded-random.js';

// A fake clock: 2025-04-24 12:30 UTC, mid-hour so boundaries are about whole hours, not the minute.
const NOW = Date.UTC(2025, 3, 24, 12, 30);
const H = epochHour(NOW);
const at = (hour: number, minute = 0): number => hour * HOUR_MS + minute * 60_000;
const b = (articleId: number, hour: number, views: number): ViewBucket => ({ articleId, hour, views });


describe('windowStartHour', () => {
  it('counts the current hour as one of the window hours', () => {
    expect(windowStartHour('24h', NOW)).toBe(H - 23);
    expect(windowStartHour('7d', NOW)).toBe(H - 167);
    expect(windowStartHour('30d', NOW)).toBe(H - 719);
  });

  it('has no start for all and trending', () => {
    expect(windowStartHour('all', NOW)).toBeNull();
    expect(windowStartHour('trending', NOW)).toBeNull();
  });

  it('moves on the hour, not before', () => {
    expect(windowStartHour('24h', at(H, 59))).toBe(H - 23);
    expect(windowStartHour('24h', at(H + 1, 0))).toBe(H - 22);
  });
});

describe('rankByWindow', () => {
  it('sums views inside the window only, boundaries inclusive', () => {
    const buckets = [
      b(1, H, 5),
      b(1, H - 23, 5), // first hour of 24h: in
      b(2, H - 24, 100), // one hour too old for 24h
      b(2, H - 167, 1), // first hour of 7d
      b(3, H - 168, 1000), // too old for 7d, in 30d
      b(4, H - 720, 9999), // too old even for 30d
    ];
    expect(rankByWindow(buckets, '24h', NOW, 10)).toEqual([{ articleId: 1, score: 10 }]);
    expect(rankByWindow(buckets, '7d', NOW, 10)).toEqual([
      { articleId: 2, score: 101 },
      { articleId: 1, score: 10 },
    ]);
    expect(rankByWindow(buckets, '30d', NOW, 10).map((x) => x.articleId)).toEqual([3, 2, 1]);
    expect(rankByWindow(buckets, 'all', NOW, 10).map((x) => x.articleId)).toEqual([4, 3, 2, 1]);
  });

  it('ignores buckets from the future (clock skew) in timed windows', () => {
    expect(rankByWindow([b(1, H + 1, 50), b(2, H, 1)], '24h', NOW, 5)).toEqual([{ articleId: 2, score: 1 }]);
  });

  it('breaks ties by score desc, then articleId desc', () => {
    const buckets = [b(10, H, 3), b(30, H, 3), b(20, H, 3), b(5, H, 4)];
    expect(rankByWindow(buckets, '24h', NOW, 10).map((x) => x.articleId)).toEqual([5, 30, 20, 10]);
  });

  it('honours k and the exclusion set', () => {
    const buckets = [b(1, H, 10), b(2, H, 9), b(3, H, 8), b(4, H, 7)];
    expect(rankByWindow(buckets, '24h', NOW, 2, { exclude: new Set([1]) }).map((x) => x.articleId)).toEqual([2, 3]);
    expect(rankByWindow(buckets, '24h', NOW, 0)).toEqual([]);
  });

  it('rejects negative views', () => {
    expect(() => rankByWindow([b(1, H, -1)], '24h', NOW, 3)).toThrow(RangeError);
  });
});

describe('trending', () => {
  it('decays views by half every half-life', () => {
    expect(decayFactor(0, 6)).toBe(1);
    expect(decayFactor(6, 6)).toBe(0.5);
    expect(decayFactor(12, 6)).toBe(0.25);
    const scores = trendingScores([b(1, H, 8), b(1, H - 6, 8), b(2, H - 12, 8)], NOW, 6);
    expect(scores.get(1)).toBe(12);
    expect(scores.get(2)).toBe(2);
  });

  it('lets fresh views beat a larger but older count', () => {
    const buckets = [b(1, H - 48, 100), b(2, H - 1, 20)];
    expect(rankTrending(buckets, NOW, 2, { halfLifeHours: 6 }).map((x) => x.articleId)).toEqual([2, 1]);
    // ...while the plain 7-day window still prefers the bigger count.
    expect(rankByWindow(buckets, '7d', NOW, 2).map((x) => x.articleId)).toEqual([1, 2]);
  });

  it('is what rankByWindow returns for the trending window', () => {
    const buckets = [b(1, H - 3, 10), b(2, H, 6)];
    expect(rankByWindow(buckets, 'trending', NOW, 5)).toEqual(rankTrending(buckets, NOW, 5));
  });

  it('forgets buckets beyond the 30-day horizon', () => {
    expect(trendingScores([b(1, H - 720, 1e9)], NOW, 1000).size).toBe(0);
  });

  it('rejects a non-positive half-life', () => {
    expect(() => trendingScores([], NOW, 0)).toThrow(RangeError);
    expect(() => new RankingBoard({ halfLifeHours: -1 })).toThrow(RangeError);
  });
});

describe('selectTop', () => {
  it('matches a full sort for any k', () => {
    const rnd = mulberry32(7);
    const entries: [number, number][] = [];
    for (let i = 0; i < 500; i++) entries.push([i, Math.floor(rnd() * 20)]);
    const full = entries
      .filter(([, s]) => s > 0)
      .map(([articleId, score]) => ({ articleId, score }))
      .sort(compareRanked);
    for (const k of [1, 8, 64, 499, 1000]) expect(selectTop(entries, k)).toEqual(full.slice(0, k));
  });
});

describe('RankingBoard', () => {
  it('ranks each window like the pure functions', () => {
    const board = new RankingBoard({ cacheSize: 4 });
    const buckets = [b(1, H, 5), b(1, H - 23, 5), b(2, H - 24, 100), b(3, H - 168, 1000), b(4, H - 2, 7)];
    for (const x of buckets) board.add(x.articleId, x.hour, x.views);
    for (const w of ['24h', '7d', '30d', 'all', 'trending'] as RankingWindow[]) {
      expect(board.top(w, NOW, 10)).toEqual(rankByWindow(buckets, w, NOW, 10));
    }
  });

  it('keeps cached leaders exact while views arrive in the same hour', () => {
    const board = new RankingBoard({ cacheSize: 2 });
    board.add(1, H, 10);
    board.add(2, H, 9);
    board.add(3, H, 8);
    expect(board.top('24h', NOW, 2).map((x) => x.articleId)).toEqual([1, 2]);
    board.add(3, H, 5); // 13: jumps from outside the cached pair to the top
    expect(board.top('24h', NOW, 3)).toEqual([
      { articleId: 3, score: 13 },
      { articleId: 1, score: 10 },
      { articleId: 2, score: 9 },
    ]);
    board.add(2, H - 1, 1); // 10: ties with 1 and wins on the higher id
    expect(board.top('24h', NOW, 3).map((x) => x.articleId)).toEqual([3, 2, 1]);
    expect(board.top('all', NOW, 1)).toEqual([{ articleId: 3, score: 13 }]);
  });

  it('moves the window when the hour changes', () => {
    const board = new RankingBoard();
    board.add(1, H - 23, 50);
    board.add(2, H, 10);
    expect(board.top('24h', NOW, 2).map((x) => x.articleId)).toEqual([1, 2]);
    // One hour later article 1's only bucket has left the 24-hour window.
    expect(board.top('24h', NOW + HOUR_MS, 2)).toEqual([{ articleId: 2, score: 10 }]);
    // The clock may go back (another process, a test): the board recomputes.
    expect(board.top('24h', NOW, 2).map((x) => x.articleId)).toEqual([1, 2]);
    // A jump past the whole window.
    expect(board.top('24h', NOW + 100 * HOUR_MS, 2)).toEqual([]);
    expect(board.top('all', NOW + 100 * HOUR_MS, 2).map((x) => x.articleId)).toEqual([1, 2]);
  });

  it('counts a future bucket once its hour arrives', () => {
    const board = new RankingBoard();
    board.add(1, H, 1);
    expect(board.top('24h', NOW, 5)).toHaveLength(1);
    board.add(2, H + 1, 5);
    expect(board.top('24h', NOW, 5)).toHaveLength(1);
    expect(board.top('24h', NOW + HOUR_MS, 5).map((x) => x.articleId)).toEqual([2, 1]);
  });

  it('decays trending as the hours pass', () => {
    const board = new RankingBoard({ halfLifeHours: 6 });
    board.add(1, H, 64);
    expect(board.top('trending', NOW, 1)).toEqual([{ articleId: 1, score: 64 }]);
    expect(board.top('trending', NOW + 6 * HOUR_MS, 1)[0]!.score).toBeCloseTo(32, 9);
    board.add(2, H + 6, 40);
    expect(board.top('trending', NOW + 6 * HOUR_MS, 2).map((x) => x.articleId)).toEqual([2, 1]);
    expect(board.top('trending', NOW + 12 * HOUR_MS, 2)[1]!.score).toBeCloseTo(16, 9);
  });

  it('excludes ids, digging past the cached leaders when it must', () => {
    const board = new RankingBoard({ cacheSize: 3 });
    for (let id = 1; id <= 10; id++) board.add(id, H, id);
    const exclude = new Set([10, 9, 8, 7]);
    expect(board.top('7d', NOW, 3, exclude).map((x) => x.articleId)).toEqual([6, 5, 4]);
    expect(board.top('all', NOW, 3, exclude).map((x) => x.articleId)).toEqual([6, 5, 4]);
    expect(board.top('7d', NOW, 2, new Set([10])).map((x) => x.articleId)).toEqual([9, 8]);
  });

  it('prunes buckets older than 30 days but keeps all-time totals', () => {
    const board = new RankingBoard();
    board.add(1, H - 719, 5);
    board.add(1, H - 720, 100);
    board.add(2, H, 10);
    expect(board.top('30d', NOW, 5)).toEqual([
      { articleId: 2, score: 10 },
      { articleId: 1, score: 5 },
    ]);
    board.prune(NOW);
    expect(board.bucketCount()).toBe(2);
    expect(board.oldestHour()).toBe(H - 719);
    expect(board.top('all', NOW, 5)).toEqual([
      { articleId: 1, score: 105 },
      { articleId: 2, score: 10 },
    ]);
    board.prune(NOW + HOUR_MS);
    expect(board.bucketCount()).toBe(1);
    expect(board.top('30d', NOW + HOUR_MS, 5)).toEqual([{ articleId: 2, score: 10 }]);
  });

  it('rebuilds a window whose hours were pruned under it', () => {
    const board = new RankingBoard();
    board.add(1, H - 700, 5);
    board.add(2, H, 1);
    expect(board.top('30d', NOW, 5)).toHaveLength(2);
    board.prune(NOW + 30 * HOUR_MS); // drops H-700 while the cached 30d window still covers it
    expect(board.top('30d', NOW + 30 * HOUR_MS, 5)).toEqual([{ articleId: 2, score: 1 }]);
  });

  it('takes all-time totals from the store and forgets removed articles', () => {
    const board = new RankingBoard();
    board.add(1, H, 3);
    board.add(2, H, 2);
    board.setTotal(2, 5000);
    board.setTotal(1, 4000);
    expect(board.top('all', NOW, 2).map((x) => x.articleId)).toEqual([2, 1]);
    board.remove(2);
    expect(board.top('all', NOW, 2).map((x) => x.articleId)).toEqual([1]);
    expect(board.top('24h', NOW, 2).map((x) => x.articleId)).toEqual([1]);
  });

  it('keeps its windows right as articles outgrow the arrays', () => {
    const board = new RankingBoard({ cacheSize: 4 });
    const all: ViewBucket[] = [b(1, H, 3), b(2, H - 30, 4)];
    for (const x of all) board.add(x.articleId, x.hour, x.views);
    for (const w of ['24h', '7d', '30d', 'all', 'trending'] as RankingWindow[]) board.top(w, NOW, 3);
    for (let id = 10; id < 5000; id++) {
      const bucket = b(id, H - (id % 200), 1 + (id % 7));
      all.push(bucket);
      board.add(bucket.articleId, bucket.hour, bucket.views);
    }
    for (const w of ['24h', '7d', '30d', 'all'] as RankingWindow[]) {
      expect(board.top(w, NOW, 10)).toEqual(rankByWindow(all, w, NOW, 10));
      expect(board.top(w, NOW + 5 * HOUR_MS, 10)).toEqual(rankByWindow(all, w, NOW + 5 * HOUR_MS, 10));
    }
    expect(board.top('trending', NOW, 10).map((x) => x.articleId)).toEqual(rankTrending(all, NOW, 10).map((x) => x.articleId));
  });

  it('agrees with the pure functions over random traffic and a moving clock', () => {
    const rnd = mulberry32(42);
    const board = new RankingBoard({ cacheSize: 5, halfLifeHours: 6 });
    const all: ViewBucket[] = [];
    let now = NOW;
    for (let step = 0; step < 60; step++) {
      for (let i = 0; i < 40; i++) {
        const bucket = b(1 + Math.floor(rnd() * 30), epochHour(now) - Math.floor(rnd() * rnd() * 300), 1 + Math.floor(rnd() * 5));
        all.push(bucket);
        board.add(bucket.articleId, bucket.hour, bucket.views);
      }
      const exclude = new Set([Math.floor(rnd() * 30), Math.floor(rnd() * 30)]);
      for (const w of ['24h', '7d', '30d', 'all'] as RankingWindow[]) {
        expect(board.top(w, now, 8, exclude)).toEqual(rankByWindow(all, w, now, 8, { exclude }));
      }
      const got = board.top('trending', now, 8, exclude);
      const want = rankTrending(all, now, 8, { exclude, halfLifeHours: 6 });
      expect(got.map((x) => x.score)).toEqual(want.map((x) => expect.closeTo(x.score, 6)));
      now += Math.floor(rnd() * 5) * HOUR_MS;
    }
  });
});
