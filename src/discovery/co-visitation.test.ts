import { describe, expect, it } from 'vitest';
import { CoVisitation } from './co-visitation.js';
import type { CoVisitationSnapshot } from './co-visitation.js';

/** Feeds whole reading sessions, oldest read first, the way the app would call recordRead. */
function feed(cv: CoVisitation, sessions: readonly (readonly number[])[]): void {
  for (const session of sessions) {
    const history: number[] = [];
    for (const id of session) {
      cv.recordRead(history, id);
      history.push(id);
    }
  }
}

const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe('CoVisitation.recordRead', () => {
  it('pairs the new read with recent reads, the closest counting most', () => {
    const cv = new CoVisitation({ shrinkage: 0 });
    feed(cv, [[1, 2, 3, 4]]);
    // Each article read once, so the cosine is the closeness weight itself: 1, 1/2, 1/3.
    expect(cv.score(4, 3)).toBeCloseTo(1, 12);
    expect(cv.score(4, 2)).toBeCloseTo(1 / 2, 12);
    expect(cv.score(4, 1)).toBeCloseTo(1 / 3, 12);
    expect(cv.score(3, 4)).toBeCloseTo(1, 12); // symmetric
    expect(cv.score(4, 5)).toBe(0);
  });

  it('looks back no further than the window of distinct recent reads', () => {
    const cv = new CoVisitation({ window: 2 });
    cv.recordRead([1, 2, 3, 2, 3], 9);
    const nine = new Map(cv.toSnapshot().items.find(([id]) => id === 9)![2]);
    expect(nine).toEqual(
      new Map([
        [3, 1],
        [2, 0.5],
      ]),
    );
    // Articles whose own reads were never recorded score 0 until they are read.
    expect(cv.score(9, 3)).toBe(0);
  });

  it('does not count a re-read of a recent article', () => {
    const cv = new CoVisitation();
    expect(cv.recordRead([1, 2], 2)).toBe(false);
    expect(cv.recordRead([1, 2], 1)).toBe(false);
    expect(cv.readCount(1)).toBe(0);
    expect(cv.recordRead([1, 2], 3)).toBe(true);
    expect(cv.readCount(3)).toBe(1);
  });

  it('counts a first read with no history as a read without pairs', () => {
    const cv = new CoVisitation();
    cv.recordRead([], 5);
    expect(cv.readCount(5)).toBe(1);
    expect(cv.alsoRead(5, 5)).toEqual([]);
  });

  it('validates its options', () => {
    expect(() => new CoVisitation({ window: 0 })).toThrow(RangeError);
    expect(() => new CoVisitation({ maxNeighbours: 1.5 })).toThrow(RangeError);
    expect(() => new CoVisitation({ shrinkage: -1 })).toThrow(RangeError);
    expect(() => new CoVisitation({ popularityDamping: 2 })).toThrow(RangeError);
  });
});

describe('CoVisitation.alsoRead', () => {
  it('normalises so that a globally popular article does not dominate', () => {
    const cv = new CoVisitation({ shrinkage: 0 });
    // 100 is read by everyone, right after whatever they read; 2 is read only after 1.
    feed(cv, [...repeat(5, [1, 2]), ...repeat(5, [1, 100]), ...Array.from({ length: 200 }, (_, i) => [1000 + i, 100])]);
    expect(cv.readCount(100)).toBe(205);
    // Raw counts tie (5 each); per-reader of 100 the pair with 1 is rare, so 2 wins.
    expect(cv.alsoRead(1, 2).map((x) => x.articleId)).toEqual([2, 100]);
    expect(cv.score(1, 2)).toBeCloseTo(5 / Math.sqrt(10 * 5), 12);
    expect(cv.score(1, 100)).toBeCloseTo(5 / Math.sqrt(10 * 205), 12);
  });

  it('lets popularity count more with a lower damping exponent', () => {
    const cv = new CoVisitation({ shrinkage: 0, popularityDamping: 0 });
    feed(cv, [...repeat(4, [1, 2]), ...repeat(5, [1, 100]), ...Array.from({ length: 200 }, (_, i) => [1000 + i, 100])]);
    expect(cv.alsoRead(1, 2).map((x) => x.articleId)).toEqual([100, 2]);
  });

  it('shrinks pairs seen once below well-attested ones', () => {
    const plain = new CoVisitation({ shrinkage: 0 });
    const shrunk = new CoVisitation({ shrinkage: 5 });
    // 1 -> 2 once (2 is read by nobody else); 1 -> 3 eight times, 3 also much read elsewhere.
    const sessions = [[1, 2], [1], ...repeat(8, [1, 3]), ...Array.from({ length: 92 }, (_, i) => [500 + i, 3])];
    feed(plain, sessions);
    feed(shrunk, sessions);
    // The plain cosine trusts the one-off: 1/sqrt(10·1) = 0.32 against 8/sqrt(10·100) = 0.25.
    expect(plain.alsoRead(1, 2).map((x) => x.articleId)).toEqual([2, 3]);
    expect(shrunk.alsoRead(1, 2).map((x) => x.articleId)).toEqual([3, 2]);
    expect(shrunk.score(1, 2) / plain.score(1, 2)).toBeCloseTo(1 / 6, 12);
    expect(shrunk.score(1, 3) / plain.score(1, 3)).toBeCloseTo(8 / 13, 12);
  });

  it('never returns the article itself or an excluded one, and honours k', () => {
    const cv = new CoVisitation();
    feed(cv, [[1, 2, 3, 4, 5], [5, 1]]);
    const ids = cv.alsoRead(1, 10, new Set([3])).map((x) => x.articleId);
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(3);
    expect(new Set(ids)).toEqual(new Set([2, 4, 5]));
    expect(cv.alsoRead(1, 2)).toHaveLength(2);
    expect(cv.alsoRead(1, 0)).toEqual([]);
    expect(cv.alsoRead(999, 5)).toEqual([]);
  });

  it('blends several seeds by weight', () => {
    const cv = new CoVisitation({ shrinkage: 0 });
    feed(cv, [...repeat(3, [1, 10]), ...repeat(3, [2, 20])]);
    const heavyOn2 = cv.alsoReadMany(
      [
        { articleId: 1, weight: 0.2 },
        { articleId: 2, weight: 1 },
      ],
      2,
    );
    expect(heavyOn2.map((x) => x.articleId)).toEqual([20, 10]);
    expect(heavyOn2[0]!.score).toBeCloseTo(1, 12);
    expect(heavyOn2[1]!.score).toBeCloseTo(0.2, 12);
    // Seeds are not excluded implicitly: the caller says what is excluded.
    expect(cv.alsoReadMany([{ articleId: 1, weight: 1 }], 5, new Set([10]))).toEqual([]);
  });
});

