import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverScope } from '../helpers/server-scope.js';
import { BROWSER_UA } from '../helpers/app.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { ArticleService } from '../../src/services/article-service.js';

/** A redis-server of the test's own on a free loopback port (nothing saved to disk). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

// Redis shares the view dedupe between processes. When it dies, counting must go on in each
// process (never a 500), and rejoin Redis when it is back.
describe('counting through a Redis outage', () => {
  const scope = serverScope('mh-redis-outage-');

  it('answers every beacon during the outage, counts each new reader once, and rejoins Redis', async () => {
    const dataDir = join(scope.root, 'data');
    const storage = await openStorage({ dataDir });
    const article = await storage.transaction((s) => new ArticleService(new LocalChangeChannel()).save(s, { title: 'Harbour opens at dawn', body: 'The harbour opens at dawn.', publishedAt: Date.now() - 60_000 }));
    await storage.close();

    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const server = await startMasthead({ dataDir, port: await freePort(), env: { MASTHEAD_REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
    scope.servers.push(server);
    try {
      let counted = 0;
      const statuses: number[] = [];
      const beacon = async (reader: number) => {
        const res = await fetch(`${server.url}/articles/${article.id}/views`, {
          method: 'POST', headers: { accept: 'application/json', 'user-agent': `${BROWSER_UA} reader/${reader}` },
        });
        statuses.push(res.status);
        if (res.ok && ((await res.json()) as { counted: boolean }).counted) counted++;
      };
      // Cookie-less readers from one address share one per-minute budget (60): stay under it.
      for (let r = 0; r < 15; r++) await beacon(r);
      await stopRedis(redis);
      const outageStarted = Date.now();
      for (let r = 15; r < 40; r++) await beacon(r);
      const outageMs = Date.now() - outageStarted;
      // A repeat during the outage is still a repeat (the process's own dedupe).
      await beacon(30);
      expect(counted).toBe(40);
      redis = await startRedis(redisPort);
      // ioredis reconnects within about 2 s; the fallback tries Redis again 2 s after its last failure.
      await new Promise((r) => setTimeout(r, 4500));
      for (let r = 40; r < 55; r++) await beacon(r);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(counted).toBe(55);
      // 25 beacons with Redis down answered without waiting on it for long.
      expect(outageMs).toBeLessThan(25 * 1000);
      expect(await server.stop('SIGTERM')).toBe(0);
      const after = await openStorage({ dataDir });
      expect(await after.counters.viewCount(article.id)).toBe(55);
      await after.close();
      expect(server.output()).toMatch(/Redis unreachable/);
      expect(server.output()).toMatch(/Redis answers again/);
    } finally {
      await stopRedis(redis);
    }
  }, 120_000);
});
