/**
 * Search benchmark: every article corpus of ../shared/corpus imported into a temporary site
 * (SQLite, and PostgreSQL when it answers), 1,000 queries sampled from titles (500 whole titles,
 * 500 single title words), timed through the search service, against the search Masthead had
 * before its own analysis (bench/lib/search-baseline.ts) rebuilt in the same database.
 *   npm run bench:search -- [--corpus FILE]... [--queries 1000] [--no-postgres]
 * The last line printed is one JSON object with every figure.
 */
import { LocalChangeChannel } from '../src/events/change-channel.js';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { importJsonl } from '../src/importers/jsonl/import-jsonl.js';
import { ArticleService } from '../src/services/article-service.js';
import { SiteService } from '../src/services/site-service.js';
import { SearchService } from '../src/search/search-service.js';
import { openStorage } from '../src/storage/open-storage.js';
import type { KyselyStorage } from '../src/storage/kysely-storage.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';
import { percentile } from './lib/percentile.js';
import { BaselineSearch, indexBytes } from './lib/search-baseline.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ../shared/corpus beside the checkout (or beside the folder of worktrees that holds it).
const CORPUS_DIR = [resolve(ROOT, '../shared/corpus'), resolve(ROOT, '../../shared/corpus')].find((d) => existsSync(d)) ?? resolve(ROOT, '../shared/corpus');
const CORPORA = ['huffpost_news_category_13k.jsonl.gz', 'reuters21578.jsonl.gz', '20newsgroups_bydate.jsonl.gz', 'mind_small_subset_news.jsonl.gz'];
const PG_ADMIN_URL = process.env.MASTHEAD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WARMUP = 100;
const PAGE = 20;

interface Args { corpora: string[]; queries: number; postgres: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = { corpora: [], queries: 1000, postgres: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') args.corpora.push(resolve(argv[++i] ?? ''));
    else if (a === '--queries') args.queries = Number(argv[++i]);
    else if (a === '--no-postgres') args.postgres = false;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.corpora.length) args.corpora = CORPORA.map((f) => join(CORPUS_DIR, f));
  for (const f of args.corpora) if (!existsSync(f)) throw new Error(`no corpus at ${f} (the corpora live in ../shared/corpus)`);
  return args;
}

interface Query { kind: 'title' | 'word'; text: string; title: string }

/** Whole titles and single words of titles (3+ letters), drawn with a fixed seed. */
function sampleQueries(titles: string[], n: number): Query[] {
  const random = mulberry32(56);
  const out: Query[] = [];
  const usable = titles.filter((t) => t.trim().length > 0);
  while (out.length < n / 2) {
    const title = usable[Math.floor(random() * usable.length)]!;
    out.push({ kind: 'title', text: title, title });
  }
  while (out.length < n) {
    const title = usable[Math.floor(random() * usable.length)]!;
    const words = title.match(/\p{L}{3,}/gu) ?? [];
    if (!words.length) continue;
    out.push({ kind: 'word', text: words[Math.floor(random() * words.length)]!, title });
  }
  return out;
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `mh_bench_search_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

interface Timing { p50: number; p99: number; mean: number }
const timing = (ms: number[]): Timing => ({
  p50: +percentile(ms, 0.5).toFixed(2), p99: +percentile(ms, 0.99).toFixed(2), mean: +(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2),
});

async function runDialect(dialect: 'sqlite' | 'postgres', args: Args) {
  const dir = mkdtempSync(join(tmpdir(), 'mh-bench-search-'));
  const pgdb = dialect === 'postgres' ? await postgresDatabase() : undefined;
  if (dialect === 'postgres' && !pgdb) return undefined;
  const storage: KyselyStorage = await openStorage({ dataDir: dir, databaseUrl: pgdb?.url });
  try {
    const articles = new ArticleService(new LocalChangeChannel());
    let started = performance.now();
    let imported = 0;
    for (const file of args.corpora) {
      const s = await importJsonl(file, storage, articles);
      imported += s.created + s.updated;
      console.log(`${dialect}: imported ${basename(file)}: ${s.created} articles (${s.failed} refused)`);
    }
    const importSeconds = (performance.now() - started) / 1000;
    if (dialect === 'postgres') await sql`analyze articles`.execute(storage.db);
    started = performance.now();
    const baseline = new BaselineSearch(storage);
    await baseline.build();
    const baselineBuildSeconds = (performance.now() - started) / 1000;

    const titles: string[] = [];
    for await (const a of storage.articles.indexable(Date.now())) titles.push(a.title);
    const queries = sampleQueries(titles, args.queries);
    const site = new SiteService(storage.settings, storage.taxonomy, new LocalChangeChannel());
    const search = new SearchService(storage.search, storage.taxonomy, site);
    const now = Date.now();

    for (const q of queries.slice(0, WARMUP)) {
      await search.search({ q: q.text, page: 1, pageSize: PAGE });
      await baseline.search(q.text, now, PAGE);
    }
    const figures: Record<string, { masthead: number[]; baseline: number[]; top3: number; baselineTop3: number; empty: number; baselineEmpty: number }> = {};
    for (const q of queries) {
      const f = (figures[q.kind] ??= { masthead: [], baseline: [], top3: 0, baselineTop3: 0, empty: 0, baselineEmpty: 0 });
      let t = performance.now();
      const mine = await search.search({ q: q.text.slice(0, 200), page: 1, pageSize: PAGE });
      f.masthead.push(performance.now() - t);
      t = performance.now();
      const theirs = await baseline.search(q.text, now, PAGE);
      f.baseline.push(performance.now() - t);
      if (mine.items.slice(0, 3).some((i) => i.title === q.title)) f.top3++;
      if (theirs.titles.slice(0, 3).includes(q.title)) f.baselineTop3++;
      if (!mine.items.length) f.empty++;
      if (!theirs.titles.length) f.baselineEmpty++;
    }
    const result = {
      articles: imported,
      importSeconds: +importSeconds.toFixed(1),
      baselineIndexSeconds: +baselineBuildSeconds.toFixed(1),
      indexMB: +((await indexBytes(storage, 'current')) / 1e6).toFixed(1),
      baselineIndexMB: +((await baseline.size()) / 1e6).toFixed(1),
      ...(dialect === 'sqlite' ? { databaseFileMB: +(statSync(join(dir, 'masthead.db')).size / 1e6).toFixed(1) } : {}),
      queries: Object.fromEntries(Object.entries(figures).map(([kind, f]) => [kind, {
        n: f.masthead.length,
        masthead: timing(f.masthead),
        baseline: timing(f.baseline),
        p99Ratio: +(percentile(f.baseline, 0.99) / percentile(f.masthead, 0.99)).toFixed(2),
        top3: +(f.top3 / f.masthead.length).toFixed(3),
        baselineTop3: +(f.baselineTop3 / f.masthead.length).toFixed(3),
        noResults: +(f.empty / f.masthead.length).toFixed(3),
        baselineNoResults: +(f.baselineEmpty / f.masthead.length).toFixed(3),
      }])),
    };
    console.log(`${dialect}:`, JSON.stringify(result, null, 2));
    return result;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    await pgdb?.drop();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0]!;
  const sqlite = await runDialect('sqlite', args);
  const postgres = args.postgres ? await runDialect('postgres', args) : undefined;
  console.log(JSON.stringify({ bench: 'search', corpora: args.corpora.map((f) => basename(f)), load: [loadBefore, loadavg()[0]], sqlite, postgres: postgres ?? null }));
}

await main();
