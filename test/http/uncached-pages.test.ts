import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketRequest, stableHeaders, type Answer } from '../helpers/socket-request.js';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';

// A site with the page cache off: every article page renders, in front of the router (the page
// fast path) for a plain article URL, through the route for everything else.
let m: Masthead;
let port: number;
let articles: { id: number; slug: string }[];

beforeAll(async () => {
  m = await createMasthead(loadConfig({ data: ':memory:', logLevel: 'silent' }, { MASTHEAD_PAGE_CACHE_MB: '0' }));
  await m.seedDemoIfEmpty();
  await m.app.listen({ port: 0, host: '127.0.0.1' });
  const address = m.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  articles = (await m.storage.articles.listPublic({ now: Date.now(), limit: 5 })).items.map((c) => ({ id: c.id, slug: c.slug }));
});
afterAll(async () => m.close());

/** A real request over a socket (the fast path in front of the router sees it; app.inject does not). */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => socketRequest(port, path, headers, method);
const stable = stableHeaders;

describe('article pages with the page cache off', () => {
  it('renders every request, with the bytes and headers the route sends', async () => {
    const path = `/articles/${articles[0]!.slug}`;
    const [front, again] = [await get(path), await get(path)];
    const routed = await m.app.inject({ url: path });
    expect(front.status).toBe(200);
    expect(front.body.equals(routed.rawPayload)).toBe(true);
    expect(again.body.equals(front.body)).toBe(true);
    expect(stable(front.headers)).toEqual(stable(routed.headers as Answer['headers']));
    expect(front.headers['content-security-policy']).toBeTruthy();
    expect(front.headers['surrogate-key']).toContain(`page:a:${articles[0]!.id}`);
    expect(front.body.toString()).toContain('<h2 id="related-title">');
  });

  it('answers 304 for a current copy, and HEAD with the headers only', async () => {
    const path = `/articles/${articles[1]!.slug}`;
    const first = await get(path);
    expect((await get(path, { 'if-none-match': String(first.headers.etag) })).status).toBe(304);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(first.body.length));
  });

  it('hands what it cannot render to the route: an unknown slug gets the 404 page, a renamed one its redirect', async () => {
    const missing = await get('/articles/no-such-story');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toMatch(/<html/);
    expect(missing.headers['content-security-policy']).toBeTruthy();
    await m.storage.newsroom.moveSlug(articles[2]!.id, 'an-older-name', articles[2]!.slug);
    const moved = await get('/articles/an-older-name');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe(`/articles/${articles[2]!.slug}`);
    // Bad percent-encoding is the router's to refuse, as it always was.
    expect((await get('/articles/%E0%A4%A')).status).toBe(400);
  });

  it('leaves a reader-specific page (after a reaction without JavaScript) to the route, never shared', async () => {
    const res = await get(`/articles/${articles[3]!.slug}?reacted=1`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['surrogate-key']).toBeUndefined();
  });
});
