import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerCookies, sendView } from '../../bench/lib/counters-load.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';
import { seedArticles, storedViews } from '../../bench/lib/counters-seed.js';
import { serverScope } from '../helpers/server-scope.js';

// kill -9 in the middle of load: write-behind may lose what was counted since the last flush
// committed, and nothing more. The test measures the loss and checks it against the counted
// answers of the last flush interval (plus slack for a late timer and the flush itself).

const SECRET = 'counters-crash-test-secret-0123456789';
const FLUSH_MS = 1000;
const SLACK_MS = 500;
const CONCURRENCY = 16;

const { root, servers } = serverScope('mh-counters-crash-');

describe('counting across a crash', () => {
  it('loses at most one flush interval of counted views to kill -9', async () => {
    const dataDir = join(root, 'data');
    const ids = await seedArticles(dataDir, 20);
    const cookies = readerCookies(20_000, SECRET);
    const env = { MASTHEAD_SECRET: SECRET, MASTHEAD_COUNTER_RATE_LIMIT: '1000000', MASTHEAD_COUNTER_FLUSH_MS: String(FLUSH_MS) };
    const server = await startMasthead({ dataDir, port: await freePort(), env });
    servers.push(server);

    const countedAt: number[] = [];
    let seq = 0;
    let killed = false;
    const started = performance.now();
    const workers = Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      // Bounded: stops at the kill, or after 20,000 reports whatever happens.
      while (!killed && seq < 20_000) {
        const n = seq++;
        const outcome = await sendView(server.url, ids[n % ids.length]!, cookies[Math.floor(n / ids.length) % cookies.length]!);
        if (outcome === 'counted' && !killed) countedAt.push(performance.now());
      }
    }));
    // Kill at a moment unrelated to the flush timer (3.5 intervals in).
    await new Promise((r) => setTimeout(r, 3.5 * FLUSH_MS));
    const killAt = performance.now();
    killed = true;
    expect(await server.stop('SIGKILL')).toBe('SIGKILL');
    await workers;

    // The database opens cleanly after the crash (SQLite rolls back a half-written flush).
    const restarted = await startMasthead({ dataDir, port: await freePort(), env });
    servers.push(restarted);
    expect(await restarted.stop('SIGTERM')).toBe(0);
    const stored = await storedViews(dataDir, ids);

    const acknowledged = countedAt.length;
    const lost = acknowledged - stored.total;
    const lastInterval = countedAt.filter((t) => t >= killAt - FLUSH_MS - SLACK_MS).length;
    const rate = acknowledged / ((killAt - started) / 1000);
    process.stdout.write(`kill -9: ${acknowledged} views acknowledged as counted (${Math.round(rate)}/s), ${stored.total} stored, ${lost} lost; ${lastInterval} were acknowledged in the last ${FLUSH_MS + SLACK_MS} ms\n`);
    expect(acknowledged).toBeGreaterThan(100);
    expect(stored.buckets).toBe(stored.total);
    // Some views were written by the flushes before the kill…
    expect(stored.total).toBeGreaterThan(0);
    // …and no more than the last interval's worth is missing (a report counted and flushed whose
    // answer the kill cut off can make `stored` exceed the acknowledged count by the requests in flight).
    expect(lost).toBeLessThanOrEqual(lastInterval);
    expect(stored.total).toBeLessThanOrEqual(acknowledged + CONCURRENCY);
  }, 120_000);
});
