import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '@fastify/cookie';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { newReaderId } from '../../src/counters/reader-identity.js';
import { ArticleService } from '../../src/services/article-service.js';
import { defaultCounterLimits } from '../../src/counters/counter-limits.js';

// The counting endpoint over HTTP (in-process inject): the rules, bad input, and a script
// hammering one article from one address.

const SECRET = 'counters-http-test-secret-0123456789';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const cookieFor = (id: string) => `mh_reader=${encodeURIComponent(sign(id, SECRET))}`;
const setCookies = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []);

let m: Masthead;
const ids: number[] = [];
let draftId: number;
let slug: string;
let address = 0;
/** A fresh client address per test, so per-address limits of one test do not leak into the next. */
const nextAddress = () => `198.51.100.${++address}`;

beforeAll(async () => {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET });
  m = await createMasthead(config);
  const articles = new ArticleService(new LocalChangeChannel());
  await m.storage.transaction(async (s) => {
    for (let i = 0; i < 6; i++) {
      const saved = await articles.save(s, { title: `Counted article ${i}`, body: 'Body.', publishedAt: Date.now() - 3_600_000 });
      ids.push(saved.id);
      if (i === 0) slug = saved.slug;
    }
    draftId = (await articles.save(s, { title: 'A draft', body: 'x', status: 'draft' })).id;
  });
});
afterAll(async () => m.close());

