import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Masthead } from '../../src/main.js';
import { mastheadOn } from '../helpers/masthead-on.js';

// Structured data is parsed back from each page and checked against what the page shows.

const TITLE = 'Headline </script><script>alert(1)</script> & "quotes" <!-- x';
const COVER = 'https://cdn.example.org/cover.jpg';

let m: Masthead;
let close: () => Promise<void>;
let base: string;
const slugs: Record<string, string> = {};

beforeAll(async () => {
  ({ m, close } = await mastheadOn('sqlite'));
  base = (await m.site.settings()).baseUrl;
  await m.storage.transaction(async (s) => {
    slugs.hostile = (await m.articles.save(s, { title: TITLE, summary: 'A summary.', body: 'Body.', category: 'World/Asia', coverImageUrl: COVER, tags: ['Trade', 'Ports'] })).slug;
    slugs.byline = (await m.articles.save(s, { title: 'With a byline', body: 'Body.', authors: ['Ada Lovelace'], category: 'World' })).slug;
  });
});
afterAll(async () => close());

async function page(url: string): Promise<HTMLElement> {
  const res = await m.app.inject({ url, headers: { accept: 'text/html' } });
  expect(res.statusCode, url).toBe(200);
  return parse(res.body);
}
const ldOf = (doc: HTMLElement) => doc.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.text) as Record<string, unknown>);
const byType = (doc: HTMLElement, type: string) => ldOf(doc).find((ld) => ld['@type'] === type)!;

describe('JSON-LD and social metadata', () => {
  it('an article carries NewsArticle with image, publisher logo and no author when it has none', async () => {
    const doc = await page(`/articles/${slugs.hostile}`);
    // A title holding </script> neither ends the JSON-LD nor adds a script element.
    expect(doc.querySelectorAll('script').length).toBe(1 + 2);
    const ld = byType(doc, 'NewsArticle');
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld.headline).toBe(TITLE);
    expect(ld.image).toEqual([COVER]);
    expect(ld).not.toHaveProperty('author');
    expect(ld.articleSection).toBe('Asia');
    expect(ld.keywords).toBe('Ports, Trade');
    expect(ld.datePublished).toBe(doc.querySelector('article time[datetime]')!.getAttribute('datetime'));
    expect(ld.dateModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': `${base}/articles/${slugs.hostile}` });
    const publisher = ld.publisher as Record<string, Record<string, unknown>>;
    expect(publisher.name).toBe('Masthead');
    expect(publisher.logo!.url).toBe(`${base}/assets/logo.svg`);
    expect((await m.app.inject({ url: '/assets/logo.svg' })).statusCode).toBe(200);
    expect(doc.querySelector('meta[property="og:image"]')!.getAttribute('content')).toBe(COVER);
    expect(doc.querySelector('meta[name="twitter:image"]')!.getAttribute('content')).toBe(COVER);
    expect(doc.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary_large_image');
    expect(doc.querySelector('meta[property="article:published_time"]')!.getAttribute('content')).toBe(ld.datePublished);
    expect(doc.querySelector('html')!.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('link[hreflang="en"]')!.getAttribute('href')).toBe(`${base}/articles/${slugs.hostile}`);
  });

  it('an article with a byline names its authors', async () => {
    const ld = byType(await page(`/articles/${slugs.byline}`), 'NewsArticle');
    expect(ld.author).toEqual([{ '@type': 'Person', name: 'Ada Lovelace', url: `${base}/author/ada-lovelace` }]);
    expect(ld).not.toHaveProperty('image');
  });

  it('BreadcrumbList matches the visible breadcrumb on article and listing pages', async () => {
    for (const url of [`/articles/${slugs.hostile}`, '/category/asia', '/tag/trade', '/author/ada-lovelace']) {
      const doc = await page(url);
      const visible = doc.querySelectorAll('.breadcrumb li').map((li) => li.querySelector('[itemprop="name"]')!.text);
      const list = byType(doc, 'BreadcrumbList').itemListElement as { position: number; name: string; item: string }[];
      expect(list.map((i) => i.name), url).toEqual(visible);
      expect(list.map((i) => i.position)).toEqual(visible.map((_, i) => i + 1));
      const hrefs = doc.querySelectorAll('.breadcrumb li').map((li) => li.querySelector('a')?.getAttribute('href') ?? url);
      expect(list.map((i) => i.item)).toEqual(hrefs.map((h) => `${base}${h}`));
    }
  });

  it('the home page carries WebSite with a SearchAction that leads to the search page', async () => {
    const ld = byType(await page('/'), 'WebSite');
    expect(ld.url).toBe(`${base}/`);
    const action = ld.potentialAction as { '@type': string; target: { urlTemplate: string }; 'query-input': string };
    expect(action['@type']).toBe('SearchAction');
    expect(action['query-input']).toBe('required name=search_term_string');
    const template = action.target.urlTemplate;
    expect(template).toBe(`${base}/search?q={search_term_string}`);
    const url = new URL(template.replace('{search_term_string}', 'byline'));
    const results = await page(`${url.pathname}${url.search}`);
    expect(results.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain(`/articles/${slugs.byline}`);
  });
});
