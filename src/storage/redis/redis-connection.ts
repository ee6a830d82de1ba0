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
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Errors between reconnects are expected during an outage; the callers report failed commands.
  redis.on('error', () => {});
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new AppError('MH_ERR_CONFIG', `Redis at ${shown(url)}: ${(err as Error).message || 'connection failed'} (MASTHEAD_REDIS_URL)`);
  }
}
