import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '@fastify/cookie';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { newReaderId } from '../../src/counters/reader-identity.js';
import { defaultCounterLimits } from '../../src/counters/counter-limits.js';
import { ArticleService } from '../../src/services/article-service.js';

// The beacon fast path (src/web/site/beacon-fast-path.ts) answers POST /articles/:id/views over a
// real socket in front of Fastify; app.inject() always goes through the Fastify route. Every case
// here is sent both ways and the answers must be the same: status, headers, JSON, cookies, limits.

const SECRET = 'counters-fast-path-test-secret-0123456789';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const cookieFor = (id: string) => `mh_reader=${encodeURIComponent(sign(id, SECRET))}`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function start(env: Record<string, string> = {}): Promise<{ m: Masthead; port: number; ids: number[]; draftId: number }> {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false, host: '127.0.0.1', port: 0 }, { MASTHEAD_SECRET: SECRET, ...env });
  const m = await createMasthead(config);
  const articles = new ArticleService(new LocalChangeChannel());
  const ids: number[] = [];
  let draftId = 0;
  await m.storage.transaction(async (s) => {
    for (let i = 0; i < 4; i++) ids.push((await articles.save(s, { title: `Fast path article ${i}`, body: 'Body.', publishedAt: Date.now() - 3_600_000 })).id);
    draftId = (await articles.save(s, { title: 'A draft', body: 'x', status: 'draft' })).id;
  });
  await m.app.listen({ host: '127.0.0.1', port: 0 });
  return { m, port: (m.app.server.address() as AddressInfo).port, ids, draftId };
}

