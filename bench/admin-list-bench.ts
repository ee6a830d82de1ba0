// npm run bench:admin — page-load time of the newsroom's article list on a large site, signed
// in as the owner, over HTTP (in-process inject: routing, session, query, render). The site is
// every article corpus in /work/shared/corpus (~56,000 articles) imported with the product's
// importer, or with `--synthetic` 56,000 generated ones (12 sections, 300 bylines). A tenth are
// made drafts and one in fifty is put in review, so the status and review filters have work.
// The baseline in the same run is the sign-in page, which renders the same shell without a
// query. Last line: one JSON object.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { LocalChangeChannel } from '../src/events/change-channel.js';
import { importJsonl } from '../src/importers/jsonl/import-jsonl.js';
import { ArticleService } from '../src/services/article-service.js';
import { createMasthead } from '../src/main.js';
import { openStorage } from '../src/storage/open-storage.js';
import { AdminClient } from '../test/helpers/admin-client.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';
import { percentile } from './lib/percentile.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '56000' },
    requests: { type: 'string', default: '100' },
    'database-url': { type: 'string' },
    corpus: { type: 'string', default: '/work/shared/corpus' },
    synthetic: { type: 'boolean', default: false },
  },
});
let N = Number(args.articles);
const REQUESTS = Number(args.requests);
const WORDS = ['harbour', 'council', 'ferry', 'library', 'festival', 'budget', 'school', 'storm', 'market', 'bridge', 'museum', 'election', 'river', 'tram', 'clinic'];

/** Every article file of the corpus folder through the importer (the MIND behaviour log is not articles). */
async function importCorpora(dir: string, databaseUrl: string | undefined): Promise<{ files: Record<string, number>; refused: number }> {
  const storage = await openStorage({ databaseUrl, dataDir: dir });
  const files: Record<string, number> = {};
  let refused = 0;
  try {
    const service = new ArticleService(new LocalChangeChannel());
    for (const name of readdirSync(args.corpus).filter((f) => /\.jsonl(\.gz)?$/.test(f) && !f.includes('behaviors')).sort()) {
      const summary = await importJsonl(join(args.corpus, name), storage, service);
      files[name] = summary.created + summary.updated;
      refused += summary.failed;
      console.log(`  ${name}: ${summary.created.toLocaleString('en')} new, ${summary.updated} updated, ${summary.failed} refused`);
    }
    await markForTheFilters(storage.db);
    N = await storage.articles.countAll();
  } finally {
    await storage.close();
  }
  return { files, refused };
}

/** Drafts (a tenth) and articles in review (one in fifty), spread over the ids; then the statistics a live site has. */
async function markForTheFilters(db: Awaited<ReturnType<typeof openStorage>>['db']): Promise<void> {
  await db.updateTable('articles').set({ status: 'draft' }).where(sql<boolean>`id % 10 = 0`).execute();
  await db.updateTable('articles').set({ status: 'draft', review_state: 'submitted' }).where(sql<boolean>`id % 50 = 7`).execute();
  await analyse(db);
}

