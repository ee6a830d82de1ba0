import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { PublishWatch } from '../../src/publish/publish-watch.js';
import { SitePublisher } from '../../src/publish/site-publisher.js';
import { openRedis } from '../../src/storage/redis/redis-connection.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const failures: unknown[] = [];
const redisUp = await openRedis(REDIS_URL).then(async (r) => {
  await r.quit();
  return true;
}, () => false);

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${failures.map(String).join('; ')})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// `publish --watch` in one process, the newsroom in another, one PostgreSQL and one Redis: the
// save reaches the publisher through Redis (both store watchers are slowed so nothing else could).
describe.skipIf(!redisUp || !DIALECTS.includes('postgres'))('publish --watch hearing another process through Redis', () => {
  let db: TestDatabase;
  let writer: Masthead;
  let publishing: Masthead;
  let watch: PublishWatch;

  const out = mkdtempSync(join(tmpdir(), 'masthead-publish-redis-'));

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, { MASTHEAD_DATABASE_URL: db.databaseUrl!, MASTHEAD_REDIS_URL: REDIS_URL });
    writer = await createMasthead(config, { watchMs: 600_000 });
    publishing = await createMasthead(config, { watchMs: 600_000 });
    const publisher = new SitePublisher(publishing, out);
    await publisher.publishAll();
    watch = new PublishWatch(publisher, publishing.changes, { settleMs: 50, onError: (err) => failures.push(err) });
    await watch.start();
  }, 120_000);
  afterAll(async () => {
    await watch?.stop();
    await writer?.close();
    await publishing?.close();
    await db?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('an article saved by the other process is published, and removed when it is withdrawn', async () => {
    const saved = await writer.storage.transaction((s) => writer.articles.save(s, { title: 'Heard through Redis', body: 'Pub/sub.', tags: ['Relay'], publishedAt: Date.now() - 60_000 }));
    const page = join(out, 'articles', saved.slug, 'index.html');
    await until(() => existsSync(page) && existsSync(join(out, 'tag', 'relay', 'index.html')), 'the article and its tag to be published');
    expect(readFileSync(page, 'utf8').includes('Pub/sub.')).toBe(true);
    await writer.storage.transaction((s) => writer.articles.save(s, { title: 'Heard through Redis', body: 'Pub/sub.', tags: ['Relay'], status: 'draft' }, saved.id));
    await until(() => !existsSync(page) && !existsSync(join(out, 'tag', 'relay')), 'the withdrawn article to leave');
    expect(failures).toEqual([]);
  }, 120_000);
});
