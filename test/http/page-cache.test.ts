import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketRequest, stableHeaders } from '../helpers/socket-request.js';
import { demoMasthead } from '../helpers/app.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
let port: number;
let articles: { id: number; slug: string; categoryId: number | null }[];

beforeAll(async () => {
  m = await demoMasthead();
  await m.app.listen({ port: 0, host: '127.0.0.1' });
  const address = m.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  articles = (await m.storage.articles.listPublic({ now: Date.now(), limit: 30 })).items.map((c) => ({ id: c.id, slug: c.slug, categoryId: c.categoryId }));
});
afterAll(async () => m.close());

/** A real request over a socket (the fast path in front of the router sees it; app.inject does not). */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => socketRequest(port, path, headers, method);
const stable = stableHeaders;

describe('the page cache', () => {
  it('answers a cached page from the fast path with exactly the headers and bytes the router sends', async () => {
    const path = `/articles/${articles[0]!.slug}`;
    const first = await get(path);  // rendered by the route, then kept
    const second = await get(path); // from the cache, in front of the router
    const routed = await m.app.inject({ url: path });
    expect(first.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(routed.rawPayload.equals(first.body)).toBe(true);
    expect(stable(second.headers)).toEqual(stable(first.headers));
    // The security headers every page carries, from helmet, computed once.
    for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(second.headers[name]).toBe(routed.headers[name]);
      expect(second.headers[name]).toBeTruthy();
    }
    expect(second.headers['cache-control']).toMatch(/^public/);
    expect(second.headers.vary).toBe('Accept-Encoding');
    expect(second.headers['surrogate-key']).toContain(`page:a:${articles[0]!.id}`);
    expect(String(second.headers['cache-tag'])).toContain(`a:${articles[0]!.id}`);
  });

  it('sends brotli or gzip as asked, the same page, and 304 for a current copy; HEAD gets the headers only', async () => {
    const path = `/articles/${articles[1]!.slug}`;
    const plain = await get(path);
    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(br.headers.etag).toBe(plain.headers.etag);
    const current = await get(path, { 'if-none-match': String(plain.headers.etag) });
    expect(current.status).toBe(304);
    expect(current.body.length).toBe(0);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(plain.body.length));
    expect(head.body.length).toBe(0);
  });

  it('a saved article purges the pages that show it, and leaves the others', async () => {
    const target = articles[2]!;
    const targetPath = `/articles/${target.slug}`;
    // An article page that does not list the target (its lists are in the Surrogate-Key).
    let unrelated: string | undefined;
    for (const a of articles.slice(3)) {
      const page = await get(`/articles/${a.slug}`);
      if (!String(page.headers['surrogate-key']).split(' ').includes(`a:${target.id}`)) {
        unrelated = `/articles/${a.slug}`;
        break;
      }
    }
    expect(unrelated).toBeDefined();
    await get(targetPath);
    await get('/');
    const unrelatedBefore = await get(unrelated!);
    const article = (await m.storage.articles.findById(target.id))!;
    await m.storage.transaction((s) => m.articles.save(s, { title: `${article.title} (updated)`, body: article.bodySource, status: 'published' }, target.id));
    const after = await get(targetPath);
    expect(after.body.toString()).toContain(`${article.title} (updated)`);
    const home = await get('/');
    expect(home.body.toString()).toContain('(updated)');
    // The unrelated page was not purged: the same copy, not a new render.
    const unrelatedAfter = await get(unrelated!);
    expect(unrelatedAfter.headers.etag).toBe(unrelatedBefore.headers.etag);
    expect(unrelatedAfter.headers['last-modified']).toBe(unrelatedBefore.headers['last-modified']);
  });

  it('a withdrawn article is never served from the cache again', async () => {
    const target = articles[5]!;
    const path = `/articles/${target.slug}`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(200);
    const article = (await m.storage.articles.findById(target.id))!;
    await m.storage.transaction((s) => m.articles.save(s, { title: article.title, body: article.bodySource, status: 'draft' }, target.id));
    expect((await get(path)).status).toBe(404);
  });

  it('links assets by fingerprint, served immutable and compressed; the plain name keeps answering', async () => {
    const page = (await get('/')).body.toString();
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec(page)?.[1];
    expect(css).toBeDefined();
    const fingerprinted = await get(css!, { 'accept-encoding': 'br' });
    expect(fingerprinted.status).toBe(200);
    expect(fingerprinted.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(fingerprinted.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(fingerprinted.headers['content-encoding']).toBe('br');
    const plain = await get('/assets/site.css');
    expect(brotliDecompressSync(fingerprinted.body).equals(plain.body)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    expect((await m.app.inject({ url: css! })).statusCode).toBe(200);
    const missing = await get('/assets/nothing.css');
    expect(missing.status).toBe(404);
    // A missing asset's error page carries the security headers every page does.
    expect(missing.headers['content-security-policy']).toBeTruthy();
  });

  it('compresses answers rendered per request (search, JSON) as they go', async () => {
    const search = await get('/search?q=the', { 'accept-encoding': 'gzip' });
    expect(search.status).toBe(200);
    expect(search.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(search.body).toString()).toContain('<html');
  });
});
