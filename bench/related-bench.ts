/**
 * Related-articles benchmark: Masthead's engine against a plain TF-IDF cosine baseline run in the same process.
 *   npm run bench:related -- [--corpus FILE]... [--k 10] [--scale | --scale-only] [--no-baseline] [--no-protocol] [--set option=value]...
 * Besides the shipped defaults, every knob is tuned by a protocol that reports each corpus with options
 * chosen without it (bench/lib/related-protocol.ts).
 * The last line printed is one JSON object with every figure.
 */
import { shuffled } from './lib/shuffled.js';
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RelatedIndex } from '../src/discovery/related-index.js';
import type { DiscoveryDoc, RelatedOptions } from '../src/discovery/types.js';
import { loadLabelledCorpus, type LabelledCorpus } from './lib/corpus-load.js';
import { loadCorpusThroughStore } from './lib/corpus-store-load.js';
import { TfidfBaseline } from './lib/related-baseline.js';
import { percentile } from './lib/percentile.js';
import { evaluateLists, timed, type QualityFigures } from './lib/related-metrics.js';
import { runProtocol, type ProtocolResult } from './lib/related-protocol.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The shared corpora sit beside the repository, or beside the folder of worktrees.
const CORPUS_DIR = [resolve(ROOT, '../shared/corpus'), resolve(ROOT, '../../shared/corpus')].find((d) => existsSync(d)) ?? resolve(ROOT, '../shared/corpus');
// Every labelled corpus of ../shared/corpus except huffpost_tiny300 (a 300-article subset of the HuffPost
// file, kept as the test fixture). MIND has no scikit-learn reference: only the in-run baseline.
const LABELLED = ['huffpost_news_category_13k.jsonl.gz', 'reuters21578.jsonl.gz', '20newsgroups_bydate.jsonl.gz', 'mind_small_subset_news.jsonl.gz'];
// scikit-learn TfidfVectorizer cosine P@10 measured by the product team on the same corpora.
const SKLEARN_REFERENCE: Record<string, number> = {
  huffpost_news_category_13k: 0.479,
  reuters21578: 0.717,
  '20newsgroups_bydate': 0.768,
};
const HELD_OUT = 200;
const SCALE_SIZES = [10_000, 50_000, 200_000];
const SCALE_QUERIES = 5000;
// Untimed queries after a build, so the timed ones measure a warmed-up engine as a running server has.
const WARMUP_QUERIES = 500;
// Builds per corpus: the median is reported (the machine is shared; one build can land on a busy moment).
const BUILD_RUNS = 3;
const SNAPSHOT_SIZE = 50_000;

interface Args {
  corpora: string[];
  k: number;
  scale: boolean;
  scaleOnly: boolean;
  baseline: boolean;
  /** Tune on some corpora, report on the others (needs the baseline and at least two corpora). */
  protocol: boolean;
  /** Read the corpus file directly instead of through the importer and a temporary store. */
  direct: boolean;
  options: Partial<RelatedOptions>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { corpora: [], k: 10, scale: false, scaleOnly: false, baseline: true, protocol: true, direct: false, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--corpus') args.corpora.push(resolve(next()));
    else if (a === '--k') args.k = Number(next());
    else if (a === '--scale') args.scale = true;
    else if (a === '--scale-only') args.scale = args.scaleOnly = true;
    else if (a === '--no-baseline') args.baseline = false;
    else if (a === '--no-protocol') args.protocol = false;
    else if (a === '--direct') args.direct = true;
    else if (a === '--set') {
      const [key, value] = next().split('=');
      if (!key || value === undefined) throw new Error('--set expects option=value');
      (args.options as Record<string, unknown>)[key] = value === 'true' ? true : value === 'false' ? false : Number(value);
    } else if (a !== '--') throw new Error(`unknown argument ${a}`);
  }
  if (!(args.k > 0)) throw new Error('--k must be > 0');
  return args;
}

function defaultCorpora(): string[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`no corpus folder at ${CORPUS_DIR}; pass --corpus FILE`);
  const present = new Set(readdirSync(CORPUS_DIR));
  return LABELLED.filter((f) => present.has(f)).map((f) => join(CORPUS_DIR, f));
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Collects garbage when the bench runs with --expose-gc (the npm script does): garbage left by loading
 * the corpus or by the previous size is the bench's, not the engine's, and would be timed otherwise.
 */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * How fast this machine is at the moment, best of three: milliseconds for a fixed integer loop (compute)
 * and for 2M dependent random reads in a 64 MB array (memory). The machine is shared and its speed
 * drifts between runs, mostly in memory access; these figures tell a slower machine from a slower engine.
 */
