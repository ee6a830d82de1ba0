// npm run bench:recommend — simulated readers, hold-out of each reader's next read, hit rate@8 of
// Masthead's Recommendation against a most-viewed baseline and single-source variants, plus
// recommend() latency and RankingBoard query cost. Everything is seeded: same flags, same figures.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CoVisitation } from '../src/discovery/co-visitation.js';
import { RankingBoard, epochHour } from '../src/discovery/ranking.js';
import { appendRead } from '../src/discovery/reading-history.js';
import { recommend, recommendExplained } from '../src/discovery/recommend.js';
import { loadContentEngine } from './lib/recommend-content.js';
import { benchRankingBoard } from './lib/recommend-ranking-board.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';
import { World, loadCorpus } from './lib/recommend-sim.js';
import { percentile } from './lib/percentile.js';
import type { RecommendInput, RecommendOptions, RecommendationSource } from '../src/discovery/recommend.js';

const { values: args } = parseArgs({
  options: {
    // The repository root's ../shared/corpus, wherever the script is started from.
    corpus: {
      type: 'string',
      default: fileURLToPath(new URL('../../shared/corpus/huffpost_news_category_13k.jsonl.gz', import.meta.url)),
    },
    seed: { type: 'string', default: '20250424' },
    train: { type: 'string', default: '20000' },
    eval: { type: 'string', default: '3000' },
    zipf: { type: 'string', default: '1.0' },
    explore: { type: 'string', default: '0.1' },
    fresh: { type: 'string', default: '0.05' },
    'mean-reads': { type: 'string', default: '8' },
    k: { type: 'string', default: '8' },
    related: { type: 'string', default: '10' },
    'history-length': { type: 'string', default: '50' },
    'cv-window': { type: 'string' },
    'cv-shrink': { type: 'string' },
    'cv-damping': { type: 'string' },
    'cv-max': { type: 'string' },
    'content-slots': { type: 'string' },
    'recent-reads': { type: 'string' },
    'history-weight': { type: 'string' },
    'history-decay': { type: 'string' },
    'board-articles': { type: 'string', default: '200000' },
    'skip-board': { type: 'boolean', default: false },
  },
});

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const seed = Number(args.seed);
const K = Number(args.k);
const NOW = Date.UTC(2025, 3, 24, 12, 0);

const recommendOptions: RecommendOptions = {};
if (args['content-slots'] !== undefined) recommendOptions.contentSlots = Number(args['content-slots']);
if (args['recent-reads'] !== undefined) recommendOptions.recentReads = Number(args['recent-reads']);
if (args['history-weight'] !== undefined) recommendOptions.historyWeight = Number(args['history-weight']);
if (args['history-decay'] !== undefined) recommendOptions.historyDecay = Number(args['history-decay']);

console.log(
  `recommend-bench seed=${seed} zipf=${args.zipf} explore=${args.explore} fresh=${args.fresh} mean-reads=${args['mean-reads']} train=${args.train} eval=${args.eval}`,
);
const t0 = performance.now();
const articles = loadCorpus(args.corpus);
const rnd = mulberry32(seed);
const world = new World(
  articles,
  { zipf: Number(args.zipf), explore: Number(args.explore), fresh: Number(args.fresh), meanReads: Number(args['mean-reads']) },
  rnd,
);
console.log(
  `corpus ${args.corpus}: ${articles.length} articles, ${world.byCategory.size} categories, ${world.fresh.size} fresh (newest, unseen in training)`,
);

const content = loadContentEngine(articles.map((a) => ({ id: a.id, title: a.title, text: a.text })));
console.log(`content engine: ${content.name} (built in ${((performance.now() - t0) / 1000).toFixed(1)} s incl. load)`);

