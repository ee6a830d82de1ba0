import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMasthead } from '../helpers/app.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
beforeAll(async () => {
  m = await demoMasthead();
});
afterAll(async () => m.close());

describe('feeds and sitemaps', () => {
  it('RSS lists the newest articles with links, dates and sanitized content', async () => {
    const res = await m.app.inject({ url: '/feed.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/rss\+xml/);
    const xml = parse(res.body, { parseNoneClosedTags: true });
    const items = xml.querySelectorAll('item');
    const total = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).total;
    expect(items).toHaveLength(Math.min(50, total));
    const newest = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).items[0]!;
    expect(items[0]!.querySelector('title')!.text).toContain(newest.title.replace(/&/g, '&amp;').slice(0, 10));
    expect(res.body).toContain(`/articles/${newest.slug}`);
    expect(res.body).not.toMatch(/<script/i);
  });

  it('Atom and JSON Feed carry the same articles', async () => {
    const atom = await m.app.inject({ url: '/atom.xml' });
    expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(atom.body).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    const json = (await m.app.inject({ url: '/feed.json' })).json() as { version: string; items: { url: string }[] };
    expect(json.version).toMatch(/jsonfeed\.org/);
    expect(json.items.length).toBe(parse(atom.body).querySelectorAll('entry').length);
  });

  it('a section feed lists only that section, and an unknown section is a 404', async () => {
    const tree = await m.site.categories();
    const root = tree.roots()[0]!;
    const res = await m.app.inject({ url: `/category/${root.slug}/feed.json` });
    const items = (res.json() as { items: { url: string }[] }).items;
    const inSection = await m.storage.articles.listPublic({ now: Date.now(), categoryIds: tree.descendantIds(root.id), limit: 50 });
    expect(items.map((i) => i.url.replace(/^.*\/articles\//, ''))).toEqual(inSection.items.map((a) => a.slug));
    expect((await m.app.inject({ url: '/category/nope/feed.xml' })).statusCode).toBe(404);
  });

  it('the sitemap index leads to every public article', async () => {
    const index = await m.app.inject({ url: '/sitemap.xml' });
    expect(index.statusCode).toBe(200);
    const locs = parse(index.body).querySelectorAll('loc').map((l) => new URL(l.text).pathname);
    expect(locs).toEqual(['/sitemap-pages.xml', '/sitemap-news.xml', '/sitemap-articles-1.xml', '/sitemap-tags-1.xml', '/sitemap-authors-1.xml']);
    const articles = await m.app.inject({ url: '/sitemap-articles-1.xml' });
    const urls = parse(articles.body).querySelectorAll('url');
    expect(urls).toHaveLength(await m.storage.articles.countAll());
    expect(urls[0]!.querySelector('lastmod')).not.toBeNull();
    expect((await m.app.inject({ url: '/sitemap-articles-2.xml' })).statusCode).toBe(404);
    expect((await m.app.inject({ url: '/robots.txt' })).body).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });
});