function beacon(id: number | string, o: { address?: string; cookie?: string; ua?: string; headers?: Record<string, string>; method?: 'POST' | 'GET' | 'HEAD'; url?: string; payload?: string } = {}) {
  return m.app.inject({
    method: o.method ?? 'POST',
    url: o.url ?? `/articles/${id}/views`,
    remoteAddress: o.address ?? '192.0.2.1',
    payload: o.payload,
    headers: { 'user-agent': o.ua ?? UA, accept: 'application/json', ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
  });
}

async function stored(id: number): Promise<number> {
  await m.counters.flush();
  return m.storage.counters.viewCount(id);
}

describe('the view beacon', () => {
  it('counts once per reader per article, answers fresh totals and is never cached', async () => {
    const before = await stored(ids[0]!);
    const cookie = cookieFor(newReaderId());
    const first = await beacon(ids[0]!, { cookie, address: nextAddress() });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json()).toMatchObject({ counted: true, views: before + 1, reactions: { good: 0 } });
    expect(setCookies(first)).toEqual([]); // a valid cookie is kept, not replaced
    const again = await beacon(ids[0]!, { cookie, address: nextAddress() });
    expect(again.json()).toMatchObject({ counted: false, reason: 'repeat', views: before + 1 });
    expect(await stored(ids[0]!)).toBe(before + 1);
  });

  it('never counts bots, link previews, prefetches or HEAD', async () => {
    const before = await stored(ids[1]!);
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'facebookexternalhit/1.1', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)']) {
      const res = await beacon(ids[1]!, { ua, address: nextAddress() });
      expect(res.json()).toMatchObject({ counted: false, reason: 'bot' });
      expect(setCookies(res)).toEqual([]);
    }
    expect((await beacon(ids[1]!, { headers: { 'sec-purpose': 'prefetch;prerender' }, address: nextAddress() })).json()).toMatchObject({ counted: false, reason: 'prefetch' });
    const head = await beacon(ids[1]!, { method: 'HEAD', url: `/articles/${ids[1]}/view.gif`, address: nextAddress() });
    expect(head.statusCode).toBe(200);
    expect(await stored(ids[1]!)).toBe(before);
  });

  it('counts a <noscript> image view too, and answers a GIF', async () => {
    const before = await stored(ids[1]!);
    const res = await beacon(ids[1]!, { method: 'GET', url: `/articles/${ids[1]}/view.gif`, cookie: cookieFor(newReaderId()), address: nextAddress() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await stored(ids[1]!)).toBe(before + 1);
  });

  it('gives a reader without a cookie one, and treats forged or tampered cookies as none', async () => {
    const addr = nextAddress();
    const first = await beacon(ids[2]!, { address: addr });
    expect(first.json()).toMatchObject({ counted: true });
    const issued = setCookies(first).find((c) => c.startsWith('mh_reader='))!;
    expect(issued).toMatch(/HttpOnly/);
    const cookie = issued.split(';')[0]!;
    expect((await beacon(ids[2]!, { cookie, address: addr })).json()).toMatchObject({ counted: false });
    for (const bad of [`${cookie.slice(0, -4)}AAAA`, 'mh_reader=not-signed-at-all', `mh_reader=${encodeURIComponent(sign('short', SECRET))}`, 'mh_reader=%E0%A4%A']) {
      const res = await beacon(ids[2]!, { cookie: bad, address: addr });
      expect(res.statusCode).toBe(200);
      // Same address and agent: the same cookie-less reader, so no second count.
      expect(res.json()).toMatchObject({ counted: false });
    }
  });

  it('answers 404 for unknown and unpublished articles and 400/413 for bad input, writing nothing', async () => {
    const before = await stored(ids[3]!);
    const issued: string[] = [];
    for (const id of [987654, draftId]) {
      const res = await beacon(id, { address: nextAddress() });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'MH_ERR_ARTICLE_NOT_FOUND' });
      issued.push(...setCookies(res));
    }
    expect(issued).toEqual([]);
    expect((await beacon('abc', { address: nextAddress() })).statusCode).toBe(400);
    expect((await beacon(ids[3]!, { address: nextAddress(), payload: '{"x":', headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
    const big = await beacon(ids[3]!, { address: nextAddress(), payload: 'x'.repeat(5000), headers: { 'content-type': 'text/plain' } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'MH_ERR_PAYLOAD_TOO_LARGE' });
    expect((await beacon(ids[3]!, { address: nextAddress(), headers: { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' } })).statusCode).toBe(400);
    expect(await stored(ids[3]!)).toBe(before);
  });

  it('returns the reader\'s own reactions when asked (?mine=1)', async () => {
    const cookie = cookieFor(newReaderId());
    const addr = nextAddress();
    const on = await m.app.inject({ method: 'POST', url: `/articles/${ids[4]}/reactions`, remoteAddress: addr, payload: { kind: 'good', active: true }, headers: { cookie, 'user-agent': UA, accept: 'application/json' } });
    expect(on.json()).toEqual({ kind: 'good', active: true, count: 1 });
    expect(setCookies(on).some((c) => c.startsWith('mh_reacted=1'))).toBe(true);
    const res = await beacon(ids[4]!, { cookie, address: addr, url: `/articles/${ids[4]}/views?mine=1` });
    expect(res.json()).toMatchObject({ reactions: { good: 1 }, mine: ['good'] });
    expect((await beacon(ids[4]!, { cookie: cookieFor(newReaderId()), address: nextAddress(), url: `/articles/${ids[4]}/views?mine=1` })).json()).toMatchObject({ mine: [] });
  });
});

describe('the article page', () => {
  it('writes nothing on GET, is the same for every reader and carries Cache-Control and an ETag', async () => {
    const id = ids[0]!;
    const before = await stored(id);
    const a = await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': UA } });
    const b = await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) Safari/605.1.15' } });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    expect(a.headers['cache-control']).toMatch(/public/);
    expect(a.headers['set-cookie']).toBeUndefined();
    expect(a.body).toContain(`/articles/${id}/view.gif`);
    expect(a.body).not.toMatch(/aria-pressed="true"/);
    const etag = a.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await m.app.inject({ url: `/articles/${slug}`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect(await stored(id)).toBe(before);
  });
});

describe('a script hammering one article from one address', () => {
  it('with one cookie: one view, then 429 with Retry-After', async () => {
    const id = ids[5]!;
    const before = await stored(id);
    const cookie = cookieFor(newReaderId());
    const addr = nextAddress();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 120; i++) {
      const res = await beacon(id, { cookie, address: addr });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) retryAfter ??= res.headers['retry-after'] as string;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(defaultCounterLimits.viewsPerReader);
    expect(statuses.filter((s) => s === 429)).toHaveLength(120 - defaultCounterLimits.viewsPerReader);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(await stored(id)).toBe(before + 1);
  });

  it('with no cookie, forged cookies, collected cookies and rotating agents: never more than the rules allow', async () => {
    const target = ids[5]!;
    const decoy = ids[4]!;
    const before = await stored(target);
    const addr = nextAddress();
    let accepted = 0;
    let limited = 0;
    const tally = (res: { statusCode: number }) => (res.statusCode === 200 ? accepted++ : limited++);
    // 1. Collect fresh cookies elsewhere (each a "new reader", with a new agent each time) and spend them on the target.
    const collected: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await beacon(decoy, { address: addr, ua: `${UA} r${i}` });
      if (res.statusCode === 200) accepted++;
      else limited++;
      const c = setCookies(res).find((x) => x.startsWith('mh_reader='));
      if (c) collected.push(c.split(';')[0]!);
    }
    for (const cookie of collected) tally(await beacon(target, { address: addr, cookie }));
    // 2. Plain reloads without a cookie (same agent): one reader at most.
    for (let i = 0; i < 30; i++) tally(await beacon(target, { address: addr }));
    const afterReloads = await stored(target);
    // 3. Forged cookies: ignored, no new reader.
    for (let i = 0; i < 30; i++) tally(await beacon(target, { address: addr, cookie: `mh_reader=${newReaderId()}.forged` }));
    expect(await stored(target)).toBe(afterReloads);
    // 4. A new agent on every request.
    for (let i = 0; i < 200; i++) tally(await beacon(target, { address: addr, ua: `${UA} rotate${i}` }));
    // 5. Forged cookies and a new agent each time: still cookie-less readers, on the same budget.
    for (let i = 0; i < 200; i++) {
      tally(await beacon(target, { address: addr, ua: `${UA} forged${i}`, cookie: `mh_reader=${newReaderId()}.x` }));
    }
    const gained = (await stored(target)) - before;
    if (process.env.COUNTERS_VERBOSE) console.log({ accepted, limited, collected: collected.length, gained });
    // The rules: one view per reader identity. Every identity this address can make up comes from a
    // request without a valid cookie, and those share the per-reader budget of the address (each
    // one either counts once itself or earns one cookie that can count once).
    expect(limited).toBeGreaterThan(0);
    expect(gained).toBeLessThanOrEqual(accepted);
    expect(gained).toBeLessThanOrEqual(defaultCounterLimits.viewsPerReader);
  });

  it('cannot pile up reactions: one per reader, and the per-address limit caps new readers', async () => {
    const id = ids[3]!;
    const addr = nextAddress();
    const before = (await m.storage.counters.reactionCounts(id)).good ?? 0;
    const post = (headers: Record<string, string>) => m.app.inject({
      method: 'POST', url: `/articles/${id}/reactions`, remoteAddress: addr, payload: 'kind=good&active=true',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': UA, ...headers },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post({})).statusCode);
    expect((await m.storage.counters.reactionCounts(id)).good).toBe(before + 1);
    for (let i = 0; i < 100; i++) statuses.push((await post({ 'user-agent': `${UA} x${i}` })).statusCode);
    const after = (await m.storage.counters.reactionCounts(id)).good ?? 0;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(defaultCounterLimits.reactionsPerAddress);
  });
});