/** One request over a real socket (through the fast path when it has the beacon's shape). */
function viaSocket(port: number, path: string, headers: Record<string, string>, body?: string, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { 'user-agent': UA, accept: 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The same request through Fastify's router (app.inject never passes through the fast path). */
async function viaFastify(m: Masthead, path: string, headers: Record<string, string>, body?: string, method: 'POST' | 'GET' = 'POST'): Promise<Answer> {
  const res = await m.app.inject({ method, url: path, remoteAddress: '127.0.0.1', payload: body, headers: { 'user-agent': UA, accept: 'application/json', host: 'localhost:80', ...headers } });
  return { status: res.statusCode, headers: res.headers as Answer['headers'], body: res.body };
}

/** The parts of an answer that must match: status, the headers that carry meaning, the JSON (totals aside). */
function shape(a: Answer) {
  const json = a.body ? (JSON.parse(a.body) as Record<string, unknown>) : undefined;
  const setCookie = ([] as string[]).concat(a.headers['set-cookie'] ?? []);
  return {
    status: a.status,
    contentType: a.headers['content-type'],
    cacheControl: a.headers['cache-control'],
    nosniff: a.headers['x-content-type-options'],
    corp: a.headers['cross-origin-resource-policy'],
    retryAfter: a.headers['retry-after'] === undefined ? undefined : 'present',
    // The issued cookie's value differs (a new random id); its name and attributes must not.
    setCookie: setCookie.map((c) => c.replace(/^mh_reader=[^;]+/, 'mh_reader=<id>')),
    keys: json ? Object.keys(json).sort() : [],
    counted: json?.counted,
    reason: json?.reason,
    error: json?.error,
    message: typeof json?.message === 'string' ? json.message.replace(/\d+/g, 'N') : undefined,
  };
}

describe('the beacon fast path', () => {
  let s: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => { s = await start(); });
  afterAll(async () => s.m.close());
  const path = (id: number) => `/articles/${id}/views`;

  it('answers the beacon itself, exactly as the Fastify route does, for every outcome', async () => {
    const { m, port, ids, draftId } = s;
    const before = { ...m.app.beaconFastPath };
    // Each case builds fresh readers for each side, so both meet the same state.
    const pair = async (name: string, send: (via: (p: string, h: Record<string, string>, b?: string) => Promise<Answer>) => Promise<Answer>) => {
      const fast = await send((p, h, b) => viaSocket(port, p, h, b));
      const slow = await send((p, h, b) => viaFastify(m, p, h, b));
      expect({ name, ...shape(fast) }).toEqual({ name, ...shape(slow) });
      return { fast, slow };
    };

    const counted = await pair('first view with a cookie', (via) => via(path(ids[0]!), { cookie: cookieFor(newReaderId()) }));
    expect(shape(counted.fast)).toMatchObject({ status: 200, counted: true, keys: ['counted', 'reactions', 'views'], setCookie: [] });
    expect(JSON.parse(counted.fast.body).reactions).toEqual({ good: 0 });

    const repeat = await pair('a reload', async (via) => {
      const cookie = cookieFor(newReaderId());
      await via(path(ids[0]!), { cookie });
      return via(path(ids[0]!), { cookie });
    });
    expect(shape(repeat.fast)).toMatchObject({ counted: false, reason: 'repeat' });

    const issued = await pair('no cookie: counted, and a cookie issued', (via) => via(path(ids[1]!), { 'user-agent': `${UA} ${newReaderId()}` }));
    expect(shape(issued.fast).setCookie).toEqual([expect.stringMatching(/^mh_reader=<id>; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/)]);
    // The issued cookie is a valid, signed reader cookie: the next report with it is the same reader.
    const cookie = ([] as string[]).concat(issued.fast.headers['set-cookie']!)[0]!.split(';')[0]!;
    expect(shape(await viaSocket(port, path(ids[1]!), { cookie }))).toMatchObject({ status: 200, counted: false, reason: 'repeat' });

    await pair('a forged cookie is no cookie', (via) => via(path(ids[1]!), { cookie: `mh_reader=${newReaderId()}.forged`, 'user-agent': `${UA} ${newReaderId()}` }));
    await pair('a crawler', (via) => via(path(ids[2]!), { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }));
    await pair('a prefetch', (via) => via(path(ids[2]!), { 'sec-purpose': 'prefetch', cookie: cookieFor(newReaderId()) }));
    await pair('no user agent', (via) => via(path(ids[2]!), { 'user-agent': '' }));
    const unknown = await pair('an unknown article', (via) => via(path(987654), { cookie: cookieFor(newReaderId()) }));
    expect(shape(unknown.fast)).toMatchObject({ status: 404, error: 'MH_ERR_ARTICLE_NOT_FOUND', setCookie: [] });
    await pair('a draft', (via) => via(path(draftId), {}));
    await pair('a same-origin browser post', (via) => via(path(ids[3]!), { 'sec-fetch-site': 'same-origin', origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, cookie: cookieFor(newReaderId()) }));
    const cross = await pair('a cross-site post', (via) => via(path(ids[3]!), { 'sec-fetch-site': 'cross-site', cookie: cookieFor(newReaderId()) }));
    expect(shape(cross.fast)).toMatchObject({ status: 400, error: 'MH_ERR_BAD_REQUEST' });
    await pair('a foreign Origin', (via) => via(path(ids[3]!), { origin: 'https://elsewhere.example', cookie: cookieFor(newReaderId()) }));
    await pair('a malformed Origin', (via) => via(path(ids[3]!), { origin: 'not a url', cookie: cookieFor(newReaderId()) }));

    const after = m.app.beaconFastPath;
    // Every socket request above had the beacon's shape, so none went to the router.
    expect(after.passed - before.passed).toBe(0);
    expect(after.answered - before.answered).toBe(15);
  });

  it('leaves every other shape to the Fastify route (query, body, content type, HTML accept, slash, HEAD)', async () => {
    const { m, port, ids } = s;
    const before = m.app.beaconFastPath.passed;
    const mine = await viaSocket(port, `${path(ids[0]!)}?mine=1`, { cookie: cookieFor(newReaderId()) });
    expect(JSON.parse(mine.body)).toMatchObject({ counted: true, mine: [] });
    expect((await viaSocket(port, path(ids[0]!), { 'content-type': 'text/plain' }, 'x'.repeat(5000))).status).toBe(413);
    expect((await viaSocket(port, path(ids[0]!), { 'content-type': 'application/json' }, '{"x":')).status).toBe(400);
    const html = await viaSocket(port, path(ids[0]!), { accept: 'text/html', cookie: cookieFor(newReaderId()) });
    expect(html.status).toBe(200);
    expect((await viaSocket(port, `${path(ids[0]!)}/`, { cookie: cookieFor(newReaderId()) })).status).toBe(200);
    expect((await viaSocket(port, '/articles/abc/views', {})).status).toBe(400);
    expect(m.app.beaconFastPath.passed - before).toBe(6);
  });

  it('spends the same rate-limit windows as the route: 60 reports per reader a minute, whichever way they come', async () => {
    const { m, port, ids } = s;
    const cookie = cookieFor(newReaderId());
    const statuses: number[] = [];
    for (let i = 0; i < defaultCounterLimits.viewsPerReader + 10; i++) {
      const a = i % 2 === 0 ? await viaSocket(port, path(ids[2]!), { cookie }) : await viaFastify(m, path(ids[2]!), { cookie });
      statuses.push(a.status);
    }
    expect(statuses.filter((x) => x === 200)).toHaveLength(defaultCounterLimits.viewsPerReader);
    const limitedFast = await viaSocket(port, path(ids[2]!), { cookie });
    const limitedSlow = await viaFastify(m, path(ids[2]!), { cookie });
    expect(shape(limitedFast)).toEqual(shape(limitedSlow));
    expect(shape(limitedFast)).toMatchObject({ status: 429, error: 'MH_ERR_RATE_LIMITED', retryAfter: 'present' });
    expect(Number(limitedFast.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts exactly: what the answers said counted is what is stored', async () => {
    const { m, port, ids } = s;
    await m.counters.flush();
    const before = await m.storage.counters.viewCount(ids[3]!);
    const cookies = Array.from({ length: 40 }, () => cookieFor(newReaderId()));
    const answers = await Promise.all([...cookies, ...cookies.slice(0, 10)].map((cookie) => viaSocket(port, path(ids[3]!), { cookie })));
    const counted = answers.filter((a) => JSON.parse(a.body).counted === true).length;
    expect(counted).toBe(40);
    const last = JSON.parse((await viaSocket(port, path(ids[3]!), { cookie: cookies[0]! })).body) as { views: number };
    expect(last.views).toBe(before + 40);
    await m.counters.flush();
    expect(await m.storage.counters.viewCount(ids[3]!)).toBe(before + 40);
  });
});

describe('the beacon fast path behind a proxy (MASTHEAD_TRUST_PROXY)', () => {
  it('keys limits by the forwarded client address, as Fastify does', async () => {
    const s = await start({ MASTHEAD_TRUST_PROXY: 'true', MASTHEAD_COUNTER_RATE_LIMIT: '3' });
    try {
      const send = (xff: string) => viaSocket(s.port, `/articles/${s.ids[0]}/views`, { 'x-forwarded-for': xff, cookie: cookieFor(newReaderId()) });
      const a = [await send('203.0.113.7'), await send('203.0.113.7, 10.0.0.1'), await send(' 203.0.113.7 ,10.0.0.2'), await send('203.0.113.7')];
      expect(a.map((x) => x.status)).toEqual([200, 200, 200, 429]);
      expect((await send('203.0.113.8')).status).toBe(200);
      // Fastify's route sees the same address: its budget for 203.0.113.7 is spent too.
      const slow = await s.m.app.inject({ method: 'POST', url: `/articles/${s.ids[0]}/views`, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7', 'user-agent': UA, accept: 'application/json' } });
      expect(slow.statusCode).toBe(429);
      // A cookie issued behind a TLS-terminating proxy is Secure, on both ways in.
      const headers = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', 'user-agent': `${UA} tls` };
      const fast = await viaSocket(s.port, `/articles/${s.ids[1]}/views`, headers);
      const route = await s.m.app.inject({ method: 'POST', url: `/articles/${s.ids[2]}/views`, remoteAddress: '127.0.0.1', headers: { ...headers, 'x-forwarded-for': '203.0.113.10', accept: 'application/json' } });
      const attributes = (h: unknown) => String(h).replace(/^mh_reader=[^;]+/, '');
      expect(attributes(fast.headers['set-cookie'])).toBe('; Max-Age=31536000; Path=/; HttpOnly; Secure; SameSite=Lax');
      expect(attributes(route.headers['set-cookie'])).toBe(attributes(fast.headers['set-cookie']));
      expect(s.m.app.beaconFastPath.passed).toBe(0);
    } finally {
      await s.m.close();
    }
  });
});