describe('CoVisitation memory bound', () => {
  it('keeps at most twice maxNeighbours per article, keeping the most co-read', () => {
    const cv = new CoVisitation({ maxNeighbours: 5, shrinkage: 0 });
    // 1 is read after 7 three times (7 is read by everyone), then before 500 different one-offs.
    feed(cv, [...repeat(3, [7, 1]), ...repeat(300, [7])]);
    for (let i = 0; i < 500; i++) cv.recordRead([1], 1000 + i);
    expect(cv.neighbourCount(1)).toBeLessThanOrEqual(10);
    // Each one-off scores higher (1/sqrt(3·1)) than popular 7 (3/sqrt(3·303)), but one co-read is
    // no evidence yet: pruning keeps the pair seen three times.
    expect(cv.score(1, 7)).toBeCloseTo(3 / Math.sqrt(3 * 303), 12);
    expect(cv.alsoRead(1, 10).map((x) => x.articleId)).toContain(7);
    const { articles, pairs } = cv.size();
    expect(articles).toBe(502);
    expect(pairs).toBeLessThanOrEqual(10 + 1 + 500);
  });

  it('bounds a random stream by articles × 2·maxNeighbours', () => {
    const cv = new CoVisitation({ maxNeighbours: 20, window: 10 });
    let x = 12345;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 300;
    const history: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = next();
      cv.recordRead(history.slice(-10), id);
      history.push(id);
    }
    const { articles, pairs } = cv.size();
    expect(articles).toBe(300);
    expect(pairs).toBeLessThanOrEqual(300 * 40);
  });

  it('decays counts and drops faded pairs', () => {
    const cv = new CoVisitation({ shrinkage: 0 });
    feed(cv, [...repeat(4, [1, 2]), [1, 3]]);
    cv.decay(0.1, 0.2);
    expect(cv.readCount(1)).toBeCloseTo(0.5, 12);
    expect(cv.score(1, 2)).toBeCloseTo(0.4 / Math.sqrt(0.5 * 0.4), 12);
    expect(cv.score(1, 3)).toBe(0); // 0.1 < 0.2: gone
    expect(() => cv.decay(0)).toThrow(RangeError);
  });

  it('forgets an article and its pairs', () => {
    const cv = new CoVisitation();
    feed(cv, [[1, 2, 3]]);
    cv.forget(2);
    expect(cv.readCount(2)).toBe(0);
    expect(cv.alsoRead(1, 5).map((x) => x.articleId)).toEqual([3]);
    expect(cv.alsoRead(3, 5).map((x) => x.articleId)).toEqual([1]);
  });
});

describe('CoVisitation snapshots', () => {
  it('round-trips through JSON', () => {
    const cv = new CoVisitation({ window: 4, maxNeighbours: 3, shrinkage: 2, popularityDamping: 0.3 });
    feed(cv, [[1, 2, 3, 4], [2, 5, 1], [6, 1, 2], [3, 4, 5, 6, 7]]);
    const json = JSON.stringify(cv.toSnapshot());
    const back = CoVisitation.fromSnapshot(JSON.parse(json) as CoVisitationSnapshot);
    expect(back.toSnapshot()).toEqual(cv.toSnapshot());
    expect(back.window).toBe(4);
    expect(back.popularityDamping).toBe(0.3);
    for (const id of [1, 2, 3, 4, 5, 6, 7]) expect(back.alsoRead(id, 5)).toEqual(cv.alsoRead(id, 5));
    // Learning goes on after a reload exactly as before.
    cv.recordRead([1, 2], 7);
    back.recordRead([1, 2], 7);
    expect(back.toSnapshot()).toEqual(cv.toSnapshot());
  });

  it('applies a smaller neighbour bound when loading', () => {
    const cv = new CoVisitation();
    for (let i = 0; i < 50; i++) cv.recordRead([1], 100 + i);
    const small = CoVisitation.fromSnapshot(cv.toSnapshot(), { maxNeighbours: 5 });
    expect(small.neighbourCount(1)).toBe(5);
  });

  it('rejects something that is not a snapshot', () => {
    expect(() => CoVisitation.fromSnapshot({ version: 2 } as unknown as CoVisitationSnapshot)).toThrow(TypeError);
  });
});
