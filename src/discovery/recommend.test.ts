import { describe, expect, it } from 'vitest';
import { CoVisitation } from './co-visitation.js';
import { recommend, recommendExplained } from './recommend.js';
import type { RecommendInput, SimilarTo } from './recommend.js';

const NOW = Date.UTC(2025, 3, 24, 12, 0);

/** Co-visitation where readers of 1 went on to 11, 12, 13 (in that strength) and readers of 2 to 21. */
function trained(): CoVisitation {
  const cv = new CoVisitation({ shrinkage: 0 });
  const sessions = [
    ...Array.from({ length: 6 }, () => [1, 11]),
    ...Array.from({ length: 4 }, () => [1, 12]),
    ...Array.from({ length: 2 }, () => [1, 13]),
    ...Array.from({ length: 5 }, () => [2, 21]),
  ];
  for (const s of sessions) {
    const h: number[] = [];
    for (const id of s) {
      cv.recordRead(h, id);
      h.push(id);
    }
  }
  return cv;
}

/** A content engine stand-in: a fixed list, filtered by the exclusions it is given. */
function fixedSimilar(list: number[], calls: { ids: readonly number[]; k: number; exclude: ReadonlySet<number> }[] = []): SimilarTo {
  return (ids, k, exclude) => {
    calls.push({ ids: [...ids], k, exclude: new Set(exclude) });
    return list.filter((id) => !exclude.has(id)).slice(0, k);
  };
}

function input(over: Partial<RecommendInput> = {}): RecommendInput {
  return {
    currentId: 1,
    k: 8,
    editorPicks: [],
    nowMs: NOW,
    history: [1],
    exclude: new Set(),
    coVisitation: trained(),
    ...over,
  };
}

describe('recommend', () => {
  it('orders editor picks, readers-also-read, similar content, then the fallback', () => {
    const got = recommendExplained(
      input({
        k: 8,
        editorPicks: [{ articleId: 50 }, { articleId: 51, expiresAt: NOW + 60_000 }],
        history: [2, 1],
        similarTo: fixedSimilar([60, 61]),
        fallback: [70, 71, 72],
      }),
    );
    expect(got).toEqual([
      { articleId: 50, source: 'editor' },
      { articleId: 51, source: 'editor' },
      // 2 -> 21 is the strongest pair (cosine 1, times 0.8 for an earlier read) above 1 -> 11 (0.71).
      { articleId: 21, source: 'also-read' },
      { articleId: 11, source: 'also-read' },
      { articleId: 12, source: 'also-read' },
      { articleId: 13, source: 'also-read' },
      { articleId: 60, source: 'similar' },
      { articleId: 61, source: 'similar' },
    ]);
  });

  it('falls back when the other sources run dry, and returns ids only from recommend()', () => {
    expect(recommend(input({ k: 6, fallback: [70, 71, 72] }))).toEqual([11, 12, 13, 70, 71, 72]);
  });

  it('drops expired editor picks', () => {
    const ids = recommend(
      input({
        editorPicks: [
          { articleId: 50, expiresAt: NOW },
          { articleId: 51, expiresAt: NOW - 1 },
          { articleId: 52, expiresAt: null },
        ],
        coVisitation: new CoVisitation(),
      }),
    );
    expect(ids).toEqual([52]);
  });

  it('lets editor picks fill the whole list', () => {
    const picks = [50, 51, 52].map((articleId) => ({ articleId }));
    expect(recommend(input({ k: 2, editorPicks: picks }))).toEqual([50, 51]);
  });

  it('never returns the current article, an excluded one or one already read, whatever the source', () => {
    const ids = recommend(
      input({
        currentId: 1,
        history: [12, 1],
        exclude: new Set([11, 60]),
        editorPicks: [{ articleId: 1 }, { articleId: 11 }, { articleId: 12 }, { articleId: 50 }],
        similarTo: (_ids, k) => [1, 11, 12, 60, 61].slice(0, k + 5), // ignores its exclude argument
        fallback: [1, 11, 12, 60, 70],
      }),
    );
    expect(ids).toEqual([50, 13, 61, 70]);
  });

  it('dedupes across sources', () => {
    const ids = recommend(
      input({
        editorPicks: [{ articleId: 12 }, { articleId: 12 }],
        similarTo: fixedSimilar([11, 13, 60]),
        history: [5, 1],
        fallback: [60, 13, 70],
      }),
    );
    expect(ids).toEqual([12, 11, 13, 60, 70]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('honours k, including k = 0', () => {
    expect(recommend(input({ k: 2 }))).toEqual([11, 12]);
    expect(recommend(input({ k: 0, editorPicks: [{ articleId: 50 }] }))).toEqual([]);
  });

  it('asks content similarity about recent reads newest first, then the current article, with every exclusion', () => {
    const calls: { ids: readonly number[]; k: number; exclude: ReadonlySet<number> }[] = [];
    recommend(
      input({
        currentId: 1,
        k: 5,
        history: [7, 8, 9, 1],
        exclude: new Set([40]),
        editorPicks: [{ articleId: 50 }],
        coVisitation: new CoVisitation(),
        similarTo: fixedSimilar([], calls),
      }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.ids).toEqual([9, 8, 7, 1]);
    expect(calls[0]!.k).toBe(4);
    expect([...calls[0]!.exclude].sort((a, b) => a - b)).toEqual([1, 7, 8, 9, 40, 50]);
  });

  it('keeps places for similar content when asked to, if the reader has a history', () => {
    const opts = { contentSlots: 2 };
    const similarTo = fixedSimilar([60, 61, 62]);
    const withHistory = recommendExplained(input({ k: 4, history: [5, 1], similarTo, options: opts }));
    expect(withHistory.map((r) => r.source)).toEqual(['also-read', 'also-read', 'similar', 'similar']);
    // Without earlier reads there is no taste to follow: "also read" keeps every place.
    const firstRead = recommendExplained(input({ k: 4, history: [1], similarTo, options: opts }));
    expect(firstRead.map((r) => r.articleId)).toEqual([11, 12, 13, 60]);
  });

  it('gives unused similarity places back to readers-also-read', () => {
    const got = recommend(input({ k: 3, history: [5, 1], similarTo: fixedSimilar([]), options: { contentSlots: 2 } }));
    expect(got).toEqual([11, 12, 13]);
  });

  it('weighs earlier reads by historyWeight against the current article', () => {
    const cv = trained();
    const options = { historyWeight: 0.5 };
    expect(recommend(input({ coVisitation: cv, currentId: 1, history: [2, 1], k: 1, options }))).toEqual([11]);
    expect(recommend(input({ coVisitation: cv, currentId: 2, history: [1, 2], k: 1, options }))).toEqual([21]);
    expect(recommend(input({ coVisitation: cv, currentId: 1, history: [2, 1], k: 1, options: { historyWeight: 0 } }))).toEqual([11]);
  });
});
