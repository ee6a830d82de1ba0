import type { Redis } from 'ioredis';
import type { RateCheck, RateWindows } from '../ports.js';

// Every check in one round trip and one atomic step, in order, as the in-process limiter does:
// a check at its limit answers with its time left and spends nothing after it. A window starts
// at its key's first hit and ends when the key expires.
const SPEND = `
for i = 1, #KEYS do
  local limit = tonumber(ARGV[2 * i - 1])
  local ttl = tonumber(ARGV[2 * i])
  local hits = tonumber(redis.call('GET', KEYS[i]) or '0')
  if hits >= limit then
    local left = redis.call('PTTL', KEYS[i])
    if left < 0 then
      redis.call('PEXPIRE', KEYS[i], ttl)
      left = ttl
    end
    return {i, left}
  end
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return {0, 0}
`;

type WithSpend = Redis & { mastheadSpend(keyCount: number, ...args: (string | number)[]): Promise<[number, number]> };

/**
 * Rate-limit windows in Redis: one counter per key that expires with its window, so every
 * process of a site spends the same budget (a reader is limited once, not once per process)
 * and Redis keeps only the live windows. Keys are keyed hashes made by the caller.
 */
export class RedisRateWindows implements RateWindows {
  private readonly redis: WithSpend;

  constructor(redis: Redis, private readonly prefix: string) {
    // defineCommand sends EVALSHA and falls back to EVAL once when Redis does not know the script.
    if (!('mastheadSpend' in redis)) redis.defineCommand('mastheadSpend', { lua: SPEND });
    this.redis = redis as WithSpend;
  }

  async spend(checks: readonly RateCheck[]): Promise<{ index: number; waitMs: number } | undefined> {
    const keys = checks.map((c) => `${this.prefix}${c.key}`);
    const args = checks.flatMap((c) => [c.limit, Math.max(1, Math.round(c.windowMs))]);
    const [index, waitMs] = await this.redis.mastheadSpend(keys.length, ...keys, ...args);
    return index === 0 ? undefined : { index: index - 1, waitMs: Number(waitMs) };
  }

  /** Forgets every window under the prefix (tests). */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      if (found.length) await this.redis.del(...found);
      cursor = next;
    } while (cursor !== '0');
  }
}
