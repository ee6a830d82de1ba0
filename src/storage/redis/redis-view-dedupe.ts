import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SaltSource, ViewDedupe } from '../ports.js';

/**
 * View dedupe shared by every process of a site through Redis: one key per (reader, article)
 * with the window as its expiry, claimed with SET NX, so two processes can never both count
 * the same reader's view. Keys hold only the stored reader key (a keyed hash) and an article
 * id; Redis forgets each one when its window ends, so memory follows the live window.
 */
export class RedisViewDedupe implements ViewDedupe {
  constructor(private readonly redis: Redis, private readonly prefix = 'mh:seen:') {}

  async claim(reader: string, articleId: number, _now: number, windowMs: number, alias?: string): Promise<boolean> {
    const ttl = Math.max(1, Math.round(windowMs));
    if (alias === undefined) return (await this.redis.set(`${this.prefix}${articleId}:${reader}`, '1', 'PX', ttl, 'NX')) === 'OK';
    // One round trip for both keys.
    const results = await this.redis.pipeline()
      .set(`${this.prefix}${articleId}:${reader}`, '1', 'PX', ttl, 'NX')
      .set(`${this.prefix}${articleId}:${alias}`, '1', 'PX', ttl)
      .exec();
    const [err, reply] = results?.[0] ?? [new Error('empty pipeline reply'), null];
    if (err) throw err;
    return reply === 'OK';
  }

  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

/**
 * The day's salt for cookie-less readers, the same in every process: the first process to ask
 * sets it (SET NX) with an expiry at the end of the UTC day (plus a minute for clock skew), so
 * Redis never holds a salt beyond its day.
 */
export class RedisSaltSource implements SaltSource {
  constructor(private readonly redis: Redis, private readonly prefix = 'mh:salt:') {}

  async saltFor(day: number): Promise<Buffer> {
    const key = `${this.prefix}${day}`;
    const secondsLeft = Math.ceil(((day + 1) * 86_400_000 - Date.now()) / 1000) + 60;
    await this.redis.set(key, randomBytes(32).toString('base64'), 'EX', Math.max(60, secondsLeft), 'NX');
    const value = await this.redis.get(key);
    if (!value) throw new Error(`Redis lost the salt ${key}`);
    return Buffer.from(value, 'base64');
  }
}
