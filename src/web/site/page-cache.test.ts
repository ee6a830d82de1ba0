import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

describe('PageCache', () => {
  it('renders once within the TTL and again after it', async () => {
    let now = 0;
    let renders = 0;
    const cache = new PageCache(undefined, { ttlMs: 5000, maxEntries: 10, clock: () => now });
    const render = async () => `page ${++renders}`;
    expect(await cache.get('a', render)).toBe('page 1');
    now = 4999;
    expect(await cache.get('a', render)).toBe('page 1');
    now = 5001;
    expect(await cache.get('a', render)).toBe('page 2');
  });
  it('shares one render between concurrent misses', async () => {
    let renders = 0;
    const cache = new PageCache(undefined);
    const render = () => new Promise<string>((resolve) => setTimeout(() => resolve(`page ${++renders}`), 10));
    const pages = await Promise.all(Array.from({ length: 20 }, () => cache.get('a', render)));
    expect(new Set(pages)).toEqual(new Set(['page 1']));
    expect(renders).toBe(1);
  });
  it('does not cache failures and keeps at most maxEntries', async () => {
    const cache = new PageCache(undefined, { ttlMs: 5000, maxEntries: 2 });
    await expect(cache.get('x', async () => { throw new Error('404'); })).rejects.toThrow('404');
    expect(await cache.get('x', async () => 'ok')).toBe('ok');
    await cache.get('y', async () => 'y');
    await cache.get('z', async () => 'z');
    expect(await cache.get('x', async () => 'fresh')).toBe('fresh'); // evicted as the oldest
  });

  it('serves the expired copy when rendering fails because the database is down, and not for other failures', async () => {
    let now = 0;
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const cache = new PageCache(undefined, { ttlMs: 1000, clock: () => now, staleOnError: (err) => (err as { code?: string }).code === 'ECONNREFUSED' });
    expect(await cache.get('a', async () => 'v1')).toBe('v1');
    now += 5000;
    expect(await cache.get('a', async () => {
      throw down;
    })).toBe('v1');
    await expect(cache.get('a', async () => {
      throw new Error('a bug');
    })).rejects.toThrow('a bug');
    await expect(cache.get('b', async () => {
      throw down;
    })).rejects.toThrow('ECONNREFUSED');
  });
});
