// RankingBoard query cost at site scale (default 200k articles, 30 days of hourly buckets),
// against the naive baseline of summing every bucket per query with the pure rankByWindow.
import { performance } from 'node:perf_hooks';
import { HOUR_MS, RankingBoard, epochHour, rankByWindow } from '../../src/discovery/ranking.js';
import { mulberry32 } from '../../test/helpers/seeded-random.js';
import { WeightedSampler } from './recommend-sim.js';
import { percentile } from './percentile.js';
import type { RankingWindow, ViewBucket } from '../../src/discovery/ranking.js';

/** Runs the board benchmark, prints its figures and returns them for the JSON line. */
export function benchRankingBoard(nArticles: number, seed: number, bucketsPerHour = 2000): Record<string, number> {
  const rnd = mulberry32(seed ^ 0x9e3779b9);
  const NOW = Date.UTC(2025, 3, 24, 12, 30);
  const H = epochHour(NOW);
  const ids = Array.from({ length: nArticles }, (_, i) => i + 1);
  // Article popularity is Zipf over a random order, so the leaders are not simply the newest ids.
  const order = ids.map(() => rnd());
  const zipf = new WeightedSampler(ids, ids.map((id) => 1 / Math.pow(1 + order[id - 1]! * nArticles, 0.9)));

  const buckets: ViewBucket[] = [];
  for (let hour = H - 719; hour <= H; hour++) {
    const seen = new Set<number>();
    for (let i = 0; i < bucketsPerHour; i++) {
      const articleId = zipf.sample(rnd);
      if (seen.has(articleId)) continue;
      seen.add(articleId);
      buckets.push({ articleId, hour, views: 1 + Math.floor(-Math.log(1 - rnd()) * 20) });
    }
  }

  const board = new RankingBoard();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  for (const b of buckets) board.add(b.articleId, b.hour, b.views);
  const addMs = performance.now() - t;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const windows: RankingWindow[] = ['24h', '7d', '30d', 'trending', 'all'];
  const cold: Record<string, number> = {};
  for (const w of windows) {
    t = performance.now();
    board.top(w, NOW, 8);
    cold[w] = performance.now() - t;
  }

  // Warm queries as an article page makes them: k=8, excluding the page's own ~11 ids, some of
  // them leaders; views keep arriving in the current hour between queries.
  const leaders = board.top('7d', NOW, 40).map((x) => x.articleId);
  const warm: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const exclude = new Set<number>();
    for (let j = 0; j < 11; j++) exclude.add(j < 3 ? leaders[Math.floor(rnd() * leaders.length)]! : 1 + Math.floor(rnd() * nArticles));
    board.add(zipf.sample(rnd), H, 1);
    const w = windows[i % windows.length]!;
    t = performance.now();
    board.top(w, NOW, 8, exclude);
    warm.push(performance.now() - t);
  }

  // The once-an-hour step: each window subtracts the hour that left and re-selects its leaders.
  const advance: Record<string, number> = {};
  for (const w of windows) {
    t = performance.now();
    board.top(w, NOW + HOUR_MS, 8);
    advance[w] = performance.now() - t;
  }

  // Baseline: no board, sum every bucket on every query.
  const naive: number[] = [];
  for (const w of ['24h', '7d', '30d'] as RankingWindow[]) {
    t = performance.now();
    rankByWindow(buckets, w, NOW, 8);
    naive.push(performance.now() - t);
  }
  const naiveMs = naive.reduce((s, x) => s + x, 0) / naive.length;

  const p50 = percentile(warm, 0.5);
  const p99 = percentile(warm, 0.99);
  const fmt = (o: Record<string, number>): string =>
    Object.entries(o)
      .map(([w, ms]) => `${w} ${ms.toFixed(1)}`)
      .join(', ');
  console.log(
    `\nRankingBoard: ${nArticles} articles, ${buckets.length} hourly buckets over 30 days (${(buckets.length / (addMs / 1000) / 1e6).toFixed(2)} M adds/s, ~${heapMb.toFixed(0)} MB heap)`,
  );
  console.log(`  first query per window (builds running sums), ms: ${fmt(cold)}`);
  console.log(`  warm top(k=8, 11 excluded) with adds in between: p50 ${(p50 * 1000).toFixed(1)} µs, p99 ${(p99 * 1000).toFixed(1)} µs`);
  console.log(`  hour change (subtract one hour, re-select), ms: ${fmt(advance)}`);
  console.log(
    `  baseline rankByWindow over all buckets per query: ${naiveMs.toFixed(1)} ms -> board warm p50 is ${(naiveMs / p50).toFixed(0)}x faster`,
  );
  return {
    board_articles: nArticles,
    board_buckets: buckets.length,
    board_top_p50_us: Math.round(p50 * 10000) / 10,
    board_top_p99_us: Math.round(p99 * 10000) / 10,
    board_hour_change_max_ms: Math.round(Math.max(...Object.values(advance)) * 10) / 10,
    board_naive_query_ms: Math.round(naiveMs * 10) / 10,
  };
}