function calibrate(): { computeMs: number; memoryMs: number } {
  const table = new Int32Array(16 << 20);
  for (let i = 0; i < table.length; i++) table[i] = Math.imul(i, 0x9e3779b1) & (table.length - 1);
  let computeMs = Infinity;
  let memoryMs = Infinity;
  let sink = 0;
  for (let run = 0; run < 3; run++) {
    let started = performance.now();
    let x = 0;
    for (let i = 0; i < 50_000_000; i++) x = (Math.imul(x, 31) + i) | 0;
    computeMs = Math.min(computeMs, performance.now() - started);
    started = performance.now();
    let at = run;
    for (let i = 0; i < 2_000_000; i++) at = (table[at] as number) ^ (i & 7);
    memoryMs = Math.min(memoryMs, performance.now() - started);
    sink ^= x ^ at;
  }
  if (sink === 0.5) console.log(sink);
  return { computeMs: Math.round(computeMs), memoryMs: Math.round(memoryMs) };
}

let peakRss = 0;
function sampleMemory(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

interface Timings {
  wall: number[];
  cpu: number[];
}

function newTimings(): Timings {
  return { wall: [], cpu: [] };
}

function record<T>(t: Timings, fn: () => T): T {
  const r = timed(fn);
  t.wall.push(r.wallMs);
  t.cpu.push(r.cpuMs);
  return r.value;
}

function quantiles(t: Timings): { p50Ms: number; p99Ms: number; cpuP50Ms: number; cpuP99Ms: number } {
  return {
    p50Ms: percentile(t.wall, 0.5),
    p99Ms: percentile(t.wall, 0.99),
    cpuP50Ms: percentile(t.cpu, 0.5),
    cpuP99Ms: percentile(t.cpu, 0.99),
  };
}

interface BuildFigures {
  /** Median of the runs. */
  buildMs: number;
  buildRunsMs: number[];
  buildCpuMs: number;
  buildArticlesPerSec: number;
  buildArticlesPerCpuSec: number;
}

/** Builds `runs` times from scratch and reports the median run; returns the last index, settled. */
function build(docs: readonly DiscoveryDoc[], options: Partial<RelatedOptions>, runs: number): { index: RelatedIndex } & BuildFigures {
  // Only timings are kept across runs: an earlier index left alive would be garbage the next build pays for.
  const times: { wallMs: number; cpuMs: number }[] = [];
  let index: RelatedIndex | null = null;
  for (let i = 0; i < runs; i++) {
    index = null;
    settle();
    const { value, wallMs, cpuMs } = timed(() => RelatedIndex.build(docs, options));
    index = value;
    times.push({ wallMs, cpuMs });
  }
  settle();
  const median = [...times].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(times.length / 2)]!;
  return {
    index: index!,
    buildMs: median.wallMs,
    buildRunsMs: times.map((t) => Math.round(t.wallMs)),
    buildCpuMs: median.cpuMs,
    buildArticlesPerSec: docs.length / (median.wallMs / 1000),
    buildArticlesPerCpuSec: docs.length / (median.cpuMs / 1000),
  };
}

interface CorpusResult {
  corpus: string;
  articles: number;
  labelled: number;
  masthead: QualityFigures &
    BuildFigures & {
      upsert: ReturnType<typeof quantiles>;
      heapMb: number;
    };
  baseline: (QualityFigures & { buildMs: number }) | null;
  ratioPrecision: number | null;
  sklearnReference: number | null;
  deltaVsReference: number | null;
}

function runCorpus(corpus: LabelledCorpus, args: Args): CorpusResult {
  const held = new Set(shuffled(corpus.docs, 7).slice(0, Math.min(HELD_OUT, Math.floor(corpus.docs.length / 10))));
  const initial = corpus.docs.filter((d) => !held.has(d));
  const { index, ...buildFigures } = build(initial, args.options, BUILD_RUNS);
  sampleMemory();
  const upserts = newTimings();
  for (const d of held) record(upserts, () => index.upsert(d));
  sampleMemory();
  const mine = evaluateLists(corpus.labels, args.k, (id) => index.related(id, args.k));
  sampleMemory();
  const heapMb = mb(process.memoryUsage().heapUsed);
  let baseline: CorpusResult['baseline'] = null;
  if (args.baseline) {
    const b = timed(() => new TfidfBaseline(corpus.docs));
    const base = b.value;
    baseline = { ...evaluateLists(corpus.labels, args.k, (id) => base.related(id, args.k)), buildMs: b.wallMs };
    sampleMemory();
  }
  const ref = SKLEARN_REFERENCE[corpus.name] ?? null;
  return {
    corpus: corpus.name,
    articles: corpus.docs.length,
    labelled: corpus.labels.size,
    masthead: { ...mine, ...buildFigures, upsert: quantiles(upserts), heapMb },
    baseline,
    ratioPrecision: baseline ? mine.precisionAtK / baseline.precisionAtK : null,
    sklearnReference: ref,
    deltaVsReference: ref === null ? null : mine.precisionAtK - ref,
  };
}

