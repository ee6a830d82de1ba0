import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { MediaImage } from '../../src/content/types.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { AdminClient } from '../helpers/admin-client.js';
import { photoJpeg, pngBomb, solidPng } from '../helpers/images.js';

// Pictures from the editor: who may upload, what is refused and how, and what a saved
// cover or body image becomes on the article page.

const SECRET = 'uploads-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\//.exec(String(location))![1]);

describe('uploads from the newsroom editor', () => {
  let dir: string;
  let m: Masthead;
  let owner: AdminClient;
  let contributor: AdminClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'masthead-uploads-'));
    m = await createMasthead(loadConfig({ data: join(dir, 'data'), logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET }));
    await m.accounts.addUser({ email: 'owner@example.com', role: 'owner', password: PASSWORD, name: 'Olive Owner' });
    await m.accounts.addUser({ email: 'con@example.com', role: 'contributor', password: PASSWORD, name: 'Cora Contributor' });
    owner = new AdminClient(m.app);
    contributor = new AdminClient(m.app, '203.0.113.8');
    expect((await owner.signIn('owner@example.com', PASSWORD)).statusCode).toBe(303);
    expect((await contributor.signIn('con@example.com', PASSWORD)).statusCode).toBe(303);
    await owner.get('/admin/articles/new');
    await contributor.get('/admin/articles/new');
  }, 120_000);
  afterAll(async () => {
    await m?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a contributor uploads an image and gets its record with variants', async () => {
    const res = await contributor.upload('filename=street.jpg&alt=A%20wet%20street', await photoJpeg(800, 500));
    expect(res.statusCode).toBe(201);
    const { image } = res.json() as { image: MediaImage };
    expect(image).toMatchObject({ filename: 'street.jpg', alt: 'A wet street', width: 800, height: 500 });
    expect(image.variants.map((v) => v.format)).toEqual(expect.arrayContaining(['avif', 'webp', 'jpeg']));
  }, 120_000);

  it('is refused signed out, without the CSRF token, and from another site', async () => {
    const bytes = await solidPng(40, 30);
    const anonymous = new AdminClient(m.app, '203.0.113.9');
    expect((await anonymous.upload('filename=a.png', bytes)).statusCode).toBe(401);
    const noToken = await owner.upload('filename=a.png', bytes, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ error: 'MH_ERR_CSRF' });
    const foreign = await owner.upload('filename=a.png', bytes, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(foreign.statusCode).toBe(403);
    expect((await m.storage.media.recent(50)).some((i) => i.filename === 'a.png')).toBe(false);
  });

  it('400 naming the file for a non-image named .jpg; 413 with the limit over the pixel or byte limit', async () => {
    const html = await owner.upload('filename=holiday.jpg', Buffer.from('<!doctype html><p>not a picture</p>'));
    expect(html.statusCode).toBe(400);
    expect(html.json()).toMatchObject({ error: 'MH_ERR_MEDIA_UNSUPPORTED', message: expect.stringMatching(/^holiday\.jpg: /) });

    const bomb = await owner.upload('filename=bomb.png', pngBomb());
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json()).toMatchObject({ error: 'MH_ERR_MEDIA_TOO_LARGE', limitPixels: m.media.limits.maxPixels, message: expect.stringContaining('50 megapixels') });

    const huge = await owner.upload('filename=huge.jpg', Buffer.alloc(m.media.limits.maxBytes + 1, 0xff));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'MH_ERR_MEDIA_TOO_LARGE', limitBytes: m.media.limits.maxBytes, message: 'huge.jpg is over the limit of 25 MB' });
  }, 120_000);

  it('a name such as ../../x.png never leaves the media folder', async () => {
    const res = await owner.upload(`filename=${encodeURIComponent('../../x.png')}`, await solidPng(64, 48));
    expect(res.statusCode).toBe(201);
    const { image } = res.json() as { image: MediaImage };
    expect(image.filename).toBe('x.png');
    const mediaFiles = (await readdir(join(dir, 'data', 'media'), { recursive: true })).map((f) => basename(f));
    for (const v of image.variants) {
      expect(v.name).toMatch(/^[0-9a-f]{64}-\d+\.(avif|webp|png)$/);
      expect(mediaFiles).toContain(v.name);
    }
    // Every image file on disk is inside the media folder; nothing is named after the upload.
    const everything = await readdir(dir, { recursive: true });
    expect(everything.filter((f) => /\.(png|webp|avif)$/.test(f) && !f.startsWith(join('data', 'media') + sep))).toEqual([]);
    expect(everything.some((f) => basename(f) === 'x.png')).toBe(false);
  });

  it('the editor offers recent images as covers, flags a cover without alt text, and saves alt text and caption onto the image', async () => {
    const { image } = (await owner.upload('filename=quay.jpg', await photoJpeg(1200, 800))).json() as { image: MediaImage };
    const editor = parse((await owner.get('/admin/articles/new')).body);
    const choice = editor.querySelector(`input[name="coverImageId"][value="${image.id}"]`);
    expect(choice).toBeTruthy();
    expect(editor.querySelector('label[for="coverAlt"]')!.text).toBe('Alt text');

    const saved = await owner.post('/admin/articles', { title: 'Quay at night', body: 'Text.', coverImageId: String(image.id), coverAlt: '', coverCaption: '', action: 'draft' });
    expect(saved.statusCode).toBe(303);
    const id = idOf(saved.headers.location);
    const warned = parse((await owner.get(`/admin/articles/${id}/edit`)).body);
    expect(warned.querySelector('[data-alt-warnings]')!.text).toContain('The cover image has no alt text');
    expect(warned.querySelector(`input[name="coverImageId"][value="${image.id}"]`)!.hasAttribute('checked')).toBe(true);

    const published = await owner.post(`/admin/articles/${id}`, {
      title: 'Quay at night', body: 'Text.', coverImageId: String(image.id), coverAlt: 'Lamps along the quay', coverCaption: 'The quay after the rain.', action: 'publish',
    });
    expect(published.statusCode).toBe(303);
    expect(await m.media.byId(image.id)).toMatchObject({ alt: 'Lamps along the quay', caption: 'The quay after the rain.' });
    const clean = parse((await owner.get(`/admin/articles/${id}/edit`)).body);
    expect(clean.querySelector('[data-alt-warnings]')!.text.trim()).toBe('');
    expect(clean.querySelector('#coverAlt')!.getAttribute('value')).toBe('Lamps along the quay');

    const article = await m.storage.articles.findById(id);
    const page = parse((await m.app.inject({ url: `/articles/${article!.slug}` })).body);
    const cover = page.querySelector('.article__cover img')!;
    expect(cover.getAttribute('alt')).toBe('Lamps along the quay');
    expect(page.querySelector('figcaption')!.text).toContain('The quay after the rain.');
  }, 120_000);

  it('an unknown cover id is a form error, not a lost article', async () => {
    const res = await owner.post('/admin/articles', { title: 'Ghost cover', body: 'x', coverImageId: '999999', action: 'draft' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('That image is not in the media library');
    expect(res.body).toContain('value="Ghost cover"');
  });

  it('an image inserted into the body is a responsive figure on the article page; one without alt text is flagged', async () => {
    const { image } = (await owner.upload('filename=ferry.jpg&alt=The%20morning%20ferry', await photoJpeg(1000, 600))).json() as { image: MediaImage };
    const jpeg = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width)[0]!;
    const body = `The ferry was late.\n\n![The morning ferry](/media/${jpeg.name} "Leaving the north pier")\n\nAnd again ![](/media/${jpeg.name}) here.`;
    const saved = await owner.post('/admin/articles', { title: 'Ferry late again', body, action: 'publish' });
    expect(saved.statusCode).toBe(303);
    const id = idOf(saved.headers.location);
    expect(parse((await owner.get(`/admin/articles/${id}/edit`)).body).querySelector('[data-alt-warnings]')!.text).toContain('An image in the body has no alt text');

    const slug = (await m.storage.articles.findById(id))!.slug;
    const page = parse((await m.app.inject({ url: `/articles/${slug}` })).body);
    const figure = page.querySelector('.article__body figure.body-figure')!;
    expect(figure.querySelectorAll('source').map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('width')).toBe('1000');
    expect(img.getAttribute('height')).toBe('600');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('alt')).toBe('The morning ferry');
    expect(img.getAttribute('srcset')).toContain('640w');
    expect(figure.querySelector('figcaption')!.text).toBe('Leaving the north pier');
    // The inline one takes the library's alt text.
    expect(page.querySelector('.article__body p picture img')!.getAttribute('alt')).toBe('The morning ferry');
    // The live preview renders the same Markdown (and keeps an outside image as a plain, sanitized img).
    const preview = await owner.postJson('/admin/preview', { body: `${body}\n\n![x](https://example.com/a.png)` });
    expect(preview.json().html).toContain('<img src="https://example.com/a.png" alt="x" loading="lazy" />');
  }, 120_000);
});
