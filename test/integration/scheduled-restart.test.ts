import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { ArticleService } from '../../src/services/article-service.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { openRedis } from '../../src/storage/redis/redis-connection.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

// A restart of a site with several processes: articles scheduled while no server ran, whose time
// passed, go out when the processes start together — each exactly once (one flip, one audit
// entry, one change announced across the site), and an article whose time has not come stays put.

const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const redisUp = await openRedis(REDIS_URL).then(async (r) => {
  await r.quit();
  return true;
}, () => false);

describe.skipIf(!DIALECTS.includes('postgres'))('scheduled articles after a restart of two processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  const due: number[] = [];
  let future = 0;
  const siteId = `restart-${process.pid}-${Date.now()}`;
  const instances: Masthead[] = [];
  /** article.saved messages every process of the site sent through Redis, by article id. */
  const announced = new Map<number, number>();
  let listener: Awaited<ReturnType<typeof openRedis>> | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    // While no server runs: three articles are scheduled, and their time passes; one is for later.
    const storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' });
    const articles = new ArticleService(new LocalChangeChannel());
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      const saved = await storage.transaction((s) => articles.save(s, { title: `Due while down ${i}`, body: 'x', status: 'scheduled', publishedAt: now + 60_000 }));
      await storage.newsroom.setStatus(saved.id, 'scheduled', now - (i + 1) * 60_000, now - 3_600_000);
      due.push(saved.id);
    }
    future = (await storage.transaction((s) => articles.save(s, { title: 'Not yet', body: 'x', status: 'scheduled', publishedAt: now + 3_600_000 }))).id;
    if (redisUp) await storage.settings.initOnce('internal.siteId', siteId);
    await storage.close();

    if (redisUp) {
      listener = await openRedis(REDIS_URL);
      listener.on('message', (_topic: string, message: string) => {
        const envelope = JSON.parse(message) as { n: string; p: { id: number } };
        if (envelope.n === 'article.saved') announced.set(envelope.p.id, (announced.get(envelope.p.id) ?? 0) + 1);
      });
      await listener.subscribe(`masthead:${siteId}:changes`);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((m) => m.close()));
    await listener?.quit();
    await db?.drop();
  });

  it('the two processes start together and publish each due article exactly once', async () => {
    const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, { MASTHEAD_DATABASE_URL: db.databaseUrl!, ...(redisUp ? { MASTHEAD_REDIS_URL: REDIS_URL } : {}) });
    instances.push(...await Promise.all([createMasthead(config), createMasthead(config)]));
    // `ready` resolves once every background task has started: the scheduler's first pass is done.
    await Promise.all(instances.map((m) => m.ready));
    const [a] = instances;

    for (const id of due) expect((await a!.storage.articles.findById(id))!.status).toBe('published');
    expect((await a!.storage.articles.findById(future))!.status).toBe('scheduled');

    const log = (await a!.storage.newsroom.auditLog(1000, 0)).items.filter((e) => e.actor === 'scheduler');
    const perArticle = (id: number) => log.filter((e) => e.action === 'article.publish' && e.subject.startsWith(`${id} `)).length;
    expect(due.map(perArticle)).toEqual([1, 1, 1]);
    expect(perArticle(future)).toBe(0);

    // Both processes serve it.
    for (const m of instances) {
      const slug = (await m.storage.articles.findById(due[0]!))!.slug;
      expect((await m.app.inject({ url: `/articles/${slug}` })).statusCode).toBe(200);
    }

    if (redisUp) {
      // Every change of the site crosses Redis: one announcement per article, from whichever process flipped it.
      await new Promise((r) => setTimeout(r, 500));
      expect(due.map((id) => announced.get(id) ?? 0)).toEqual([1, 1, 1]);
      expect(announced.get(future)).toBeUndefined();
    }
  }, 120_000);
});