// ---- training: thousands of readers feed co-visitation and view counts ----
const cvOpts = {
  window: num(args['cv-window']),
  shrinkage: num(args['cv-shrink']),
  popularityDamping: num(args['cv-damping']),
  maxNeighbours: num(args['cv-max']),
};
const coVisitation = new CoVisitation(
  Object.fromEntries(Object.entries(cvOpts).filter(([, v]) => v !== undefined)) as ConstructorParameters<typeof CoVisitation>[0],
);
const board = new RankingBoard();
const historyLength = Number(args['history-length']);
const nowHour = epochHour(NOW);
let trainReads = 0;
for (let r = 0; r < Number(args.train); r++) {
  const reader = world.reader(rnd, world.sessionLength(rnd), true);
  let history: number[] = [];
  for (const id of reader.reads) {
    coVisitation.recordRead(history, id);
    board.add(id, nowHour - Math.floor(rnd() * 24 * 7), 1);
    history = appendRead(history, id, historyLength);
    trainReads++;
  }
}
const mostViewed = board.top('all', NOW, 500).map((x) => x.articleId);
const cvSize = coVisitation.size();
console.log(
  `training: ${Number(args.train)} readers, ${trainReads} reads; co-visitation ${cvSize.articles} articles, ${cvSize.pairs} pair entries (maxNeighbours ${coVisitation.maxNeighbours}, snapshot ${(JSON.stringify(coVisitation.toSnapshot()).length / 2 ** 20).toFixed(1)} MB JSON)`,
);

// ---- evaluation: separate readers, each with its next read held out ----
type Method = 'masthead' | 'co_visitation_only' | 'content_only' | 'baseline_most_viewed';
const METHODS: Method[] = ['masthead', 'co_visitation_only', 'content_only', 'baseline_most_viewed'];
const hits: Record<Method, { all: number; established: number; fresh: number }> = Object.fromEntries(
  METHODS.map((m) => [m, { all: 0, established: 0, fresh: 0 }]),
) as Record<Method, { all: number; established: number; fresh: number }>;
const emptyCv = new CoVisitation();
const inputs: RecommendInput[] = [];
const sourceCounts: Record<RecommendationSource, number> = { editor: 0, 'also-read': 0, similar: 0, fallback: 0 };
const hitSources: Record<RecommendationSource, number> = { editor: 0, 'also-read': 0, similar: 0, fallback: 0 };
let nEval = 0;
let nFresh = 0;
let heldOutInRelated = 0;
let pageHits = 0;
let shortLists = 0;

for (let r = 0; r < Number(args.eval); r++) {
  const reader = world.reader(rnd, world.sessionLength(rnd), false);
  if (reader.reads.length < 2) continue;
  const heldOut = reader.reads[reader.reads.length - 1]!;
  const currentId = reader.reads[reader.reads.length - 2]!;
  let history: number[] = [];
  for (const id of reader.reads.slice(0, -1)) history = appendRead(history, id, historyLength);
  const related = content.related(currentId, Number(args.related));
  const exclude = new Set(related);
  const isFresh = world.fresh.has(heldOut);
  nEval++;
  if (isFresh) nFresh++;
  if (exclude.has(heldOut)) heldOutInRelated++;

  const base: RecommendInput = {
    currentId,
    k: K,
    editorPicks: [],
    nowMs: NOW,
    history,
    exclude,
    coVisitation,
    similarTo: content.similarTo,
    fallback: mostViewed,
    options: recommendOptions,
  };
  inputs.push(base);
  const explained = recommendExplained(base);
  if (explained.length < K) shortLists++;
  for (const x of explained) sourceCounts[x.source]++;
  const hitItem = explained.find((x) => x.articleId === heldOut);
  if (hitItem) hitSources[hitItem.source]++;
  if (hitItem || exclude.has(heldOut)) pageHits++;

  const blocked = new Set([currentId, ...history, ...exclude]);
  const lists: Record<Method, number[]> = {
    masthead: explained.map((x) => x.articleId),
    co_visitation_only: recommend({ ...base, similarTo: undefined, fallback: [] }),
    content_only: recommend({ ...base, coVisitation: emptyCv, fallback: [] }),
    baseline_most_viewed: mostViewed.filter((id) => !blocked.has(id)).slice(0, K),
  };
  for (const m of METHODS) {
    if (!lists[m].includes(heldOut)) continue;
    hits[m].all++;
    hits[m][isFresh ? 'fresh' : 'established']++;
  }
}