interface PoolDoc {
  doc: DiscoveryDoc;
  labels: readonly string[] | null;
}

interface SnapshotFigures {
  jsonMb: number;
  toJsonMs: number;
  restoreMs: number;
}

/** A restart: snapshot → JSON text → parse → fromSnapshot. */
function measureSnapshot(index: RelatedIndex): SnapshotFigures {
  const out = timed(() => JSON.stringify(index.toSnapshot()));
  const back = timed(() => RelatedIndex.fromSnapshot(JSON.parse(out.value)));
  if (back.value.size !== index.size) throw new Error('snapshot lost articles');
  return { jsonMb: round(out.value.length / 1048576, 1), toJsonMs: out.wallMs, restoreMs: back.wallMs };
}

interface ScaleResult extends BuildFigures {
  articles: number;
  /** Over the sampled queries; labels are carried over from the article each copy repeats. */
  precisionAtK: number;
  snapshot: SnapshotFigures | null;
  query: ReturnType<typeof quantiles>;
  upsert: ReturnType<typeof quantiles>;
  heapMb: number;
  /** Typed-array memory (the engine's columns, arenas and latent layer live there, outside the heap). */
  arrayBuffersMb: number;
  latentMb: number;
}

/** Repeats the corpora under new ids up to each size and times build, cold queries and upserts. */
function runScale(pool: readonly PoolDoc[], args: Args): ScaleResult[] {
  const results: ScaleResult[] = [];
  // Shuffled once, so every size has the same mix of short news and long posts.
  const mixed = shuffled(pool, 3);
  for (const size of SCALE_SIZES) {
    const docs: DiscoveryDoc[] = [];
    const labels = new Map<number, readonly string[]>();
    for (let i = 0; i < size + HELD_OUT; i++) {
      const src = mixed[i % mixed.length] as PoolDoc;
      docs.push({ ...src.doc, id: i + 1 });
      if (src.labels) labels.set(i + 1, src.labels);
    }
    const held = docs.splice(size, HELD_OUT);
    const { index, ...buildFigures } = build(docs, args.options, 1);
    sampleMemory();
    const queries = newTimings();
    // Copies of an article are near-duplicates of it, so they never count: P@k here shows whether
    // bounded candidate generation still finds the neighbours when N grows.
    const sample = shuffled(docs, 11)
      .filter((d) => labels.has(d.id))
      .slice(0, SCALE_QUERIES)
      .map((d) => d.id);
    // Warm-up queries are other articles than the timed ones.
    const timedIds = new Set(sample);
    const warmup = shuffled(docs, 13).filter((d) => !timedIds.has(d.id)).slice(0, WARMUP_QUERIES);
    for (const d of warmup) index.related(d.id, args.k);
    const quality = evaluateLists(labels, args.k, (id) => record(queries, () => index.related(id, args.k)), sample);
    const upserts = newTimings();
    for (const d of held) record(upserts, () => index.upsert(d));
    sampleMemory();
    const r: ScaleResult = {
      articles: size,
      precisionAtK: quality.precisionAtK,
      ...buildFigures,
      query: quantiles(queries),
      upsert: quantiles(upserts),
      heapMb: mb(process.memoryUsage().heapUsed),
      arrayBuffersMb: mb(process.memoryUsage().arrayBuffers),
      latentMb: mb(index.latentBytes),
      snapshot: size === SNAPSHOT_SIZE ? measureSnapshot(index) : null,
    };
    results.push(r);
    console.log(
      `scale ${size}: P@k ${r.precisionAtK.toFixed(3)}, build ${round(r.buildMs / 1000, 1)} s (${Math.round(r.buildArticlesPerSec)}/s wall, ` +
        `${Math.round(r.buildArticlesPerCpuSec)}/s cpu), query p50 ${round(r.query.p50Ms)} ms p99 ${round(r.query.p99Ms)} ms ` +
        `(cpu p50 ${round(r.query.cpuP50Ms)} p99 ${round(r.query.cpuP99Ms)}), upsert p50 ${round(r.upsert.p50Ms)} ms ` +
        `p99 ${round(r.upsert.p99Ms)} ms (cpu p99 ${round(r.upsert.cpuP99Ms)}), heap ${r.heapMb} MB + typed arrays ${r.arrayBuffersMb} MB ` +
        `(latent layer ${r.latentMb} MB)`,
    );
    if (r.snapshot) {
      console.log(
        `  snapshot at ${size}: ${r.snapshot.jsonMb} MB of JSON, written in ${round(r.snapshot.toJsonMs)} ms, ` +
          `restored in ${round(r.snapshot.restoreMs)} ms`,
      );
    }
    settle();
  }
  return results;
}

