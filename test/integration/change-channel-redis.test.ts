import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { openRedis } from '../../src/storage/redis/redis-connection.js';

const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const redisUp = await openRedis(REDIS_URL).then(async (r) => {
  await r.quit();
  return true;
}, () => false);
if (process.env.CI && !redisUp) throw new Error(`Redis is not reachable at ${REDIS_URL}; CI must test the shared change channel`);

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

// Two app processes of one site (one PostgreSQL database, one Redis): a change made through one
// reaches the other's caches and engines through Redis pub/sub, long before any safety net runs.
describe.skipIf(!redisUp || !DIALECTS.includes('postgres'))('the change channel across two app instances through Redis', () => {
  let db: TestDatabase;
  let a: Masthead;
  let b: Masthead;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const config = loadConfig({ data: ':memory:', logLevel: 'silent' }, { MASTHEAD_DATABASE_URL: db.databaseUrl!, MASTHEAD_REDIS_URL: REDIS_URL });
    // The store watcher would find every change within its interval too: slow it down so only Redis can deliver in time.
    a = await createMasthead(config, { watchMs: 600_000 });
    b = await createMasthead(config, { watchMs: 600_000 });
    await b.site.categories();
    await b.site.settings();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('a settings change through one instance is what the other serves within a second', async () => {
    expect((await b.site.settings()).name).toBe('Masthead');
    await a.site.updateSettings({ name: 'The Harbour Gazette' });
    const ms = await within(1000, async () => (await b.site.settings()).name === 'The Harbour Gazette');
    expect(ms).toBeLessThan(1000);
    const page = await b.app.inject({ url: '/' });
    expect(page.body).toContain('The Harbour Gazette');
  });

  it('an article saved through one instance, in a new section, reaches the other\'s section tree and Related index', async () => {
    const first = await a.storage.transaction((s) => a.articles.save(s, { title: 'Tidal barrier closes for the storm', body: 'The tidal barrier closed as the storm surge rose in the estuary.', category: 'Weather', publishedAt: Date.now() - 60_000 }));
    const second = await a.storage.transaction((s) => a.articles.save(s, { title: 'Storm surge tests the tidal barrier', body: 'The estuary tidal barrier held back the storm surge.', category: 'Weather', publishedAt: Date.now() - 30_000 }));
    await within(1000, async () => (await b.site.categories()).getBySlug('weather') !== undefined);
    await within(1000, async () => {
      await b.related.applyPending();
      return b.related.related(second.id, 3, Date.now()).includes(first.id);
    });
    const section = await b.app.inject({ url: '/category/weather' });
    expect(section.statusCode).toBe(200);
    expect(section.body).toContain('Storm surge tests the tidal barrier');
  });
});
