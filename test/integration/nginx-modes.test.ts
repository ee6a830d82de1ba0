import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { publishSite } from '../../src/publish/site-publisher.js';
import { BROWSER_UA, DEMO_MEDIA_CACHE } from '../helpers/app.js';
import { nginxAvailable, NGINX_BIN, startNginx, type RunningNginx } from '../helpers/nginx.js';

/**
 * Debian's nginx, configured from deploy/nginx/*.conf, in front of a real Masthead server: the
 * static mode serves what `masthead publish` wrote, the proxy mode caches what the app allows.
 */
if (!nginxAvailable) {
  describe.skip(`nginx (not installed at ${NGINX_BIN}; apt-get install nginx-light)`, () => {
    it('serves the site', () => {});
  });
} else {
  let m: Masthead;
  let appPort: number;
  let slug: string;
  let articleId: number;
  const out = mkdtempSync(join(tmpdir(), 'masthead-static-'));

  beforeAll(async () => {
    const config = loadConfig({ data: ':memory:', logLevel: 'silent' }, { MASTHEAD_TRUST_PROXY: '127.0.0.1', MASTHEAD_MEDIA_DIR: DEMO_MEDIA_CACHE });
    m = await createMasthead(config);
    await m.seedDemoIfEmpty();
    await m.app.listen({ port: 0, host: '127.0.0.1' });
    const address = m.app.server.address();
    appPort = typeof address === 'object' && address ? address.port : 0;
    const saved = await m.storage.transaction((s) => m.articles.save(s, {
      title: 'Harbour lights switched on', body: 'The lights along the quay came on at dusk.', category: 'Port Alder', tags: ['Harbour'], authors: ['Ada Lovelace'],
      publishedAt: Date.now() - 60_000,
    }));
    slug = saved.slug;
    articleId = saved.id;
    // One page more than a listing shows, so the tag has a page 2.
    await m.storage.transaction(async (s) => {
      for (let i = 1; i <= 21; i++) await m.articles.save(s, { title: `Tide table ${i}`, body: 'High water.', tags: ['Tide tables'], publishedAt: Date.now() - i * 60_000 });
    });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const app = (path: string) => m.app.inject({ url: path });

  describe('nginx in static mode over a published folder', () => {
    let nginx: RunningNginx;
    beforeAll(async () => {
      await publishSite(m, out);
      nginx = await startNginx({ mode: 'static', root: out, upstreamPort: appPort });
    }, 120_000);
    afterAll(async () => nginx?.stop());

    it('serves an article page byte for byte as the app renders it, gzipped when asked', async () => {
      const fromApp = (await app(`/articles/${slug}`)).rawPayload;
      const plain = await fetch(`${nginx.url}/articles/${slug}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(plain.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(Buffer.from(await plain.arrayBuffer()).equals(fromApp)).toBe(true);
      expect(fromApp.equals(readFileSync(join(out, 'articles', slug, 'index.html')))).toBe(true);

      // fetch() would decode the body; node:http shows what went over the wire.
      const { request } = await import('node:http');
      const gz = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${nginx.url}/articles/${slug}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(fromApp)).toBe(true);
    });

    it('serves feeds, sitemaps, listings with their pages, assets and images with their types', async () => {
      const expectations: [string, string][] = [
        ['/feed.xml', 'application/rss+xml; charset=utf-8'],
        ['/atom.xml', 'application/atom+xml; charset=utf-8'],
        ['/feed.json', 'application/feed+json; charset=utf-8'],
        ['/category/port-alder/feed.xml', 'application/rss+xml; charset=utf-8'],
        ['/sitemap.xml', 'application/xml; charset=utf-8'],
        ['/robots.txt', 'text/plain; charset=utf-8'],
        ['/assets/site.css', 'text/css; charset=utf-8'],
        ['/tag/harbour', 'text/html; charset=utf-8'],
        ['/tag/tide-tables?page=2', 'text/html; charset=utf-8'],
      ];
      for (const [path, type] of expectations) {
        const res = await fetch(`${nginx.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type'), path).toBe(type);
        expect(Buffer.from(await res.arrayBuffer()).equals((await app(path)).rawPayload), path).toBe(true);
      }
      const first = await (await fetch(`${nginx.url}/tag/tide-tables?page=1`)).text();
      expect(first).toBe((await app('/tag/tide-tables')).body);
      expect(first).toContain('href="/tag/tide-tables?page=2"');
      const home = await (await fetch(`${nginx.url}/`)).text();
      const picture = /\/media\/[a-f0-9]+-\d+\.avif/.exec(home)?.[0];
      expect(picture).toBeDefined();
      const image = await fetch(`${nginx.url}${picture}`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/avif');
      expect(image.headers.get('cache-control')).toContain('immutable');
    });

    it('passes what has no file to the app: a bad page number, a reaction query, search', async () => {
      expect((await fetch(`${nginx.url}/tag/harbour?page=x`)).status).toBe(400);
      const reacted = await fetch(`${nginx.url}/articles/${slug}?reacted=1`);
      expect(reacted.status).toBe(200);
      expect(reacted.headers.get('cache-control')).toBe('private, no-store');
      expect((await fetch(`${nginx.url}/search?q=harbour`)).status).toBe(200);
      // The publisher's own files are not for readers; nginx answers with the published 404 page.
      const hidden = await fetch(`${nginx.url}/.masthead-publish.json`);
      expect(hidden.status).toBe(404);
      expect((await hidden.text()) === readFileSync(join(out, '404.html'), 'utf8')).toBe(true);
    });

    it('counts a view through the beacon, with the reader address nginx forwards', async () => {
      await m.counters.flush();
      const before = await m.storage.counters.viewCount(articleId);
      const post = (client: string) => fetch(`${nginx.url}/articles/${articleId}/views`, {
        method: 'POST',
        headers: { 'user-agent': BROWSER_UA, accept: 'application/json', origin: nginx.url, 'sec-fetch-site': 'same-origin', 'x-forwarded-for': client },
      });
      const res = await post('198.51.100.7');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ counted: true, views: before + 1 });
      expect(await (await post('198.51.100.7')).json()).toMatchObject({ counted: false, reason: 'repeat' });
      expect(await (await post('198.51.100.8')).json()).toMatchObject({ counted: true, views: before + 2 });
      await m.counters.flush();
      expect(await m.storage.counters.viewCount(articleId)).toBe(before + 2);
      const personal = await fetch(`${nginx.url}/articles/${articleId}/recommended`, { headers: { 'user-agent': BROWSER_UA } });
      expect(personal.status).toBe(200);
      expect(await personal.json()).toHaveProperty('html');
    });

    it('shows a change made through the app once publish runs again', async () => {
      await m.storage.transaction((s) => m.articles.save(s, { title: 'Harbour lights switched on early', body: 'A new body.', category: 'Port Alder', tags: ['Harbour'], authors: ['Ada Lovelace'], publishedAt: Date.now() - 60_000 }, articleId));
      const counts = await publishSite(m, out);
      expect(counts.written).toBeGreaterThan(0);
      // nginx keeps open file descriptors and looks at the files again every 2 s (open_file_cache_valid).
      const served = (path: string) => expect.poll(async () => (await fetch(`${nginx.url}${path}`)).text(), { timeout: 5000, interval: 250 });
      await served(`/articles/${slug}`).toContain('Harbour lights switched on early');
      await served(`/articles/${slug}`).toContain('A new body.');
      await served('/tag/harbour').toContain('Harbour lights switched on early');
    });
  });

  describe('nginx in proxy mode', () => {
    let nginx: RunningNginx;
    beforeAll(async () => {
      nginx = await startNginx({ mode: 'proxy', upstreamPort: appPort });
    }, 120_000);
    afterAll(async () => nginx?.stop());

    it('keeps a public page: the second request is a cache HIT with the same bytes', async () => {
      const first = await fetch(`${nginx.url}/category/world`);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache-status')).toBe('MISS');
      const body = await first.text();
      const second = await fetch(`${nginx.url}/category/world`);
      expect(second.headers.get('x-cache-status')).toBe('HIT');
      expect(await second.text()).toBe(body);
    });

    it('never keeps a no-store or private answer, nor one that sets a cookie', async () => {
      for (const path of [`/articles/${slug}?reacted=1`, `/articles/${articleId}/recommended`]) {
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${nginx.url}${path}`, { headers: { 'user-agent': BROWSER_UA } });
          expect(res.status, path).toBe(200);
          expect(res.headers.get('cache-control'), path).toMatch(/no-store/);
          expect(res.headers.get('x-cache-status'), path).not.toBe('HIT');
        }
      }
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${nginx.url}/articles/${articleId}/view.gif`, { headers: { 'user-agent': BROWSER_UA } });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-cache-status')).not.toBe('HIT');
      }
    });

    it('passes the client address on: readers without a cookie are told apart by the address nginx forwards', async () => {
      // A cookie-less reader is a hash of address and user agent: if nginx's own address reached
      // the app instead, the second address below would be a repeat of the first.
      const post = (client: string) => fetch(`${nginx.url}/articles/${articleId}/views`, {
        method: 'POST',
        headers: { 'user-agent': BROWSER_UA, accept: 'application/json', origin: nginx.url, 'x-forwarded-for': client },
      }).then((r) => r.json() as Promise<{ counted: boolean; reason?: string }>);
      await m.counters.flush();
      const before = await m.storage.counters.viewCount(articleId);
      expect(await post('203.0.113.9')).toMatchObject({ counted: true });
      expect(await post('203.0.113.9')).toMatchObject({ counted: false, reason: 'repeat' });
      expect(await post('203.0.113.10')).toMatchObject({ counted: true });
      await m.counters.flush();
      expect(await m.storage.counters.viewCount(articleId)).toBe(before + 2);
    });
  });
}
