// npm run bench:admin — page-load time of the newsroom's article list on a large site: 56,000
// articles (synthetic, in 12 sections with 300 bylines), signed in as the owner, over HTTP
// (in-process inject: routing, session, query, render). The baseline in the same run is the
// sign-in page, which renders the same shell without a query. Last line: one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createMasthead } from '../src/main.js';
import { openStorage } from '../src/storage/open-storage.js';
import { AdminClient } from '../test/helpers/admin-client.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';
import { percentile } from './lib/percentile.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '56000' },
    requests: { type: 'string', default: '40' },
    'database-url': { type: 'string' },
  },
});
const N = Number(args.articles);
const REQUESTS = Number(args.requests);
const WORDS = ['harbour', 'council', 'ferry', 'library', 'festival', 'budget', 'school', 'storm', 'market', 'bridge', 'museum', 'election', 'river', 'tram', 'clinic'];

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
  // A live site's tables have been vacuumed and analysed by autovacuum long since; a table
  // filled a second ago has no statistics and would be planned as if empty.
  if (databaseUrl) await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
  await storage.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mh-admin-bench-'));
  const databaseUrl = args['database-url'];
  try {
    const t0 = performance.now();
    await seed(dir, databaseUrl);
    console.log(`seeded ${N.toLocaleString('en')} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s (${databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
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
      return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
    };
    const baseline = await time('/admin/login?next=/admin', new AdminClient(m.app, '203.0.113.9'));
    const pages: Record<string, string> = {
      first: '/admin', deep: `/admin?page=${Math.floor(N / 50 / 2)}`, drafts: '/admin?status=draft', section: '/admin?section=3',
      author: '/admin?author=Writer%2042', search: '/admin?q=ferry%20bridge', 'search+section': '/admin?q=harbour&section=5',
    };
    const figures: Record<string, { p50: number; p95: number; ratio: number }> = {};
    console.log(`baseline (sign-in page): p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms`);
    for (const [name, url] of Object.entries(pages)) {
      const t = await time(url);
      figures[name] = { ...t, ratio: t.p50 / baseline.p50 };
      console.log(`${name.padEnd(15)} ${url.padEnd(34)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  ×${figures[name]!.ratio.toFixed(1)} baseline`);
    }
    await m.close();
    console.log(JSON.stringify({ bench: 'admin-list', articles: N, dialect: databaseUrl ? 'postgres' : 'sqlite', baselineP50Ms: baseline.p50, pages: figures }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
