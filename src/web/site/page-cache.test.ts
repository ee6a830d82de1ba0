import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptedEncoding, CachedPage, type Rendered } from './cached-page.js';
import { PageCache } from './page-cache.js';

const page = (body: string, tags: string[] = []): Rendered => ({ body, type: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60', tags });
const text = (p: CachedPage | undefined) => p?.bodies.identity?.toString();

describe('PageCache', () => {
  it('serves a fresh copy, then the old copy while it re-renders in the background, then waits once it is too old', async () => {
    let now = 0;
    let renders = 0;
    const cache = new PageCache({ freshMs: 1000, maxStaleMs: 5000, clock: () => now });
    const render = async () => page(`page ${++renders}`);
    expect(text(await cache.get('a', render))).toBe('page 1');
    now = 999;
    expect(text(await cache.get('a', render))).toBe('page 1');
    now = 1500;
    // Past its freshness: the old copy at once, a new one rendering behind it.
    expect(text(await cache.get('a', render))).toBe('page 1');
    await cache.settled();
    expect(text(await cache.get('a', render))).toBe('page 2');
    now = 1500 + 1000 + 5001;
    // Too old to serve: this reader waits for the render.
    expect(text(await cache.get('a', render))).toBe('page 3');
  });

  it('keeps the copy it has when a re-render gives the same page, and takes the new one when anything differs', async () => {
    let now = 0;
    const cache = new PageCache({ freshMs: 1000, clock: () => now });
    let body = 'same';
    let tags = ['a:1'];
    const render = async () => page(body, tags);
    const first = await cache.get('a', render);
    const stale = async () => {
      now += 1500;
      cache.peek('a');
      await cache.settled();
      return cache.peek('a');
    };
    // Same bytes, headers and keys: the very copy (its compressed bodies and validators) stays.
    expect(await stale()).toBe(first);
    // Fresh again after that re-render: no second one until its freshness has passed.
    expect(cache.stats().renders).toBe(2);
    now += 10;
    cache.peek('a');
    await cache.settled();
    expect(cache.stats().renders).toBe(2);
    tags = ['a:1', 'a:2'];
    const retagged = await stale();
    expect(retagged).not.toBe(first);
    expect(retagged?.tags).toEqual(['a:1', 'a:2']);
    body = 'changed';
    const changed = await stale();
    expect(text(changed)).toBe('changed');
    expect(changed?.etag).not.toBe(first?.etag);
  });

  it('spreads the freshness of pages rendered together over the given share of it', async () => {
    let now = 0;
    const cache = new PageCache({ freshMs: 10_000, freshSpread: 0.5, clock: () => now });
    const renders = new Map<string, number>();
    const render = (key: string) => async () => {
      renders.set(key, (renders.get(key) ?? 0) + 1);
      return page(key);
    };
    const keys = Array.from({ length: 200 }, (_, i) => `p${i}`);
    for (const k of keys) await cache.get(k, render(k));
    // Before half the freshness has passed nothing is stale; by the end of it everything is.
    const staleAt = async (t: number) => {
      now = t;
      for (const k of keys) cache.peek(k);
      await cache.settled();
      return keys.filter((k) => renders.get(k)! > 1).length;
    };
    expect(await staleAt(4_999)).toBe(0);
    const midway = await staleAt(7_500);
    expect(midway).toBeGreaterThan(40);
    expect(midway).toBeLessThan(160);
  });

  it('shares one render between concurrent misses', async () => {
    let renders = 0;
    const cache = new PageCache();
    const render = () => new Promise<Rendered>((resolve) => setTimeout(() => resolve(page(`page ${++renders}`)), 10));
    const pages = await Promise.all(Array.from({ length: 20 }, () => cache.get('a', render)));
    expect(new Set(pages.map(text))).toEqual(new Set(['page 1']));
    expect(renders).toBe(1);
  });

  it('keeps no failure and no missing page, and stays within its byte bound, least recently used out first', async () => {
    const big = 'x'.repeat(30_000);
    const one = new CachedPage(page(big), 0, {}).size;
    let now = 0;
    const cache = new PageCache({ maxBytes: one * 2 + 100, clock: () => now });
    await expect(cache.get('x', async () => { throw new Error('404'); })).rejects.toThrow('404');
    expect(await cache.get('gone', async () => undefined)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
    await cache.get('a', async () => page(big + 'a'));
    await cache.get('b', async () => page(big + 'b'));
    // Read again within the second it was kept, a page keeps its place (it is not moved on every hit)…
    cache.peek('a');
    now = 1500;
    // …a second later, it moves: a is now the most recently used.
    cache.peek('a');
    await cache.get('c', async () => page(big + 'c'));
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(one * 2 + 100);
  });

  it('serves the last copy however old while the database is down, and not for other failures', async () => {
    let now = 0;
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const cache = new PageCache({ freshMs: 1000, maxStaleMs: 1000, clock: () => now, staleOnError: (err) => (err as { code?: string }).code === 'ECONNREFUSED' });
    expect(text(await cache.get('a', async () => page('v1')))).toBe('v1');
    now += 60_000;
    expect(text(await cache.get('a', async () => { throw down; }))).toBe('v1');
    await expect(cache.get('a', async () => { throw new Error('a bug'); })).rejects.toThrow('a bug');
    await expect(cache.get('b', async () => { throw down; })).rejects.toThrow('ECONNREFUSED');
  });

  it('purges only the pages that show a key: read lately, re-rendered behind the old copy; otherwise dropped', async () => {
    let now = 0;
    const cache = new PageCache({ freshMs: 10_000, clock: () => now });
    let version = 1;
    const render = (key: string, tags: string[]) => async () => page(`${key} v${version}`, tags);
    await cache.get('/articles/one', render('one', ['a:1', 'a:2']));
    await cache.get('/articles/two', render('two', ['a:2']));
    await cache.get('/articles/three', render('three', ['a:3']));
    now = 20_000; // nobody read /articles/two since
    cache.peek('/articles/one');
    version = 2;
    cache.purge(['a:2']);
    expect(cache.peek('/articles/two')).toBeUndefined();
    // The fast path leaves a purged page to the router, which waits briefly for the new copy.
    expect(cache.peek('/articles/one')).toBeUndefined();
    expect(text(await cache.get('/articles/one', render('one', ['a:1', 'a:2'])))).toBe('one v2');
    await cache.settled();
    expect(text(cache.peek('/articles/one'))).toBe('one v2');
    expect(text(cache.peek('/articles/three'))).toBe('three v1');
    cache.evict(['a:3']);
    expect(cache.peek('/articles/three')).toBeUndefined();
  });

  it('gives the previous copy of a purged page when its new copy takes longer than the grace', async () => {
    const cache = new PageCache({ purgeWaitMs: 20 });
    let slow = false;
    const render = async () => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 200));
      return page(slow ? 'new' : 'old', ['k']);
    };
    await cache.get('p', render);
    slow = true;
    cache.purge(['k']);
    expect(text(await cache.get('p', render))).toBe('old');
    await cache.settled();
    expect(text(await cache.get('p', render))).toBe('new');
  });

  it('renders every time when turned off, and keeps nothing', async () => {
    let renders = 0;
    const cache = new PageCache({ maxBytes: 0 });
    const render = async () => page(`page ${++renders}`.padEnd(5000, '.'));
    const a = await cache.get('a', render);
    const b = await cache.get('a', render);
    expect([text(a)?.slice(0, 6), text(b)?.slice(0, 6)]).toEqual(['page 1', 'page 2']);
    expect(a?.bodies.br).toBeUndefined();
    expect(cache.peek('a')).toBeUndefined();
  });
});

