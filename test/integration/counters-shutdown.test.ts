import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerCookies, sendView, type ViewOutcome } from '../../bench/lib/counters-load.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';
import { seedArticles, storedViews } from '../../bench/lib/counters-seed.js';
import { serverScope } from '../helpers/server-scope.js';

// The real server as a child process: concurrent views from many readers, SIGTERM in the middle
// of the load, a restart, and the stored totals must equal exactly what the answers said counted.

const SECRET = 'counters-shutdown-test-secret-0123456789';
const ARTICLES = 8;
const READERS = 250;
const CONCURRENCY = 16;

const { root, servers } = serverScope('mh-counters-shutdown-');

describe('counting across a graceful shutdown', () => {
  it('loses no counted view when SIGTERM arrives under load', async () => {
    const dataDir = join(root, 'data');
    const ids = await seedArticles(dataDir, ARTICLES);
    const cookies = readerCookies(READERS, SECRET);
    // Every reader reads every article; one request in four is a reload of an earlier pair.
    const plan: { article: number; reader: number }[] = [];
    for (let r = 0; r < READERS; r++) {
      for (let a = 0; a < ARTICLES; a++) {
        plan.push({ article: ids[a]!, reader: r });
        if ((r * ARTICLES + a) % 4 === 3) plan.push({ article: ids[(a + 5) % ARTICLES]!, reader: r });
      }
    }
    const env = { MASTHEAD_SECRET: SECRET, MASTHEAD_COUNTER_RATE_LIMIT: '1000000' };
    const outcomes: ViewOutcome[] = new Array(plan.length);

    /** Sends plan entries (by index) with CONCURRENCY workers until the list is done or `stop()` says so. */
    const drive = async (url: string, indexes: number[], stop: () => boolean, onAnswer?: (answered: number) => void) => {
      let next = 0;
      let answered = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < indexes.length && !stop()) {
          const i = indexes[next++]!;
          outcomes[i] = await sendView(url, plan[i]!.article, cookies[plan[i]!.reader]!);
          onAnswer?.(++answered);
        }
      }));
    };

    const first = await startMasthead({ dataDir, port: await freePort(), env });
    servers.push(first);
    let exited = false;
    let exit: Promise<number | string | null> | undefined;
    await drive(first.url, plan.map((_, i) => i), () => exited, (answered) => {
      if (answered === Math.floor(plan.length / 2) && !exit) {
        exit = first.stop('SIGTERM');
        void exit.then(() => { exited = true; });
      }
    });
    expect(await exit).toBe(0);
    const countedBefore = outcomes.filter((o) => o === 'counted').length;
    const failedBefore = outcomes.filter((o) => o === 'failed').length;
    expect(countedBefore).toBeGreaterThan(plan.length / 3);

    // After the restart: everything not answered yet, and every request that failed.
    const second = await startMasthead({ dataDir, port: await freePort(), env });
    servers.push(second);
    const rest = plan.map((_, i) => i).filter((i) => outcomes[i] === undefined || outcomes[i] === 'failed');
    await drive(second.url, rest, () => false);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(0);
    expect(await second.stop('SIGTERM')).toBe(0);

    const expected = new Map<number, number>();
    plan.forEach((p, i) => { if (outcomes[i] === 'counted') expected.set(p.article, (expected.get(p.article) ?? 0) + 1); });
    for (const id of ids) {
      const stored = await storedViews(dataDir, [id]);
      expect({ id, views: stored.total, buckets: stored.buckets }).toEqual({ id, views: expected.get(id) ?? 0, buckets: expected.get(id) ?? 0 });
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    // Every (reader, article) pair counts once; the restart forgets who read what, so a pair
    // answered "counted" before it and sent again after it (only failed ones are) may count twice.
    expect(total).toBeGreaterThanOrEqual(READERS * ARTICLES);
    process.stdout.write(`graceful shutdown: ${plan.length} reports, ${countedBefore} counted before SIGTERM (${failedBefore} refused while closing), ${total} counted in all, stored ${total}: equal\n`);
  }, 120_000);
});
