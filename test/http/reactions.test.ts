import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, demoMasthead } from '../helpers/app.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
let articleId: number;
let slug: string;
beforeAll(async () => {
  m = await demoMasthead();
  const first = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).items[0]!;
  articleId = first.id;
  slug = first.slug;
});
afterAll(async () => m.close());

const react = (id: number | string, headers: Record<string, string> = {}, payload = 'kind=good') =>
  m.app.inject({
    method: 'POST', url: `/articles/${id}/reactions`, payload,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER_UA, ...headers },
  });

/** The signed reader cookie a first visit gets (the page's view beacon issues it). */
async function newReader(): Promise<string> {
  const res = await m.app.inject({ method: 'POST', url: `/articles/${articleId}/views`, headers: { 'user-agent': BROWSER_UA } });
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const reader = cookies.find((c) => c.startsWith('mh_reader='));
  if (!reader) throw new Error(`no reader cookie issued: ${res.statusCode} ${res.body}`);
  return reader.split(';')[0]!;
}

describe('reactions', () => {
  it('the reader cookie is signed, HttpOnly and SameSite', async () => {
    const res = await m.app.inject({ method: 'POST', url: `/articles/${articleId}/views`, headers: { 'user-agent': BROWSER_UA } });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mh_reader='))!;
    expect(cookie).toMatch(/^mh_reader=[\w-]+\.[\w+/=-]+;/); // value.signature
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('a plain form post adds one reaction and redirects back to the article', async () => {
    const before = (await m.storage.counters.reactionCounts(articleId)).good ?? 0;
    const res = await react(articleId, { cookie: await newReader() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/articles/${slug}(\\?reacted=1)?#reactions$`));
    expect((await m.storage.counters.reactionCounts(articleId)).good).toBe(before + 1);
  });

  it('the same reader never adds a second reaction: a second click takes it back', async () => {
    const cookie = await newReader();
    const first = await react(articleId, { accept: 'application/json', cookie });
    const on = first.json() as { active: boolean; count: number };
    expect(on.active).toBe(true);
    const second = await react(articleId, { accept: 'application/json', cookie });
    expect(second.json()).toEqual({ kind: 'good', active: false, count: on.count - 1 });
    const explicit = await react(articleId, { accept: 'application/json', cookie }, 'kind=good&active=true');
    const again = await react(articleId, { accept: 'application/json', cookie }, 'kind=good&active=true');
    expect((again.json() as { count: number }).count).toBe((explicit.json() as { count: number }).count);
  });

  it('the article page shows the reader their own reaction', async () => {
    const cookie = await newReader();
    await react(articleId, { accept: 'application/json', cookie });
    const state = await m.app.inject({ url: `/articles/${articleId}/reactions`, headers: { cookie, 'user-agent': BROWSER_UA } });
    expect((state.json() as { mine: string[] }).mine).toEqual(['good']);
    // after a no-JavaScript post, the page itself shows the state
    const page = await m.app.inject({ url: `/articles/${slug}?reacted=1`, headers: { cookie, 'user-agent': BROWSER_UA } });
    expect(page.body).toMatch(/aria-pressed="true"/);
  });

  it('a tampered cookie is ignored and gets a new identity', async () => {
    const cookie = await newReader();
    await react(articleId, { accept: 'application/json', cookie });
    const forged = `${cookie.slice(0, -3)}abc`;
    const state = await m.app.inject({ url: `/articles/${articleId}/reactions`, headers: { cookie: forged, 'user-agent': 'Another/1.0 Firefox/130.0' } });
    expect(state.statusCode).toBe(200);
    expect((state.json() as { mine: string[] }).mine).toEqual([]); // not the reader whose cookie was forged
  });

  it('404 for a missing article, 400 for malformed input, without writing', async () => {
    const before = await m.storage.counters.reactionCounts(articleId);
    expect((await react(999999)).statusCode).toBe(404);
    const bad = await react('abc', { accept: 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'MH_ERR_BAD_REQUEST' });
    expect((await react(articleId, { accept: 'application/json' }, 'kind=nonsense')).statusCode).toBe(400);
    const broken = await m.app.inject({ method: 'POST', url: `/articles/${articleId}/reactions`, payload: '{"kind":', headers: { 'content-type': 'application/json', accept: 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(await m.storage.counters.reactionCounts(articleId)).toEqual(before);
  });

  it('refuses a cross-site form post', async () => {
    const res = await react(articleId, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(400);
  });
});
