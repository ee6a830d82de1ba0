import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, demoMasthead } from '../helpers/app.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
let articles: { id: number; slug: string }[];
beforeAll(async () => {
  m = await demoMasthead();
  articles = (await m.storage.articles.listPublic({ now: Date.now(), limit: 30 })).items.map((c) => ({ id: c.id, slug: c.slug }));
});
afterAll(async () => m.close());

async function newReader(): Promise<string> {
  const res = await m.app.inject({ method: 'POST', url: `/articles/${articles[0]!.id}/views`, headers: { 'user-agent': BROWSER_UA, accept: 'application/json' } });
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mh_reader='));
  if (!cookie) throw new Error('no reader cookie');
  return cookie.split(';')[0]!;
}

const read = (id: number, cookie: string) => m.app.inject({ method: 'POST', url: `/articles/${id}/views`, headers: { 'user-agent': BROWSER_UA, accept: 'application/json', cookie } });

describe('article pages shared by every reader', () => {
  it('a reader with a history and a reader without a cookie get the same bytes, public and with an ETag', async () => {
    const cookie = await newReader();
    for (const a of articles.slice(1, 6)) expect((await read(a.id, cookie)).json()).toMatchObject({ counted: true });
    const slug = articles[7]!.slug;
    const anonymous = await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': BROWSER_UA } });
    const returning = await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': BROWSER_UA, cookie } });
    expect(anonymous.statusCode).toBe(200);
    expect(returning.body).toBe(anonymous.body);
    expect(returning.headers['cache-control']).toMatch(/^public/);
    expect(returning.headers.etag).toBe(anonymous.headers.etag);
    const again = await m.app.inject({ url: `/articles/${slug}`, headers: { cookie, 'if-none-match': String(returning.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('the personal Recommendation list follows the reader, is never cached, and never lists what they read', async () => {
    const cookie = await newReader();
    const readIds = articles.slice(10, 14).map((a) => a.id);
    for (const id of readIds) await read(id, cookie);
    const current = articles[14]!;
    await read(current.id, cookie);
    const res = await m.app.inject({ url: `/articles/${current.id}/recommended`, headers: { cookie, 'user-agent': BROWSER_UA, accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const body = res.json() as { personal: boolean; ids: number[]; html: string };
    expect(body.personal).toBe(true);
    expect(body.ids.length).toBeGreaterThan(0);
    expect(body.ids).not.toContain(current.id);
    for (const id of readIds) expect(body.ids).not.toContain(id);
    expect(body.html).toContain('<a href="/articles/');
    // A reader nobody knows gets the shared list's answer: nothing to swap in.
    const stranger = await m.app.inject({ url: `/articles/${current.id}/recommended`, headers: { 'user-agent': 'curl/8', accept: 'application/json' } });
    expect((stranger.json() as { personal: boolean }).personal).toBe(false);
  });

  it('the personal list endpoint refuses a bad id and an unknown article', async () => {
    expect((await m.app.inject({ url: '/articles/abc/recommended', headers: { accept: 'application/json' } })).statusCode).toBe(400);
    expect((await m.app.inject({ url: '/articles/999999/recommended', headers: { accept: 'application/json' } })).statusCode).toBe(404);
  });
});