describe('CachedPage', () => {
  const body = `<!doctype html><title>t</title>${'<p>Paragraph of a news story, with words.</p>'.repeat(200)}`;
  const p = new CachedPage(page(body, ['home', 'a:1']), Date.UTC(2026, 0, 2, 3, 4, 5, 678), { 'x-frame-options': 'SAMEORIGIN' });

  it('holds the same bytes in every encoding, each with its own ready headers', () => {
    expect(gunzipSync(p.bodies.gzip!).toString()).toBe(body);
    expect(brotliDecompressSync(p.bodies.br!).toString()).toBe(body);
    expect(p.bodies.br!.length).toBeLessThan(body.length / 5);
    const br = p.headers('br');
    expect(br).toMatchObject({ 'content-encoding': 'br', 'content-length': String(p.bodies.br!.length), vary: 'Accept-Encoding', 'x-frame-options': 'SAMEORIGIN', 'surrogate-key': 'home a:1', 'cache-tag': 'home,a:1' });
    expect(p.headers('identity')['content-encoding']).toBeUndefined();
    expect(p.headers('identity')['last-modified']).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
  });

  it('names as many purge keys as fit in a CDN\'s 8 KB header, whole keys only, and keeps all of them for purging', () => {
    const tags = Array.from({ length: 2000 }, (_, i) => `a:${i}`);
    const many = new CachedPage(page('<p>x</p>', tags), 0, {});
    const header = many.headers('identity')['surrogate-key']!;
    expect(header.length).toBeLessThanOrEqual(8192);
    expect(header.length).toBeGreaterThan(8180);
    const named = header.split(' ');
    expect(named).toEqual(tags.slice(0, named.length));
    expect(many.headers('identity')['cache-tag']).toBe(named.join(','));
    expect(many.tags).toHaveLength(2000);
  });

  it('keeps each compressed body in memory of its own size, not in the compressor\'s larger output chunk', () => {
    for (const b of [p.bodies.br!, p.bodies.gzip!]) expect(b.buffer.byteLength).toBe(b.length);
  });

  it('answers conditional requests from its strong ETag, or Last-Modified when no ETag is sent', () => {
    expect(p.notModified(p.etag, undefined)).toBe(true);
    expect(p.notModified(`"other", W/${p.etag}`, undefined)).toBe(true);
    expect(p.notModified('"other"', 'Fri, 02 Jan 2026 03:04:05 GMT')).toBe(false);
    expect(p.notModified(undefined, 'Fri, 02 Jan 2026 03:04:05 GMT')).toBe(true);
    expect(p.notModified(undefined, 'Fri, 02 Jan 2026 03:04:04 GMT')).toBe(false);
    expect(p.notModifiedHeaders()).toMatchObject({ etag: p.etag, vary: 'Accept-Encoding' });
    expect(p.notModifiedHeaders()['content-length']).toBeUndefined();
  });

  it('picks brotli, then gzip, as the client accepts them; small bodies go as they are', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBe('identity');
    expect(p.encodingFor(undefined)).toBe('identity');
    const small = new CachedPage(page('<p>hi</p>'), 0, {});
    expect(small.encodingFor('br')).toBe('identity');
  });
});
