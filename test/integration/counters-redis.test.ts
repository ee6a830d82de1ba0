import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { CounterService } from '../../src/counters/counter-service.js';
import { MemoryCounterStore } from '../../src/counters/memory-counter-store.js';
import { newReaderId } from '../../src/counters/reader-identity.js';
import { defaultSettings } from '../../src/services/site-service.js';
import { RedisSaltSource, RedisViewDedupe } from '../../src/storage/redis/redis-view-dedupe.js';
import { openRedis as openCounterRedis } from '../../src/storage/redis/redis-connection.js';
import { RedisRateWindows } from '../../src/storage/redis/redis-rate-windows.js';
import { CounterRateLimits } from '../../src/counters/counter-limits.js';

// Several app processes share one Redis: a reader counts once whichever process they reach,
// and cookie-less readers hash under the same daily salt everywhere.

const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const READ = { method: 'POST', userAgent: UA, purpose: undefined };
const prefix = `mh-test-${process.pid}-${Date.now()}:`;

async function reachable(): Promise<Redis | undefined> {
  try {
    return await openCounterRedis(REDIS_URL);
  } catch {
    return undefined;
  }
}

const redis = await reachable();
if (process.env.CI && !redis) throw new Error(`Redis is not reachable at ${REDIS_URL}; CI must test the shared counters`);

describe.skipIf(!redis)('counters shared through Redis', () => {
  let a: CounterService;
  let b: CounterService;
  let store: MemoryCounterStore;
  const now = Date.UTC(2026, 5, 1, 9, 0);

  beforeAll(() => {
    store = new MemoryCounterStore();
    store.addArticle(1, now - 3_600_000);
    const make = () => new CounterService({
      store, site: { settings: async () => defaultSettings }, secret: 'redis-test-secret-0123456789', clock: () => now,
      dedupe: new RedisViewDedupe(redis!, `${prefix}seen:`), salt: new RedisSaltSource(redis!, `${prefix}salt:`),
    });
    a = make();
    b = make();
  });
  afterAll(async () => {
    if (!redis) return;
    await new RedisViewDedupe(redis, `${prefix}seen:`).clear();
    await new RedisRateWindows(redis, `${prefix}limit:`).clear();
    const salts = await redis.keys(`${prefix}salt:*`);
    if (salts.length) await redis.del(...salts);
    await redis.quit();
  });

  it('counts a reader once across processes', async () => {
    const reader = { cookieId: newReaderId(), address: '198.51.100.4', userAgent: UA };
    expect((await a.recordView(1, reader, READ)).counted).toBe(true);
    expect((await b.recordView(1, reader, READ)).counted).toBe(false);
    expect((await a.recordView(1, reader, READ)).counted).toBe(false);
  });

  it('gives cookie-less readers the same identity in every process, and the issued cookie too', async () => {
    const anon = { cookieId: undefined, address: '198.51.100.5', userAgent: UA };
    const first = await a.recordView(1, anon, READ);
    expect(first.counted).toBe(true);
    expect((await b.recordView(1, anon, READ)).counted).toBe(false);
    expect((await b.recordView(1, { ...anon, cookieId: first.issuedReaderId }, READ)).counted).toBe(false);
  });

  it('keeps the salt only until the end of its UTC day', async () => {
    const salts = new RedisSaltSource(redis!, `${prefix}salt:`);
    const day = Math.floor(Date.now() / 86_400_000);
    const s1 = await salts.saltFor(day);
    expect((await salts.saltFor(day)).equals(s1)).toBe(true);
    const ttl = await redis!.ttl(`${prefix}salt:${day}`);
    const secondsLeftToday = Math.ceil(((day + 1) * 86_400_000 - Date.now()) / 1000);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(secondsLeftToday + 60);
  });

  it('lets a window expire in Redis', async () => {
    const d = new RedisViewDedupe(redis!, `${prefix}seen:`);
    expect(await d.claim('reader-x', 9, now, 50)).toBe(true);
    expect(await d.claim('reader-x', 9, now, 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(await d.claim('reader-x', 9, now, 50)).toBe(true);
  });

  it('limits a reader once across processes, spending nothing past the check at its limit', async () => {
    const windows = new RedisRateWindows(redis!, `${prefix}limit:`);
    const shared = { windows, secret: 'redis-test-secret-0123456789', onStateChange: () => {} };
    const p1 = new CounterRateLimits({ viewsPerAddress: 5, viewsPerReader: 3 }, shared);
    const p2 = new CounterRateLimits({ viewsPerAddress: 5, viewsPerReader: 3 }, shared);
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await (i % 2 ? p2 : p1).view('198.51.100.9', 'reader-r', now));
    expect(verdicts.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(verdicts[3]).toMatchObject({ message: expect.stringMatching(/this reader/) });
    expect(verdicts[3]!.retryAfterS).toBeGreaterThan(55);
    expect(verdicts[3]!.retryAfterS).toBeLessThanOrEqual(60);
    // The address spent 4 (its check comes first and had room for the refused report too): 1 left.
    expect(await p2.view('198.51.100.9', 'reader-s', now)).toBeUndefined();
    expect((await p1.view('198.51.100.9', 'reader-t', now))?.message).toMatch(/this address/);
    // A refusal at the address spends nothing of the reader's budget.
    expect((await p2.view('198.51.100.9', 'reader-t', now))?.message).toMatch(/this address/);
    expect(await redis!.keys(`${prefix}limit:vr:*`)).toHaveLength(2);
    // Redis holds hashes and expiring counters only.
    const keys = await redis!.keys(`${prefix}limit:*`);
    expect(keys.join(' ')).not.toMatch(/198\.51|reader-/);
    for (const k of keys) expect(await redis!.pttl(k)).toBeGreaterThan(0);
  });
});
