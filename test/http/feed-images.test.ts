import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaImage } from '../../src/content/types.js';
import type { Masthead } from '../../src/main.js';
import { demoMasthead } from '../helpers/app.js';
import { photoJpeg } from '../helpers/images.js';

// Feeds carry an article's cover picture: the media store's share copy as an absolute URL,
// with its type and length where the format asks for them; an outside cover keeps its address.

let m: Masthead;
let image: MediaImage;
const BASE = 'https://news.example.org';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

beforeAll(async () => {
  m = await demoMasthead({ empty: true });
  await m.site.updateSettings({ baseUrl: BASE });
  image = await m.media.ingest(await photoJpeg(1600, 900), { filename: 'quay.jpg', alt: 'The quay' });
  await m.storage.transaction(async (s) => {
    await m.articles.save(s, { title: 'With a library cover', body: 'Text.', coverImageId: image.id, publishedAt: Date.now() - 2000 });
    await m.articles.save(s, { title: 'With an outside cover', body: 'Text.', coverImageUrl: 'https://cdn.example.net/c.jpg', publishedAt: Date.now() - 1000 });
    await m.articles.save(s, { title: 'Without a cover', body: 'Text.', publishedAt: Date.now() });
  });
}, 120_000);
afterAll(() => m.close());

type Attrs = Record<string, string>;
interface RssItem { title: string; enclosure?: Attrs; 'media:content'?: Attrs }
interface AtomEntry { title: string | { '#text': string }; link: Attrs | Attrs[] }
const titleOf = (e: AtomEntry) => (typeof e.title === 'string' ? e.title : e.title['#text']);

const share = () => image.variants.find((v) => v.format === 'jpeg' && v.width === 1280)!;

describe('cover pictures in feeds', () => {
  it('RSS: an enclosure with length and type, and media:content with the size', async () => {
    const doc = xml.parse((await m.app.inject({ url: '/feed.xml' })).body);
    const items = doc.rss.channel.item as RssItem[];
    const lib = items.find((i) => i.title === 'With a library cover')!;
    expect(lib.enclosure).toEqual({ url: `${BASE}/media/${share().name}`, length: String(share().bytes), type: 'image/jpeg' });
    expect(lib['media:content']).toMatchObject({ url: `${BASE}/media/${share().name}`, medium: 'image', width: '1280', height: '720' });
    const outside = items.find((i) => i.title === 'With an outside cover')!;
    expect(outside['media:content']).toMatchObject({ url: 'https://cdn.example.net/c.jpg', medium: 'image' });
    expect(outside.enclosure).toBeUndefined();
    const none = items.find((i) => i.title === 'Without a cover')!;
    expect(none.enclosure).toBeUndefined();
    expect(none['media:content']).toBeUndefined();
  });

  it('Atom: link rel=enclosure with type and length', async () => {
    const doc = xml.parse((await m.app.inject({ url: '/atom.xml' })).body);
    const entries = doc.feed.entry as AtomEntry[];
    const links = (e: AtomEntry) => ([] as Attrs[]).concat(e.link);
    const lib = entries.find((e) => titleOf(e) === 'With a library cover')!;
    expect(links(lib).find((l) => l.rel === 'enclosure')).toEqual({ rel: 'enclosure', href: `${BASE}/media/${share().name}`, type: 'image/jpeg', length: String(share().bytes) });
    const none = entries.find((e) => titleOf(e) === 'Without a cover')!;
    expect(links(none).some((l) => l.rel === 'enclosure')).toBe(false);
  });

  it('JSON Feed: image as an absolute URL', async () => {
    const feed = (await m.app.inject({ url: '/feed.json' })).json() as { items: { title: string; image?: string }[] };
    expect(feed.items.find((i) => i.title === 'With a library cover')!.image).toBe(`${BASE}/media/${share().name}`);
    expect(feed.items.find((i) => i.title === 'With an outside cover')!.image).toBe('https://cdn.example.net/c.jpg');
    expect(feed.items.find((i) => i.title === 'Without a cover')!.image).toBeUndefined();
  });
});