interface HonestFigures {
  corpus: string;
  /** Options tuned without this corpus (leave one corpus out). */
  outOfSample: { options: Partial<RelatedOptions>; precisionAtK: number };
  /** Options tuned on every corpus, this one included: the flattering figure. */
  inSample: { options: Partial<RelatedOptions>; precisionAtK: number };
  /** Options tuned on the texts of the other length class (short news ↔ long texts). */
  crossLength: { options: Partial<RelatedOptions>; precisionAtK: number } | null;
  shippedDefaults: number;
  baseline: number;
  outOfSampleGain: number;
  targetMet: boolean;
}

/** Scores each corpus, every labelled article a query, with the options each fold chose for it. */
function honestFigures(protocol: ProtocolResult, corpora: readonly LabelledCorpus[], results: readonly CorpusResult[], k: number): HonestFigures[] {
  const byFold = new Map(protocol.folds.map((f) => [f.fold, f.options]));
  const out: HonestFigures[] = [];
  for (const corpus of corpora) {
    const r = results.find((x) => x.corpus === corpus.name)!;
    const memo = new Map<string, number>();
    const score = (options: Partial<RelatedOptions>): number => {
      const id = JSON.stringify(options);
      let p = memo.get(id);
      if (p === undefined) {
        let index: RelatedIndex | null = RelatedIndex.build(corpus.docs, options);
        p = evaluateLists(corpus.labels, k, (q) => index!.related(q, k)).precisionAtK;
        index = null;
        settle();
        memo.set(id, p);
      }
      return p;
    };
    const oos = byFold.get(protocol.outOfSample[corpus.name]!)!;
    const ins = byFold.get(protocol.inSample[corpus.name]!)!;
    const crossFold = protocol.crossLength[corpus.name];
    const cross = crossFold ? byFold.get(crossFold)! : null;
    const baseline = r.baseline!.precisionAtK;
    const o = score(oos);
    out.push({
      corpus: corpus.name,
      outOfSample: { options: oos, precisionAtK: o },
      inSample: { options: ins, precisionAtK: score(ins) },
      crossLength: cross ? { options: cross, precisionAtK: score(cross) } : null,
      shippedDefaults: r.masthead.precisionAtK,
      baseline,
      outOfSampleGain: o - baseline,
      targetMet: o - baseline >= 0.02,
    });
  }
  return out;
}

function printHonest(rows: readonly HonestFigures[], protocol: ProtocolResult): void {
  console.log(
    `
== P@10 by tuning protocol (tuned on ${protocol.tuneArticles}-article subsamples, ${protocol.tuneQueries} queries each, ` +
      `${protocol.evaluations} evaluations in ${round(protocol.seconds, 0)} s; reported on whole corpora, every labelled article a query)`,
  );
  console.log(`   short texts: ${protocol.shortCorpora.join(', ')}; long texts: ${protocol.longCorpora.join(', ')}`);
  console.log('   corpus                         out-of-sample  in-sample  cross-length  shipped  baseline  out-of-sample gain');
  for (const r of rows) {
    const gain = r.outOfSampleGain;
    console.log(
      `   ${r.corpus.padEnd(30)} ${r.outOfSample.precisionAtK.toFixed(3).padStart(13)}  ${r.inSample.precisionAtK.toFixed(3).padStart(9)}  ` +
        `${(r.crossLength ? r.crossLength.precisionAtK.toFixed(3) : '-').padStart(12)}  ${r.shippedDefaults.toFixed(3).padStart(7)}  ` +
        `${r.baseline.toFixed(3).padStart(8)}  ${gain >= 0 ? '+' : ''}${gain.toFixed(3)} ${r.targetMet ? '(target +0.020 met)' : '(target +0.020 NOT met)'}`,
    );
  }
}