async function analyse(db: Awaited<ReturnType<typeof openStorage>>['db']): Promise<void> {
  // A live site's tables have been vacuumed and analysed by autovacuum long since; a table
  // filled a second ago has no statistics and would be planned as if empty.
  if (args['database-url']) await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

async function seed(dir: string, databaseUrl: string | undefined): Promise<void> {
  const storage = await openStorage({ databaseUrl, dataDir: dir });
  const db = storage.db;
  const rand = mulberry32(56_000);
  const categories = await db.insertInto('categories').values(Array.from({ length: 12 }, (_, i) => ({ slug: `section-${i}`, name: `Section ${i}`, parent_id: null, description: '', position: i })))
    .returning('id').execute();
  const authors = await db.insertInto('authors').values(Array.from({ length: 300 }, (_, i) => ({ slug: `writer-${i}`, name: `Writer ${i}`, bio: '' }))).returning('id').execute();
  const now = Date.now();
  for (let start = 0; start < N; start += 500) {
    const rows = Array.from({ length: Math.min(500, N - start) }, (_, j) => {
      const i = start + j;
      const title = `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(rand() * WORDS.length)]} story number ${i}`;
      const status = i % 10 === 0 ? 'draft' as const : 'published' as const;
      const at = now - Math.floor(rand() * 365 * 86_400_000);
      return {
        import_id: null, slug: `story-${i}`, title, summary: title, body_source: title, body_format: 'markdown' as const, body_html: `<p>${title}</p>`, body_text: title,
        category_id: categories[i % categories.length]!.id, cover_image_url: null, source_url: null, status, published_at: status === 'draft' ? null : at,
        created_at: at, updated_at: at, recommended: 0, recommended_until: null,
      };
    });
    const ids = await db.insertInto('articles').values(rows).returning('id').execute();
    await db.insertInto('article_authors').values(ids.map((r, j) => ({ article_id: r.id, author_id: authors[(start + j) % authors.length]!.id, position: 0 }))).execute();
  }
  await markForTheFilters(db);
  await storage.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mh-admin-bench-'));
  const databaseUrl = args['database-url'];
  try {
    const t0 = performance.now();
    const imported = args.synthetic ? undefined : await importCorpora(dir, databaseUrl);
    if (!imported) await seed(dir, databaseUrl);
    console.log(`${imported ? 'imported' : 'seeded'} ${N.toLocaleString('en')} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s (${databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
    const config = loadConfig({ data: dir, logLevel: 'silent', demo: false }, databaseUrl ? { MASTHEAD_DATABASE_URL: databaseUrl } : {});
    const m = await createMasthead(config, { enginesInBackground: true });
    await m.accounts.addUser({ email: 'owner@example.com', role: 'owner', password: 'bench password 123' });
    const client = new AdminClient(m.app);
    await client.signIn('owner@example.com', 'bench password 123');
    await m.ready;

    const time = async (url: string, by = client) => {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) await by.get(url); // warm-up
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        const res = await by.get(url);
        samples.push(performance.now() - start);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      }
      return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99) };
    };
    const baseline = await time('/admin/login?next=/admin', new AdminClient(m.app, '203.0.113.9'));
    // Filters that match on either kind of site: a real section and byline of the imported data.
    const section = (await m.site.categories()).all()[3]?.id ?? 3;
    const topAuthor = (await m.storage.taxonomy.taxonomyList('author', { limit: 40, offset: 0 })).items[39]?.name ?? 'Writer 42';
    const words = imported ? { search: 'oil prices', searchSection: 'trade' } : { search: 'ferry bridge', searchSection: 'harbour' };
    const month = imported ? { from: '1987-03-01', to: '1987-03-31' } : { from: epochDay(Date.now() - 60 * 86_400_000), to: epochDay(Date.now() - 30 * 86_400_000) };
    const pages: Record<string, string> = {
      first: '/admin', deep: `/admin?page=${Math.floor(N / 50 / 2)}`, drafts: '/admin?status=draft', review: '/admin?status=review',
      section: `/admin?section=${section}`, author: `/admin?author=${encodeURIComponent(topAuthor)}`,
      search: `/admin?q=${encodeURIComponent(words.search)}`, 'search+section': `/admin?q=${encodeURIComponent(words.searchSection)}&section=${section}`,
      'updated today': `/admin?from=${epochDay(Date.now())}`,
      'published month': `/admin?date=published&from=${month.from}&to=${month.to}`,
      'month+published': `/admin?date=published&from=${month.from}&to=${month.to}&status=published`,
    };
    const figures: Record<string, { p50: number; p95: number; p99: number; ratio: number }> = {};
    console.log(`baseline (sign-in page): p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms, p99 ${baseline.p99.toFixed(2)} ms`);
    for (const [name, url] of Object.entries(pages)) {
      const t = await time(url);
      figures[name] = { ...t, ratio: t.p50 / baseline.p50 };
      console.log(`${name.padEnd(16)} ${url.padEnd(64)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  p99 ${t.p99.toFixed(1).padStart(7)} ms  ×${figures[name]!.ratio.toFixed(1)} baseline`);
    }
    await m.close();
    console.log(JSON.stringify({ bench: 'admin-list', articles: N, source: imported ? 'corpus' : 'synthetic', dialect: databaseUrl ? 'postgres' : 'sqlite', requests: REQUESTS, baselineP50Ms: baseline.p50, pages: figures }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "YYYY-MM-DD" of an instant in UTC (the bench site keeps the default zone, UTC). */
function epochDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

await main();
