import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseHtml } from 'node-html-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Masthead } from '../../src/main.js';
import { FEED_ITEM_MAX_CHARS } from '../../src/services/syndication-service.js';
import { DIALECTS } from '../helpers/dialects.js';
import { mastheadOn } from '../helpers/masthead-on.js';

// Every feed is parsed back by real parsers (rss-parser for RSS and Atom, fast-xml-parser for
// well-formedness and attributes, JSON.parse for JSON Feed) and checked field by field.

const HOUR = 3_600_000;
const HOSTILE_TITLE = '<script>alert(1)</script> Q&A &lt;b&gt; ]]><item><title>injected</title></item> ]]> end';
const HOSTILE_SUMMARY = 'Summary with <b>markup</b> & ]]> inside';
const HOSTILE_BODY = '<p>See <a href="/guides/zurich">Zürich</a> and <img src="/media/lake.png" alt="lake"> ]]> <script>bad()</script><a href="notes#2">notes</a> &lt;script&gt;shown()&lt;/script&gt;</p>';
const SECTION = 'Arts <&> Culture';
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'category', 'author', 'link', 'dc:creator'].includes(name) });
const rssParser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }], ['content:encoded', 'encoded']] } });
const asList = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (typeof v === 'object' && v !== null ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v ?? ''));