function printCorpus(r: CorpusResult): void {
  const m = r.masthead;
  const b = r.baseline;
  console.log(`\n== ${r.corpus}: ${r.articles} articles, ${r.labelled} labelled queries`);
  console.log(
    `  masthead  P@k ${m.precisionAtK.toFixed(3)}  MRR ${m.mrr.toFixed(3)}  coverage ${m.coverage.toFixed(3)}  ` +
      `build ${round(m.buildMs / 1000, 2)} s (${Math.round(m.buildArticlesPerSec)}/s wall, ` +
      `${Math.round(m.buildArticlesPerCpuSec)}/s cpu)`,
  );
  console.log(
    `            query p50 ${round(m.latencyP50Ms)} ms p99 ${round(m.latencyP99Ms)} ms ` +
      `(cpu p50 ${round(m.cpuP50Ms)} p99 ${round(m.cpuP99Ms)})  upsert p50 ${round(m.upsert.p50Ms)} ms ` +
      `p99 ${round(m.upsert.p99Ms)} ms (cpu p99 ${round(m.upsert.cpuP99Ms)})`,
  );
  if (b) {
    console.log(
      `  baseline  P@k ${b.precisionAtK.toFixed(3)}  MRR ${b.mrr.toFixed(3)}  coverage ${b.coverage.toFixed(3)}  ` +
        `build ${round(b.buildMs / 1000, 2)} s  query p50 ${round(b.latencyP50Ms)} ms p99 ${round(b.latencyP99Ms)} ms`,
    );
    console.log(`  ratio masthead/baseline P@k ${r.ratioPrecision!.toFixed(3)}`);
  }
  if (r.sklearnReference !== null) {
    console.log(
      `  sklearn reference ${r.sklearnReference.toFixed(3)}  delta ${r.deltaVsReference! >= 0 ? '+' : ''}` +
        `${r.deltaVsReference!.toFixed(3)} (target >= +0.020)`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0]!;
  const calibrationBefore = calibrate();
  const files = args.corpora.length > 0 ? args.corpora : defaultCorpora();
  const results: CorpusResult[] = [];
  const loadedCorpora: LabelledCorpus[] = [];
  const pool: PoolDoc[] = [];
  for (const file of files) {
    // By default the corpus goes through the product importer with --strip-category into a
    // temporary store and is read back from it; --direct reads the file (faster, for tuning).
    const loaded = args.direct ? { ...loadLabelledCorpus(file), importSeconds: null, refused: [] } : await loadCorpusThroughStore(file);
    const corpus: LabelledCorpus = loaded;
    if (loaded.importSeconds !== null) {
      console.log(`imported ${corpus.docs.length} articles of ${corpus.name} without labels into a temporary store in ${round(loaded.importSeconds, 1)} s`);
    }
    for (const p of loaded.refused) console.log(`  left out: line ${p.line}: ${p.reason}`);
    // Labels get the corpus name, so categories of different corpora never match.
    for (const doc of corpus.docs) {
      const l = corpus.labels.get(doc.id);
      pool.push({ doc, labels: l ? l.map((x) => `${corpus.name}/${x}`) : null });
    }
    if (args.scaleOnly) continue;
    loadedCorpora.push(corpus);
    const r = runCorpus(corpus, args);
    printCorpus(r);
    results.push(r);
  }
  let protocol: ProtocolResult | null = null;
  let honest: HonestFigures[] | null = null;
  if (args.protocol && args.baseline && loadedCorpora.length >= 2) {
    console.log('\n== tuning protocol: coordinate ascent on the training corpora of each fold');
    protocol = runProtocol(loadedCorpora, args.k, (line) => console.log(line));
    settle();
    honest = honestFigures(protocol, loadedCorpora, results, args.k);
    printHonest(honest, protocol);
  }
  const scale = args.scale ? runScale(pool, args) : null;
  sampleMemory();
  const loadAfter = loadavg()[0]!;
  const calibrationAfter = calibrate();
  console.log(`\npeak rss ${mb(peakRss)} MB; load average ${round(loadBefore, 1)} before, ${round(loadAfter, 1)} after`);
  console.log(
    `machine speed (lower is faster): compute ${calibrationBefore.computeMs} ms before, ${calibrationAfter.computeMs} ms after; ` +
      `memory ${calibrationBefore.memoryMs} ms before, ${calibrationAfter.memoryMs} ms after`,
  );
  console.log(
    JSON.stringify({
      k: args.k,
      options: args.options,
      corpora: results,
      protocol,
      honest,
      scale,
      peakRssMb: mb(peakRss),
      loadAverage: { before: loadBefore, after: loadAfter },
      calibrationMs: { before: calibrationBefore, after: calibrationAfter },
    }),
  );
}

await main();
