import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { parse } from 'node-html-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { serverScope } from '../helpers/server-scope.js';
import { BROWSER_UA } from '../helpers/app.js';
import { solidPng } from '../helpers/images.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead } from '../../src/main.js';
import { newReaderId } from '../../src/counters/reader-identity.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { SITE_TABLES } from '../../src/storage/copy-site.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const fixture = new URL('../fixtures/huffpost_tiny300.jsonl', import.meta.url).pathname;

async function masthead(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, MASTHEAD_PORT: '', MASTHEAD_DATABASE_URL: '', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What a reader sees of an article: its title, its view count and its Related list. */
async function articlePage(baseUrl: string, slug: string): Promise<{ title: string; views: string; related: string[] }> {
  // A server answers while its engines load, with fallback lists; the lists compared are the engines' own.
  let html = '';
  for (let tries = 0; tries < 300 && !html.includes('data-lists="ready"'); tries++) {
    if (tries) await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${baseUrl}/articles/${slug}`, { headers: { 'user-agent': BROWSER_UA } });
    expect(res.status).toBe(200);
    html = await res.text();
  }
  expect(html).toContain('data-lists="ready"');
  const doc = parse(html);
  return {
    title: doc.querySelector('h1')!.text.trim(),
    views: doc.querySelector('[data-views]')!.text.trim(),
    related: doc.querySelectorAll('#related li a').map((a) => a.getAttribute('href')!),
  };
}

/** The per-table lines of migrate's output: table, rows and checksum on each side. */
function tableLines(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length === 5 && (SITE_TABLES as readonly string[]).includes(cells[0]!)) out.set(cells[0]!, cells.slice(1));
  }
  return out;
}

async function publicTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

// A site moves from SQLite to PostgreSQL with everything readers and the newsroom had: the
// copy is checked table by table, the moved site shows the same pages, and a second run
// (or a broken source) writes nothing.
describe.runIf(DIALECTS.includes('postgres'))('masthead migrate --to postgres://…', () => {
  const scope = serverScope('mh-migrate-');
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('copies a SQLite site with content, counts, accounts and media; the PostgreSQL site shows the same pages; a second run refuses', async () => {
    const dataDir = join(scope.root, 'site');
    expect((await masthead(['import', fixture, '--data', dataDir, '--no-images'])).code).toBe(0);

    // Counts, reactions, reading histories, an account with a session, an image and a revision.
    const config = loadConfig({ data: dataDir, logLevel: 'silent', demo: false }, {});
    const m = await createMasthead(config);
    const [first, second] = await (m.storage as KyselyStorage).db.selectFrom('articles').select(['id', 'slug']).where('status', '=', 'published').orderBy('id').limit(2).execute();
    const readers = Array.from({ length: 5 }, () => newReaderId());
    for (const [i, reader] of readers.entries()) {
      const who = { cookieId: reader, address: `198.51.100.${i + 1}`, userAgent: BROWSER_UA };
      await m.counters.recordView(first!.id, who, { method: 'POST', userAgent: BROWSER_UA, purpose: undefined });
      if (i < 2) await m.counters.recordView(second!.id, who, { method: 'POST', userAgent: BROWSER_UA, purpose: undefined });
    }
    const kind = (await m.site.settings()).reactions[0]!.key;
    await m.counters.react(first!.id, { cookieId: readers[0], address: '198.51.100.1', userAgent: BROWSER_UA }, kind, true);
    await m.storage.counters.seedCounts(second!.id, 1234, { [kind]: 7 });
    const owner = await m.accounts.addUser({ email: 'owner@example.org', role: 'owner', password: 'a long enough passphrase' });
    await m.accounts.signIn(owner.email, 'a long enough passphrase', '198.51.100.1');
    const image = await m.media.ingest(await solidPng(64, 48), { filename: 'harbour.png', alt: 'The harbour' });
    expect(image.id).toBeGreaterThan(0);
    await m.close();

    // The page as the SQLite site serves it.
    const sqliteServer = await startMasthead({ dataDir, port: await freePort(), timeoutMs: 120_000 });
    scope.servers.push(sqliteServer);
    const before = await articlePage(sqliteServer.url, second!.slug);
    expect(await sqliteServer.stop()).toBe(0);
    expect(Number(before.views.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1234);
    expect(before.related.length).toBeGreaterThan(3);

    const sqlite = new Sqlite(join(dataDir, 'masthead.db'), { readonly: true });
    const sourceCounts = Object.fromEntries(SITE_TABLES.map((t) => [t, (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]));
    sqlite.close();
    for (const t of ['articles', 'users', 'sessions', 'media', 'view_buckets', 'reactions', 'reaction_totals', 'reads', 'audit_log', 'settings']) expect(sourceCounts[t], t).toBeGreaterThan(0);

    const db = await createTestDatabase('postgres');
    databases.push(db);
    const migrated = await masthead(['migrate', '--to', db.databaseUrl!, '--data', dataDir]);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const lines = tableLines(migrated.stdout);
    expect([...lines.keys()].sort()).toEqual([...SITE_TABLES].sort());
    for (const [table, [sourceRows, targetRows, sourceSum, targetSum]] of lines) {
      expect(Number(sourceRows), table).toBe(sourceCounts[table]);
      expect(targetRows, table).toBe(sourceRows);
      expect(targetSum, table).toBe(sourceSum);
    }
    expect(migrated.stdout).toMatch(/every count and checksum matches/);

    // The same page from the PostgreSQL site (the same folder, for the image files).
    const pgServer = await startMasthead({ dataDir, port: await freePort(), env: { MASTHEAD_DATABASE_URL: db.databaseUrl! }, timeoutMs: 120_000 });
    scope.servers.push(pgServer);
    expect(pgServer.output()).toMatch(/data: PostgreSQL/);
    expect(await articlePage(pgServer.url, second!.slug)).toEqual(before);
    expect(await pgServer.stop()).toBe(0);

    // Sequences continue after the copied ids, and the copied secret and account still work.
    const storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' });
    const maxId = Math.max(...(await storage.db.selectFrom('articles').select('id').execute()).map((r) => r.id));
    const audit = await storage.db.insertInto('audit_log').values({ at: Date.now(), user_id: owner.id, actor: 'test', action: 'check', subject: '', detail: '' }).returning('id').executeTakeFirstOrThrow();
    expect(audit.id).toBeGreaterThan(sourceCounts.audit_log!);
    const cat = await storage.db.insertInto('categories').values({ slug: 'after-the-move', name: 'After the move', parent_id: null, description: '', position: 0 }).returning('id').executeTakeFirstOrThrow();
    expect(cat.id).toBeGreaterThan(sourceCounts.categories!);
    expect(maxId).toBeGreaterThanOrEqual(300);
    await storage.close();

    // A second run finds the target occupied: one line, a non-zero exit, nothing written twice.
    const again = await masthead(['migrate', '--to', db.databaseUrl!, '--data', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^masthead: PostgreSQL at .+ is not empty \(settings: \d+ rows?, .*articles: 300 rows.*nothing was written/);
    expect(again.stdout).toBe('');
    const client = new pg.Client({ connectionString: db.databaseUrl });
    await client.connect();
    expect(Number((await client.query('select count(*) as n from articles')).rows[0].n)).toBe(300);
    await client.end();
  }, 300_000);

  it('leaves the target as it was when the copy fails midway, and refuses a folder with no site', async () => {
    const dataDir = join(scope.root, 'broken');
    expect((await masthead(['import', fixture, '--data', dataDir, '--no-images'])).code).toBe(0);
    // A row PostgreSQL will refuse (a tag that does not exist), written past SQLite's own check.
    const sqlite = new Sqlite(join(dataDir, 'masthead.db'));
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare('insert into article_tags (article_id, tag_id) values (1, 99999)').run();
    sqlite.close();

    const db = await createTestDatabase('postgres');
    databases.push(db);
    const failed = await masthead(['migrate', '--to', db.databaseUrl!, '--data', dataDir]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/^masthead: .*article_tags/);
    // Not even the schema stayed: the copy was one transaction.
    expect(await publicTables(db.databaseUrl!)).toBe(0);

    const none = await masthead(['migrate', '--to', db.databaseUrl!, '--data', join(scope.root, 'nothing-here')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^masthead: No Masthead site in .*nothing-here/);
    const bad = await masthead(['migrate', '--to', 'mysql://localhost/x', '--data', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^masthead: --to must be a postgres:\/\/ URL/);
  }, 300_000);
});
