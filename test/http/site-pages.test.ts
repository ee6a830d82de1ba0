import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, demoMasthead } from '../helpers/app.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
beforeAll(async () => {
  m = await demoMasthead();
});
afterAll(async () => m.close());

async function page(url: string) {
  const res = await m.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA, accept: 'text/html' } });
  return { res, doc: parse(res.body) };
}

const links = (section: HTMLElement | null) => (section?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('href')!);

async function someArticleSlug(): Promise<string> {
  const { doc } = await page('/');
  return links(doc.querySelector('.lead__title'))[0]!.replace('/articles/', '');
}

describe('article page', () => {
  it('shows every part and stable hook', async () => {
    const slug = await someArticleSlug();
    const { res, doc } = await page(`/articles/${slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(doc.querySelector('.site-name')?.text).toBe('The Port Alder Courier');
    const crumbs = doc.querySelectorAll('nav[aria-label="Breadcrumb"] li').map((li) => li.text.trim());
    expect(crumbs[0]).toBe('Home');
    expect(crumbs.length).toBeGreaterThanOrEqual(2);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    const time = doc.querySelector('article time[datetime]')!;
    expect(Number.isNaN(Date.parse(time.getAttribute('datetime')!))).toBe(false);
    expect(time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(doc.querySelector('[data-views]')?.text).toMatch(/^[\d,]+$/);
    const form = doc.querySelector('form[data-reaction]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.text).toMatch(/veryGood! \([\d,]+\)/);
    expect(form.querySelector('[data-reaction-count]')).not.toBeNull();
    const self = `/articles/${slug}`;
    const related = links(doc.querySelector('#related'));
    const ranking = links(doc.querySelector('#ranking'));
    const recommended = links(doc.querySelector('#recommended'));
    expect(related).toHaveLength(10);
    expect(ranking).toHaveLength(8);
    expect(recommended).toHaveLength(8);
    for (const list of [related, ranking, recommended]) {
      expect(list).not.toContain(self);
      expect(list.every((href) => href.startsWith('/articles/'))).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
    expect(recommended.filter((href) => related.includes(href))).toEqual([]);
  });

  it('carries canonical URL, OpenGraph and JSON-LD NewsArticle metadata', async () => {
    const slug = await someArticleSlug();
    const { doc } = await page(`/articles/${slug}`);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toMatch(new RegExp(`/articles/${slug}$`));
    expect(doc.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article');
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(doc.querySelector('h1')?.text);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.text) as Record<string, unknown>;
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(doc.querySelector('h1')?.text);
    expect(ld.datePublished).toBe(doc.querySelector('article time[datetime]')?.getAttribute('datetime'));
  });

  it('links every list entry to a page that exists', async () => {
    const slug = await someArticleSlug();
    const { doc } = await page(`/articles/${slug}`);
    for (const href of [...links(doc.querySelector('#related')), ...links(doc.querySelector('#ranking'))].slice(0, 12)) {
      expect((await page(href)).res.statusCode).toBe(200);
    }
  });

  it('counts a view from a browser but not from a crawler or a HEAD request', async () => {
    const slug = await someArticleSlug();
    const article = (await m.storage.articles.findBySlug(slug))!;
    const before = await m.storage.counters.viewCount(article.id);
    await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } });
    await m.app.inject({ method: 'HEAD', url: `/articles/${slug}`, headers: { 'user-agent': BROWSER_UA } });
    await m.app.inject({ url: `/articles/${slug}`, headers: { 'user-agent': BROWSER_UA, 'sec-purpose': 'prefetch' } });
    expect(await m.storage.counters.viewCount(article.id)).toBe(before);
  });
});

describe('home, category, tag and author pages', () => {
  it('home shows lead, secondary stories, latest, per-section blocks, Ranking and Recommendation', async () => {
    const { res, doc } = await page('/');
    expect(res.statusCode).toBe(200);
    expect(links(doc.querySelector('.lead__title'))).toHaveLength(1);
    expect(doc.querySelectorAll('.secondary .card')).toHaveLength(4);
    // A lead without a picture (this demo has none) puts the top stories in a row under it, not beside it.
    expect(doc.querySelector('.lead picture')).toBeNull();
    expect(doc.querySelector('.front-top')?.classList.contains('front-top--text')).toBe(true);
    expect(links(doc.querySelector('.latest'))).toHaveLength(8);
    expect(doc.querySelectorAll('.section-block').length).toBeGreaterThanOrEqual(5);
    expect(links(doc.querySelector('#ranking'))).toHaveLength(8);
    expect(links(doc.querySelector('#recommended'))).toHaveLength(8);
  });

  it('category page lists its subtree with breadcrumb and subsections', async () => {
    const { doc: home } = await page('/');
    const nav = links(home.querySelector('nav.site-nav'));
    const parents: string[][] = [];
    for (const href of nav) {
      const { res, doc } = await page(href);
      expect(res.statusCode).toBe(200);
      expect(doc.querySelector('nav[aria-label="Breadcrumb"] [aria-current="page"]')?.text).toBe(doc.querySelector('h1')?.text);
      expect(doc.querySelectorAll('.card').length).toBeGreaterThanOrEqual(3);
      const subs = links(doc.querySelector('.subnav'));
      if (subs.length) parents.push(subs);
    }
    expect(parents.length).toBeGreaterThan(0);
    const sub = parents[0]!;
    const { doc: subDoc } = await page(sub[0]!);
    const crumbs = subDoc.querySelectorAll('nav[aria-label="Breadcrumb"] li').map((li) => li.text.trim());
    expect(crumbs).toHaveLength(3); // Home > Parent > Child
  });

  it('tag and author pages list their articles', async () => {
    const slug = await someArticleSlug();
    const { doc } = await page(`/articles/${slug}`);
    const tagHref = doc.querySelector('.article__tags a')!.getAttribute('href')!;
    const authorHref = doc.querySelector('a[rel="author"]')!.getAttribute('href')!;
    for (const href of [tagHref, authorHref]) {
      const { res, doc: listing } = await page(href);
      expect(res.statusCode).toBe(200);
      expect(links(listing.querySelector('.cards'))).toContain(`/articles/${slug}`);
    }
  });

  it('paginates and rejects a bad or out-of-range page', async () => {
    expect((await page('/category/world?page=abc')).res.statusCode).toBe(400);
    expect((await page('/category/world?page=abc')).res.body).toMatch(/page/);
    expect((await page('/category/world?page=999')).res.statusCode).toBe(404);
  });
});

describe('search', () => {
  it('finds articles by words and keeps the query in the box', async () => {
    const { res, doc } = await page('/search?q=harbour+bridge');
    expect(res.statusCode).toBe(200);
    const found = doc.querySelectorAll('.card__title a').map((a) => a.getAttribute('href')!);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(doc.querySelector('#q-page')?.getAttribute('value')).toBe('harbour bridge');
    const first = await page(found[0]!);
    expect(first.doc.querySelector('h1')!.text + first.doc.querySelector('.article__body')!.text).toMatch(/harbour/i);
  });
  it('shows an empty search form without a query, and a message for no results', async () => {
    expect((await page('/search')).res.statusCode).toBe(200);
    expect((await page('/search?q=zzzzqqqq')).doc.querySelector('.empty')).not.toBeNull();
  });
  it('treats query syntax as words and rejects an overlong or repeated query', async () => {
    expect((await page('/search?q=%22harbour%22+OR+*')).res.statusCode).toBe(200);
    expect((await page(`/search?q=${'a'.repeat(300)}`)).res.statusCode).toBe(400);
    expect((await page('/search?q=a&q=b')).res.statusCode).toBe(400);
  });
});

describe('errors', () => {
  it('404 for unknown paths and slugs, as an HTML page in the site shell', async () => {
    for (const url of ['/no/such/page', '/articles/no-such-article', '/category/nope', '/tag/nope', '/author/nope']) {
      const { res, doc } = await page(url);
      expect(res.statusCode, url).toBe(404);
      expect(doc.querySelector('.site-name')).not.toBeNull();
    }
  });

  it('410 for an article that was unpublished, 404 for a never-published draft', async () => {
    const slug = await someArticleSlug();
    const article = (await m.storage.articles.findBySlug(slug))!;
    await m.storage.transaction((s) => m.articles.save(s, { ...article, body: article.bodySource, status: 'draft', tags: [], authors: [] }, article.id));
    expect((await page(`/articles/${slug}`)).res.statusCode).toBe(410);
    await m.storage.transaction((s) => m.articles.save(s, { title: 'Never out', status: 'draft' }));
    expect((await page('/articles/never-out')).res.statusCode).toBe(404);
    await m.storage.transaction((s) => m.articles.save(s, { ...article, body: article.bodySource, status: 'published', tags: [], authors: [] }, article.id));
    expect((await page(`/articles/${slug}`)).res.statusCode).toBe(200);
  });

  it('answers JSON clients with a JSON error', async () => {
    const res = await m.app.inject({ url: '/nope', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'MH_ERR_NOT_FOUND' });
  });

  it('sets security headers', async () => {
    const { res } = await page('/');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
