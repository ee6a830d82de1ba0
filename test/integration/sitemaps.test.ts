import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Masthead } from '../../src/main.js';
import { DIALECTS } from '../helpers/dialects.js';
import { mastheadOn } from '../helpers/masthead-on.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?(Z|[+-]\d\d:\d\d)$/;
const TRICKY = 'Q&A: <b>bold</b> "quoted" ]]> and \u0001 more';

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap'].includes(name) });
const locs = (body: string, list: 'urlset' | 'sitemapindex') => {
  const doc = xml.parse(body)[list];
  return (doc[list === 'urlset' ? 'url' : 'sitemap'] ?? []) as Record<string, unknown>[];
};

for (const dialect of DIALECTS) {
  describe(`sitemaps on ${dialect}`, () => {
    let m: Masthead;
    let close: () => Promise<void>;
    let base: string;
    const slugs: Record<string, string> = {};
    const get = (url: string, headers: Record<string, string> = {}) => m.app.inject({ url, headers });

    beforeAll(async () => {
      ({ m, close } = await mastheadOn(dialect, { clock: () => NOW }));
      base = (await m.site.settings()).baseUrl;
      await m.storage.transaction(async (s) => {
        const save = async (key: string, input: Parameters<typeof m.articles.save>[1]) => {
          slugs[key] = (await m.articles.save(s, input)).slug;
        };
        await save('old', { title: 'Three days old', body: 'x', publishedAt: NOW - 72 * HOUR, tags: ['Harbour'], authors: ['Ada Lovelace'] });
        await save('tricky', { title: TRICKY, body: 'x', publishedAt: NOW - HOUR, tags: ['Harbour', 'Q&A <tag>'], authors: ['Grace Hopper'] });
        await save('edge', { title: 'Nearly two days old', body: 'x', publishedAt: NOW - 47 * HOUR });
        await save('scheduled', { title: 'Not out yet', body: 'x', status: 'scheduled', publishedAt: NOW + HOUR, tags: ['Future only'], authors: ['Nobody Yet'] });
        await save('draft', { title: 'A draft', body: 'x', status: 'draft', tags: ['Draft only'] });
      });
    });
    afterAll(async () => close());

    it('the news sitemap lists the articles of the last 48 hours with publication, date and escaped title', async () => {
      const res = await get('/sitemap-news.xml');
      expect(res.statusCode).toBe(200);
      expect(XMLValidator.validate(res.body)).toBe(true);
      const urls = locs(res.body, 'urlset');
      expect(urls.map((u) => u.loc)).toEqual([`${base}/articles/${slugs.tricky}`, `${base}/articles/${slugs.edge}`]);
      for (const u of urls) {
        const news = u['news:news'] as Record<string, Record<string, string> | string>;
        expect(news['news:publication']).toEqual({ 'news:name': 'Masthead', 'news:language': 'en' });
        expect(news['news:publication_date']).toMatch(ISO);
      }
      const first = urls[0]!['news:news'] as Record<string, string>;
      expect(first['news:publication_date']).toBe(new Date(NOW - HOUR).toISOString());
      // The XML decoder gives the title back as written (less the control character XML cannot carry).
      expect(new XMLParser({ htmlEntities: false }).parse(res.body).urlset.url[0]['news:news']['news:title']).toBe(TRICKY.replace('\u0001', ''));
      expect(res.body).toContain('Q&amp;A: &lt;b&gt;bold&lt;/b&gt;');
    });

    it('tag and author sitemaps list the pages that show a public article, with lastmod', async () => {
      const tags = locs((await get('/sitemap-tags-1.xml')).body, 'urlset');
      expect(tags.map((u) => u.loc)).toEqual([`${base}/tag/harbour`, `${base}/tag/q-a-tag`]);
      const authors = locs((await get('/sitemap-authors-1.xml')).body, 'urlset');
      expect(authors.map((u) => u.loc)).toEqual([`${base}/author/ada-lovelace`, `${base}/author/grace-hopper`]);
      for (const u of [...tags, ...authors]) expect(u.lastmod).toMatch(ISO);
      expect((await get('/sitemap-tags-2.xml')).statusCode).toBe(404);
      expect((await get('/sitemap-authors-0.xml')).statusCode).toBe(404);
    });

    it('article sitemaps hold every public article once', async () => {
      const urls = locs((await get('/sitemap-articles-1.xml')).body, 'urlset');
      expect(urls.map((u) => u.loc).sort()).toEqual(['old', 'tricky', 'edge'].map((k) => `${base}/articles/${slugs[k]}`).sort());
      for (const u of urls) expect(u.lastmod).toMatch(ISO);
    });

    it('the index and robots.txt name every sitemap', async () => {
      const index = locs((await get('/sitemap.xml')).body, 'sitemapindex').map((s) => s.loc);
      const expected = ['pages', 'news', 'articles-1', 'tags-1', 'authors-1'].map((n) => `${base}/sitemap-${n}.xml`);
      expect(index).toEqual(expected);
      for (const url of index) expect((await get(new URL(String(url)).pathname)).statusCode, String(url)).toBe(200);
      const robots = (await get('/robots.txt')).body;
      const named = [...robots.matchAll(/^Sitemap: (.+)$/gm)].map((r) => r[1]);
      expect(named).toEqual([`${base}/sitemap.xml`, ...expected]);
    });

    it('answers 304 when the sitemap has not changed', async () => {
      for (const url of ['/sitemap.xml', '/sitemap-news.xml', '/sitemap-tags-1.xml']) {
        const first = await get(url);
        expect(first.headers.etag).toBeTruthy();
        expect((await get(url, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`sitemaps of an empty site on ${dialect}`, () => {
    it('are empty lists, not errors', async () => {
      const { m, close } = await mastheadOn(dialect, { clock: () => NOW });
      try {
        for (const url of ['/sitemap.xml', '/sitemap-news.xml', '/sitemap-articles-1.xml', '/sitemap-pages.xml']) {
          const res = await m.app.inject({ url });
          expect(res.statusCode, url).toBe(200);
          expect(XMLValidator.validate(res.body), url).toBe(true);
        }
        expect(locs((await m.app.inject({ url: '/sitemap-news.xml' })).body, 'urlset')).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}
