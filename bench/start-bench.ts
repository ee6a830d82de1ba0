/**
 * bench:start — how fast a restart of a large site is ready, and what it holds in memory.
 *
 * Every corpus of the corpus folder is imported into one site (kept in /tmp/masthead-bench-56k
 * between runs). The baseline is a start without a Related snapshot (the index is built from the
 * store); that server writes the snapshot when stopped, and the next starts restore it. "Ready"
 * is the first answer of an article page whose lists are the engines' own (bench/lib/cold-start.ts).
 *
 *   npm run bench:start [-- --runs 3] [--corpus DIR] [--site DIR]
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBenchSite } from './lib/bench-site.js';
import { ensureFreshBuild, measureColdStart, type ColdStart } from './lib/cold-start.js';
import { openStorage } from '../src/storage/open-storage.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const corpusDir = resolve(arg('corpus', '/work/shared/corpus'));
const siteDir = resolve(arg('site', '/tmp/masthead-bench-56k'));
const runs = Math.max(1, Number(arg('runs', '3')));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const site = ensureBenchSite(siteDir, corpusDir, (line) => console.log(line));
console.log(`site: ${site.articles} articles from ${site.corpora.length} corpora in ${site.dataDir}${site.importSeconds ? ` (imported in ${site.importSeconds.toFixed(0)} s)` : ' (cached)'}`);

const storage = await openStorage({ dataDir: site.dataDir });
// The newest article: what a restart is most likely to be asked for first.
const newestArticle = (await storage.articles.listPublic({ now: Date.now(), limit: 1, countTotal: false })).items[0];
await storage.close();
if (!newestArticle) throw new Error('the bench site holds no public article');
const slug = newestArticle.slug;
console.log(`polling /articles/${slug}`);

ensureFreshBuild();

const snapshotFile = join(site.dataDir, 'related-index.snapshot');
const show = (what: string, r: ColdStart) =>
  console.log(`${what.padEnd(22)} ready ${r.coldStartMs.toFixed(0).padStart(6)} ms   first byte ${r.firstByteMs.toFixed(0).padStart(5)} ms   RSS ${r.rssMb.toFixed(0)} MB   slowest page while loading ${r.slowestWhileLoadingMs.toFixed(0)} ms`);

const loadBefore = loadavg()[0]!;
console.log(`load average ${loadBefore.toFixed(2)} (the machine may be shared: every figure grows with it)`);
rmSync(snapshotFile, { force: true });
const baseline = await measureColdStart({ dataDir: site.dataDir, articleSlug: slug });
show('no snapshot (baseline)', baseline);
if (!/related index: wrote/.test(baseline.output)) throw new Error(`the server wrote no snapshot on SIGTERM:\n${baseline.output.slice(-2000)}`);

const restarts: ColdStart[] = [];
for (let i = 0; i < runs; i++) {
  const r = await measureColdStart({ dataDir: site.dataDir, articleSlug: slug });
  if (!/related index: restored/.test(r.output)) throw new Error(`the restart did not restore the snapshot:\n${r.output.slice(-2000)}`);
  show(`snapshot, run ${i + 1}`, r);
  restarts.push(r);
}
const coldStartMs = median(restarts.map((r) => r.coldStartMs));
const rssMb = median(restarts.map((r) => r.rssMb));
console.log(`restart with snapshot: ${coldStartMs.toFixed(0)} ms (median of ${runs}) = ${(coldStartMs / baseline.coldStartMs).toFixed(3)} × the start without one; first byte ${median(restarts.map((r) => r.firstByteMs)).toFixed(0)} ms`);
console.log(`RSS warm: ${rssMb.toFixed(0)} MB with snapshot, ${baseline.rssMb.toFixed(0)} MB after a build from the store`);
const loadAfter = loadavg()[0]!;
console.log(`load average ${loadAfter.toFixed(2)} after`);
console.log(JSON.stringify({
  articles: site.articles,
  cold_start_no_snapshot_ms: Math.round(baseline.coldStartMs),
  cold_start_ms: Math.round(coldStartMs),
  ratio: Number((coldStartMs / baseline.coldStartMs).toFixed(3)),
  first_byte_ms: Math.round(median(restarts.map((r) => r.firstByteMs))),
  rss_mb: Math.round(rssMb),
  rss_no_snapshot_mb: Math.round(baseline.rssMb),
  slowest_page_while_building_ms: Math.round(baseline.slowestWhileLoadingMs),
  load_average: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
}));