// ---- report ----
const rate = (n: number, d: number): number => (d === 0 ? 0 : n / d);
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;
const baseRate = rate(hits.baseline_most_viewed.all, nEval);
console.log(
  `\nevaluation: ${nEval} readers (separate from training), held-out next read; ${nFresh} held-out articles are fresh; k=${K}; Related(${args.related}) excluded from every method`,
);
console.log('method                  hit@8    vs baseline   established   fresh');
for (const m of METHODS) {
  const h = hits[m];
  console.log(
    `${m.padEnd(22)}  ${rate(h.all, nEval).toFixed(4)}   ${(rate(h.all, nEval) / baseRate).toFixed(2)}x`.padEnd(48) +
      `${rate(h.established, nEval - nFresh).toFixed(4)}        ${rate(h.fresh, nFresh).toFixed(4)}`,
  );
}
const totalSlots = Object.values(sourceCounts).reduce((s, x) => s + x, 0);
console.log(
  `masthead list sources: ${Object.entries(sourceCounts)
    .map(([s, n]) => `${s} ${((100 * n) / totalSlots).toFixed(1)}%`)
    .join(', ')}; hits by source: ${Object.entries(hitSources)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')}; short lists ${shortLists}`,
);
console.log(
  `held-out already in Related: ${rate(heldOutInRelated, nEval).toFixed(4)}; page hit (Related ∪ Recommendation): ${rate(pageHits, nEval).toFixed(4)}`,
);
// Latency on a warm engine: the same page views again, timed one by one; then with two places
// held for similarity, so that every reader with a history also costs a similarTo() query.
const time = (opts: RecommendOptions): number[] =>
  inputs.map((input) => {
    const t = performance.now();
    recommend({ ...input, options: { ...input.options, ...opts } });
    return performance.now() - t;
  });
time({});
const latencies = time({});
const latenciesSimilar = time({ contentSlots: 2 });
const p50 = percentile(latencies, 0.5);
const p99 = percentile(latencies, 0.99);
const p50s = percentile(latenciesSimilar, 0.5);
const p99s = percentile(latenciesSimilar, 0.99);
console.log(
  `recommend() latency, warm, ${inputs.length} page views: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; with 2 places for similarity (a similarTo() query each): p50 ${p50s.toFixed(3)} ms, p99 ${p99s.toFixed(3)} ms`,
);

const boardFigures = args['skip-board'] ? null : benchRankingBoard(Number(args['board-articles']), seed);

const figures = {
  seed,
  corpus: args.corpus.split('/').pop(),
  content_engine: content.name,
  train_readers: Number(args.train),
  train_reads: trainReads,
  eval_readers: nEval,
  k: K,
  hit_rate_at_8: round(rate(hits.masthead.all, nEval)),
  baseline_most_viewed_hit_rate_at_8: round(baseRate),
  co_visitation_only_hit_rate_at_8: round(rate(hits.co_visitation_only.all, nEval)),
  content_only_hit_rate_at_8: round(rate(hits.content_only.all, nEval)),
  ratio_vs_baseline: round(rate(hits.masthead.all, nEval) / baseRate, 2),
  hit_rate_at_8_fresh: round(rate(hits.masthead.fresh, nFresh)),
  hit_rate_at_8_established: round(rate(hits.masthead.established, nEval - nFresh)),
  page_hit_rate_related_or_recommended: round(rate(pageHits, nEval)),
  recommend_latency_p50_ms: round(p50, 3),
  recommend_latency_p99_ms: round(p99, 3),
  recommend_with_similarity_latency_p50_ms: round(p50s, 3),
  recommend_with_similarity_latency_p99_ms: round(p99s, 3),
  ...(boardFigures ?? {}),
};
console.log(JSON.stringify(figures));
