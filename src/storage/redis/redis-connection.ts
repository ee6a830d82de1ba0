import { Redis } from 'ioredis';
import { AppError } from '../../errors.js';

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.host}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'the configured address';
  }
}

/**
 * Connects to the site's Redis (counter dedupe, the cookie-less salt, the change channel).
 * Unreachable at start → MH_ERR_CONFIG naming Redis and the address; later outages are
 * retried by ioredis in the background.
 */
export async function openRedis(url: string): Promise<Redis> {
  // Fail fast while disconnected (no offline queue, a short command timeout): the callers fall
  // back to what the process can do alone rather than keep a reader waiting.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 });
  // Errors between reconnects are expected during an outage; the callers report failed commands.
  let last: NodeJS.ErrnoException | undefined;
  redis.on('error', (err: NodeJS.ErrnoException) => {
    last = err;
  });
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    const cause = last ?? (err as NodeJS.ErrnoException);
    const reason = cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code === 'ENOTFOUND' ? 'host not found' : cause.message || 'connection failed';
    throw new AppError('MH_ERR_CONFIG', `Redis at ${shown(url)}: ${reason} (MASTHEAD_REDIS_URL)`);
  }
}
