import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { serverScope } from '../helpers/server-scope.js';
import { BROWSER_UA } from '../helpers/app.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { ArticleService } from '../../src/services/article-service.js';

async function until(ms: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The server reaches PostgreSQL through a proxy the test cuts: every connection dropped and new
// ones refused, as in a database restart or a failover. The process must stay up, serve what it
// has cached, answer 503 with Retry-After for the rest, lose no acknowledged view, and recover.
describe.runIf(DIALECTS.includes('postgres'))('a PostgreSQL outage under a running server', () => {
  const scope = serverScope('mh-pg-outage-');
  let db: TestDatabase;
  afterAll(async () => db?.drop());

  it('stays up, answers 503 then 200 again, and keeps every acknowledged view', async () => {
    db = await createTestDatabase('postgres');
    const direct = new URL(db.databaseUrl!);
    const proxy = new FaultProxy(await freePort(), { host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(db.databaseUrl!);
    viaProxy.port = String(proxy.port);

    const storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' });
    const service = new ArticleService(new LocalChangeChannel());
    const ids: { id: number; slug: string }[] = [];
    for (const title of ['Harbour cranes arrive', 'Ferry timetable changes', 'Lighthouse lamp restored']) {
      ids.push(await storage.transaction((s) => service.save(s, { title, body: `${title} today.`, publishedAt: Date.now() - 60_000 })));
    }
    await storage.close();

    const server = await startMasthead({ dataDir: join(scope.root, 'data'), port: await freePort(), env: { MASTHEAD_DATABASE_URL: viaProxy.toString(), MASTHEAD_REDIS_URL: '' } });
    scope.servers.push(server);
    const [cached, uncached] = ids;
    let acknowledged = 0;
    const beacon = async (reader: number) => {
      const res = await fetch(`${server.url}/articles/${cached!.id}/views`, { method: 'POST', headers: { accept: 'application/json', 'user-agent': `${BROWSER_UA} r/${reader}` } });
      if (res.ok && ((await res.json()) as { counted: boolean }).counted) acknowledged++;
      return res.status;
    };
    expect((await fetch(`${server.url}/articles/${cached!.slug}`)).status).toBe(200);
    for (let r = 0; r < 10; r++) expect(await beacon(r)).toBe(200);

    await proxy.cut();
    // Past the page cache's few seconds, the page is served from its expired copy.
    await new Promise((r) => setTimeout(r, 5500));
    const stale = await fetch(`${server.url}/articles/${cached!.slug}`);
    expect(stale.status).toBe(200);
    const down = await fetch(`${server.url}/articles/${uncached!.slug}`);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await down.text()).toMatch(/database/i);
    // Views of an article whose state is in memory are still counted, and kept for later.
    const during: number[] = [];
    for (let r = 10; r < 20; r++) during.push(await beacon(r));
    expect(during).toEqual(Array(10).fill(200));
    expect(server.child.exitCode).toBeNull();

    await proxy.start();
    await until(20_000, async () => (await fetch(`${server.url}/articles/${uncached!.slug}`)).status === 200);
    for (let r = 20; r < 25; r++) expect(await beacon(r)).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);

    const after = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' });
    expect(await after.counters.viewCount(cached!.id)).toBe(acknowledged);
    await after.close();
    await proxy.cut();
  }, 120_000);
});
