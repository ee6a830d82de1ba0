import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaImage } from '../../src/content/types.js';
import type { Masthead } from '../../src/main.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { demoMasthead } from '../helpers/app.js';
import { photoJpeg } from '../helpers/images.js';

describe('pictures on the public pages', () => {
  let m: Masthead;
  let image: MediaImage;
  let slugs: string[];
  beforeAll(async () => {
    m = await demoMasthead();
    image = await m.media.ingest(await photoJpeg(1600, 1000), { filename: 'bridge.jpg', alt: 'The Harbour Bridge under scaffolding', caption: 'Repairs began in March.', credit: 'Courier staff' });
    // Every public article gets the picture, so every list on every page has thumbnails to show.
    await (m.storage as KyselyStorage).db.updateTable('articles').set({ cover_media_id: image.id }).execute();
    slugs = (await m.storage.articles.listPublic({ now: Date.now(), limit: 5 })).items.map((a) => a.slug);
  });
  afterAll(() => m.close());

  const page = async (url: string) => parse((await m.app.inject({ url, headers: { accept: 'text/html' } })).body);
  const checkImg = (img: HTMLElement) => {
    expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
    expect(img.hasAttribute('alt')).toBe(true);
    expect(img.getAttribute('srcset')).toMatch(/^\/media\/[0-9a-f]{64}-\d+\.jpg \d+w/);
    expect(img.getAttribute('sizes')).toBeTruthy();
  };

  it('shows the cover on the article page: picture with AVIF and WebP sources, size, alt, caption and credit', async () => {
    const doc = await page(`/articles/${slugs[0]}`);
    const figure = doc.querySelector('article figure.article__figure')!;
    const sources = figure.querySelectorAll('source');
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]!.getAttribute('srcset')).toBe([320, 640, 960, 1280, 1600].map((w) => `/media/${image.sha256}-${w}.avif ${w}w`).join(', '));
    const img = figure.querySelector('img')!;
    checkImg(img);
    expect({ w: img.getAttribute('width'), h: img.getAttribute('height'), alt: img.getAttribute('alt'), loading: img.getAttribute('loading') })
      .toEqual({ w: '1600', h: '1000', alt: 'The Harbour Bridge under scaffolding', loading: 'eager' });
    expect(figure.querySelector('figcaption')!.text).toBe('Repairs began in March. Picture: Courier staff');
    const served = await m.app.inject({ url: img.getAttribute('src')! });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
  });

  it('carries the image in OpenGraph, Twitter and JSON-LD as an absolute URL', async () => {
    const doc = await page(`/articles/${slugs[0]}`);
    const og = doc.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
    expect(og).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/media/${image.sha256}-1280\\.jpg$`));
    expect(doc.querySelector('meta[property="og:image:width"]')!.getAttribute('content')).toBe('1280');
    expect(doc.querySelector('meta[property="og:image:height"]')!.getAttribute('content')).toBe('800');
    expect(doc.querySelector('meta[property="og:image:alt"]')!.getAttribute('content')).toBe(image.alt);
    expect(doc.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary_large_image');
    expect(doc.querySelector('meta[name="twitter:image"]')!.getAttribute('content')).toBe(og);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.text) as { image: { url: string; width: number }[] };
    expect(ld.image[0]).toMatchObject({ url: og, width: 1280, caption: 'Repairs began in March.' });
  });

  it('gives Related, Ranking and Recommendation items a small thumbnail, their date and their section', async () => {
    const doc = await page(`/articles/${slugs[0]}`);
    for (const id of ['related', 'ranking', 'recommended']) {
      const items = doc.querySelectorAll(`#${id} li`);
      expect(items.length, id).toBeGreaterThan(0);
      for (const li of items) {
        const img = li.querySelector('img.headline__thumb, .headline__thumb img')!;
        checkImg(img);
        expect(img.getAttribute('loading')).toBe('lazy');
        // Only small variants are offered for a small slot.
        expect(Math.max(...img.getAttribute('srcset')!.split(', ').map((s) => Number(s.split(' ')[1]!.slice(0, -1))))).toBeLessThanOrEqual(320);
        expect(li.querySelector('.headline__meta time[datetime]')).not.toBeNull();
        expect(li.querySelector('.headline__meta')!.text).toMatch(/ · \S/);
        expect(li.querySelectorAll('a')).toHaveLength(1);
      }
    }
  });

  it('shows thumbnails on the home, section, tag, author and search pages', async () => {
    const article = (await m.storage.articles.findBySlug(slugs[0]!))!;
    const section = (await m.site.categories()).get(article.categoryId)!;
    for (const url of ['/', `/category/${section.slug}`, `/tag/${article.tags[0]!.slug}`, `/author/${article.authors[0]!.slug}`, `/search?q=${encodeURIComponent(article.title.split(' ').sort((a, b) => b.length - a.length)[0]!)}`]) {
      const doc = await page(url);
      const imgs = doc.querySelectorAll('main .card img');
      expect(imgs.length, url).toBeGreaterThan(0);
      for (const img of imgs) checkImg(img);
    }
    expect((await page('/')).querySelector('.lead picture img')!.getAttribute('loading')).toBe('eager');
  });

  it('shows no picture element for an article without a cover', async () => {
    await (m.storage as KyselyStorage).db.updateTable('articles').set({ cover_media_id: null }).where('slug', '=', slugs[1]!).execute();
    const doc = await page(`/articles/${slugs[1]}`);
    expect(doc.querySelector('article figure')).toBeNull();
    expect(doc.querySelector('meta[property="og:image"]')).toBeNull();
  });
});