for (const dialect of DIALECTS) {
  describe(`feeds on ${dialect}`, () => {
    let m: Masthead;
    let close: () => Promise<void>;
    let base: string;
    let hostileSlug: string;
    let bylineSlug: string;
    let hugeSlug: string;

    const get = (url: string, headers: Record<string, string> = {}) => m.app.inject({ url, headers });
    /** The page cache keeps feeds for a few seconds and is purged by any save. */
    const touch = () => m.storage.transaction((s) => m.articles.save(s, { importId: 'touch', title: 'Touch', body: 'x', status: 'draft' }));

    beforeAll(async () => {
      ({ m, close } = await mastheadOn(dialect));
      base = (await m.site.settings()).baseUrl;
      const now = Date.now();
      await m.storage.transaction(async (s) => {
        hugeSlug = (await m.articles.save(s, {
          title: 'A very long read', summary: 'Long.', body: `<p>${'word '.repeat(600_000)}</p>`, bodyFormat: 'html',
          authors: ['Ada Lovelace'], publishedAt: now - 3 * HOUR,
        })).slug;
        bylineSlug = (await m.articles.save(s, {
          title: 'Harbour bridge reopens', summary: 'Buses return.', body: 'The **bridge** is open.', tags: ['Tag One'],
          authors: ['Ada Lovelace', 'Grace Hopper'], category: SECTION, publishedAt: now - 2 * HOUR,
        })).slug;
        hostileSlug = (await m.articles.save(s, {
          title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY, body: HOSTILE_BODY, bodyFormat: 'html', tags: ['Tag One'],
          category: SECTION, coverImageUrl: 'https://cdn.example.org/cover.jpg', publishedAt: now - HOUR,
        })).slug;
      });
    });
    afterAll(async () => close());

    it('RSS is well-formed and every field reads back as written', async () => {
      const res = await get('/feed.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/rss\+xml/);
      expect(XMLValidator.validate(res.body)).toBe(true);
      expect(xml.parse(res.body).rss.channel.item).toHaveLength(3);
      const feed = await rssParser.parseString(res.body);
      expect(feed.items.map((i) => i.link)).toEqual([hostileSlug, bylineSlug, hugeSlug].map((s) => `${base}/articles/${s}`));
      const [hostile, byline] = feed.items as (Parser.Item & { creators?: string[]; encoded?: string })[];
      // Titles and descriptions are HTML-escaped text: the XML value holds no markup, and a reader
      // that renders it as HTML shows exactly the characters of the title.
      const asXmlOfHtml = (t: string) => t.replace(/&/g, '&amp;amp;').replace(/</g, '&amp;lt;').replace(/>/g, '&amp;gt;');
      expect(res.body).toContain(`<title>${asXmlOfHtml(HOSTILE_TITLE)}</title>`);
      expect(res.body).toContain(`<description>${asXmlOfHtml(HOSTILE_SUMMARY)}</description>`);
      expect(parseHtml(hostile!.title!).text).toBe(HOSTILE_TITLE);
      expect(parseHtml(hostile!.content!).text).toBe(HOSTILE_SUMMARY);
      expect(hostile!.guid).toMatch(UUID_URN);
      expect(hostile!.creators).toBeUndefined();
      expect((hostile!.categories as unknown as { _: string; $: { domain: string } }[]).map((c) => [c._, c.$.domain]))
        .toEqual([[SECTION, `${base}/category/`], ['Tag One', `${base}/tag/`]]);
      const body = parseHtml(hostile!.encoded!);
      expect(body.querySelector('script')).toBeNull();
      expect(body.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([`${base}/guides/zurich`, `${base}/articles/notes#2`]);
      expect(body.querySelector('img')!.getAttribute('src')).toBe(`${base}/media/lake.png`);
      expect(body.text).toContain(']]>');
      // Escaped text in the body stays text: `&lt;script&gt;` must not decode to an element.
      expect(body.text).toContain('<script>shown()</script>');
      expect(byline!.creators).toEqual(['Ada Lovelace', 'Grace Hopper']);
      expect(new Date(byline!.pubDate!).toISOString()).toBe(byline!.isoDate);
      expect(res.body).not.toMatch(/<script|<!\[CDATA/);
    });

    it('Atom is well-formed: text titles, html content, categories with term, ids that are URNs', async () => {
      const res = await get('/atom.xml');
      expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
      expect(XMLValidator.validate(res.body)).toBe(true);
      const feed = xml.parse(res.body).feed;
      expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(feed.id).toMatch(UUID_URN);
      expect(asList(feed.author)[0].name).toBe('Masthead');
      const [hostile, byline] = feed.entry;
      expect(hostile.title['@type']).toBe('text');
      expect(text(hostile.title)).toBe(HOSTILE_TITLE);
      expect(hostile.summary['@type']).toBe('text');
      expect(text(hostile.summary)).toBe(HOSTILE_SUMMARY);
      expect(hostile.content['@type']).toBe('html');
      expect(parseHtml(text(hostile.content)).querySelector('a')!.getAttribute('href')).toBe(`${base}/guides/zurich`);
      expect(hostile.author).toBeUndefined();
      expect(hostile.category.map((c: Record<string, string>) => [c['@term'], c['@label']])).toEqual([['arts-culture', SECTION], ['tag-one', 'Tag One']]);
      expect(hostile.link.find((l: Record<string, string>) => l['@rel'] === 'enclosure')['@href']).toBe('https://cdn.example.org/cover.jpg');
      expect(byline.author.map((a: { name: string }) => a.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
      expect(hostile.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // The same entries through a feed reader's parser.
      const parsed = await rssParser.parseString(res.body);
      expect(parsed.items.map((i) => (i as { id?: string }).id)).toEqual(feed.entry.map((e: { id: string }) => e.id));
      expect(parsed.items[0]!.title).toBe(HOSTILE_TITLE);
    });

    it('JSON Feed 1.1 answers with every item, authors omitted when there are none', async () => {
      const res = await get('/feed.json');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/feed\+json/);
      const feed = JSON.parse(res.body) as { version: string; feed_url: string; items: Record<string, unknown>[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.feed_url).toBe(`${base}/feed.json`);
      const [hostile, byline] = feed.items;
      expect(hostile!.title).toBe(HOSTILE_TITLE);
      expect(hostile!.summary).toBe(HOSTILE_SUMMARY);
      expect(hostile).not.toHaveProperty('authors');
      expect(hostile!.image).toBe('https://cdn.example.org/cover.jpg');
      expect(hostile!.tags).toEqual([SECTION, 'Tag One']);
      expect(hostile!.id).toMatch(UUID_URN);
      expect(String(hostile!.content_html)).toContain(`href="${base}/guides/zurich"`);
      expect(String(hostile!.content_html)).not.toContain('<script');
      expect(byline!.authors).toEqual([{ name: 'Ada Lovelace', url: `${base}/author/ada-lovelace` }, { name: 'Grace Hopper', url: `${base}/author/grace-hopper` }]);
    });

    it('a huge body is cut to a bounded, well-formed item that links to the article', async () => {
      const res = await get('/feed.json');
      expect(res.body.length).toBeLessThan(3 * FEED_ITEM_MAX_CHARS);
      const huge = (JSON.parse(res.body) as { items: { url: string; content_html: string }[] }).items.find((i) => i.url.endsWith(hugeSlug))!;
      expect(huge.content_html.length).toBeLessThan(FEED_ITEM_MAX_CHARS + 500);
      const doc = parseHtml(huge.content_html);
      expect(doc.querySelectorAll('a').at(-1)!.getAttribute('href')).toBe(`${base}/articles/${hugeSlug}`);
      expect(XMLValidator.validate((await get('/atom.xml')).body)).toBe(true);
    });

    it('section, tag and author feeds list only their articles, in all three formats', async () => {
      for (const [path, slugs] of [['/category/arts-culture', [hostileSlug, bylineSlug]], ['/tag/tag-one', [hostileSlug, bylineSlug]], ['/author/ada-lovelace', [bylineSlug, hugeSlug]]] as const) {
        const rss = await get(`${path}/feed.xml`);
        expect(rss.statusCode, path).toBe(200);
        const parsedRss = await rssParser.parseString(rss.body);
        expect(parsedRss.items.map((i) => i.link)).toEqual(slugs.map((s) => `${base}/articles/${s}`));
        expect(parsedRss.link).toBe(`${base}${path}`);
        const atom = await get(`${path}/atom.xml`);
        expect(XMLValidator.validate(atom.body)).toBe(true);
        expect(xml.parse(atom.body).feed.entry.map((e: { link: Record<string, string>[] }) => e.link[0]!['@href'])).toEqual(slugs.map((s) => `${base}/articles/${s}`));
        const json = JSON.parse((await get(`${path}/feed.json`)).body) as { home_page_url: string; feed_url: string; items: { url: string }[] };
        expect(json.items.map((i) => i.url)).toEqual(slugs.map((s) => `${base}/articles/${s}`));
        expect(json.feed_url).toBe(`${base}${path}/feed.json`);
      }
      const atom = xml.parse((await get('/category/arts-culture/atom.xml')).body).feed;
      expect(text(atom.title)).toBe(`${SECTION} · Masthead`);
      for (const missing of ['/category/nope/feed.xml', '/tag/nope/atom.xml', '/author/nope/feed.json']) {
        expect((await get(missing)).statusCode, missing).toBe(404);
      }
    });

    it('answers 304 to If-None-Match and If-Modified-Since, and changes its ETag when an article does', async () => {
      for (const url of ['/feed.xml', '/atom.xml', '/feed.json', '/tag/tag-one/feed.json']) {
        const first = await get(url);
        const etag = first.headers.etag as string;
        const lastModified = first.headers['last-modified'] as string;
        expect(etag).toMatch(/^"[\w-]+"$/);
        expect(new Date(lastModified).toUTCString()).toBe(lastModified);
        const byTag = await get(url, { 'if-none-match': etag });
        expect(byTag.statusCode).toBe(304);
        expect(byTag.body).toBe('');
        expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
        expect((await get(url, { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() })).statusCode).toBe(200);
        expect((await get(url, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).statusCode).toBe(200);
      }
      const before = await get('/feed.xml');
      await m.storage.transaction((s) => m.articles.save(s, { title: 'Breaking: a new article', body: 'New.', tags: ['Tag One'] }));
      const after = await get('/feed.xml', { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await rssParser.parseString(after.body)).items[0]!.title).toBe('Breaking: a new article');
      // Withdrawing an article changes the feed although no entry in it is newer.
      const since = after.headers['last-modified'] as string;
      await new Promise((resolve) => setTimeout(resolve, 1100)); // HTTP dates have whole seconds
      const breaking = (await m.storage.articles.findBySlug('breaking-a-new-article'))!;
      await m.storage.transaction((s) => m.articles.save(s, { title: breaking.title, body: 'New.', status: 'draft' }, breaking.id));
      const withdrawn = await get('/feed.xml', { 'if-modified-since': since });
      expect(withdrawn.statusCode).toBe(200);
      expect((await rssParser.parseString(withdrawn.body)).items.map((i) => i.title)).not.toContain('Breaking: a new article');
    });

    it('entry ids stay the same when the site moves to another address', async () => {
      const before = JSON.parse((await get('/feed.json')).body) as { items: { id: string; url: string }[] };
      await m.site.updateSettings({ baseUrl: 'https://news.example.org' });
      await touch();
      const after = JSON.parse((await get('/feed.json')).body) as { items: { id: string; url: string }[] };
      expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
      expect(after.items[0]!.url).toMatch(/^https:\/\/news\.example\.org\/articles\//);
      await m.site.updateSettings({ baseUrl: base });
      await touch();
    });

    it('carries summaries only when the site says so', async () => {
      await m.site.updateSettings({ feedContent: 'summary' });
      await touch();
      try {
        const rss = await rssParser.parseString((await get('/feed.xml')).body);
        expect(rss.items.every((i) => (i as { encoded?: string }).encoded === undefined)).toBe(true);
        const atom = xml.parse((await get('/atom.xml')).body).feed;
        expect(atom.entry.every((e: Record<string, unknown>) => e.content === undefined)).toBe(true);
        const json = JSON.parse((await get('/feed.json')).body) as { items: Record<string, unknown>[] };
        const hostile = json.items.find((i) => i.title === HOSTILE_TITLE)!;
        expect(hostile).not.toHaveProperty('content_html');
        expect(hostile.content_text).toBe(HOSTILE_SUMMARY);
      } finally {
        await m.site.updateSettings({ feedContent: 'full' });
        await touch();
      }
    });

    it('pages with a feed name it in <link rel="alternate">', async () => {
      for (const [page, own] of [['/', null], ['/category/arts-culture', '/category/arts-culture'], ['/tag/tag-one', '/tag/tag-one'], ['/author/ada-lovelace', '/author/ada-lovelace']] as const) {
        const doc = parseHtml((await get(page, { accept: 'text/html' })).body);
        const hrefs = doc.querySelectorAll('link[rel="alternate"][type]').map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`);
        const site = ['application/rss+xml /feed.xml', 'application/atom+xml /atom.xml', 'application/feed+json /feed.json'];
        expect(hrefs, page).toEqual(own ? [...site.map((h) => h.replace(' /', ` ${own}/`)), ...site] : site);
      }
    });
  });
}
