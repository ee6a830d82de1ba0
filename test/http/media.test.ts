import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaImage } from '../../src/content/types.js';
import { MemoryMediaFiles } from '../../src/media/folder-media-files.js';
import { MediaService } from '../../src/media/media-service.js';
import { mediaUploadRoutes } from '../../src/web/media/media-upload-routes.js';
import type { Masthead } from '../../src/main.js';
import { demoMasthead } from '../helpers/app.js';
import { photoJpeg, pngBomb, solidPng } from '../helpers/images.js';

describe('GET /media/', () => {
  let m: Masthead;
  let image: MediaImage;
  beforeAll(async () => {
    m = await demoMasthead({ empty: true });
    image = await m.media.ingest(await solidPng(700, 400), { filename: 'square.png', alt: 'A blue field' });
  });
  afterAll(() => m.close());

  it('serves every variant with its type and a year-long immutable cache', async () => {
    for (const v of image.variants) {
      const res = await m.app.inject({ url: `/media/${v.name}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe({ avif: 'image/avif', webp: 'image/webp', png: 'image/png' }[v.format as 'avif']);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.length).toBe(v.bytes);
    }
  });

  it('answers 404 for names it never wrote: paths, SVG, HTML, unknown files', async () => {
    const sha = image.sha256;
    for (const url of [`/media/${sha}-700.svg`, `/media/${sha}-700.html`, `/media/..%2F..%2Fpackage.json`, '/media/../package.json', `/media/${'0'.repeat(64)}-700.png`, '/media/x.png']) {
      const res = await m.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).not.toMatch(/^image\//);
    }
  });
});

describe('POST /admin/media', () => {
  let app: FastifyInstance;
  const editorHeader = { 'x-test-editor': 'yes' };
  beforeAll(async () => {
    const storage = (await demoMasthead({ empty: true }));
    const media = new MediaService(storage.storage.media, new MemoryMediaFiles(), { maxBytes: 1024 * 1024, maxPixels: 2_000_000 });
    app = Fastify();
    await app.register(mediaUploadRoutes, {
      media,
      // Stands in for the admin's session check, which the route requires.
      authorize: async (request) => {
        if (request.headers['x-test-editor'] !== 'yes') throw Object.assign(new Error('Sign in to upload images'), { statusCode: 401 });
      },
    });
    app.addHook('onClose', () => storage.close());
  });
  afterAll(() => app.close());

  const upload = (body: Buffer, filename: string | undefined, headers: Record<string, string> = editorHeader, contentType = 'image/jpeg') =>
    app.inject({ method: 'POST', url: `/admin/media${filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}&alt=Alt`}`, headers: { ...headers, 'content-type': contentType }, payload: body });

  it('stores an image and answers with the record and its variants', async () => {
    const res = await upload(await photoJpeg(800, 600), 'street.jpg');
    expect(res.statusCode).toBe(201);
    const { image } = res.json() as { image: MediaImage };
    expect(image).toMatchObject({ filename: 'street.jpg', alt: 'Alt', width: 800, height: 600, format: 'jpeg' });
    expect(image.variants.length).toBeGreaterThan(3);
  });

  it('cannot be used anonymously', async () => {
    const res = await upload(await solidPng(20, 20), 'a.png', {});
    expect(res.statusCode).toBe(401);
  });

  it('400 for a non-image named .jpg, naming the file, whatever the Content-Type says', async () => {
    for (const type of ['image/jpeg', 'text/html', 'application/json']) {
      const res = await upload(Buffer.from('<!doctype html><p>hello</p>'), 'holiday.jpg', editorHeader, type);
      expect(res.statusCode, type).toBe(400);
      expect(res.json()).toMatchObject({ error: 'MH_ERR_MEDIA_UNSUPPORTED', message: expect.stringMatching(/^holiday\.jpg: /) });
    }
  });

  it('400 for SVG, which is never taken as an image', async () => {
    const res = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg', editorHeader, 'image/svg+xml');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/logo\.svg: .*SVG/);
  });

  it('413 over the byte limit, with the limit', async () => {
    const res = await upload(Buffer.concat([await photoJpeg(100, 100), Buffer.alloc(1024 * 1024)]), 'big.jpg');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'MH_ERR_MEDIA_TOO_LARGE', message: 'big.jpg is over the limit of 1 MB', limitBytes: 1024 * 1024 });
  });

  it('413 over the pixel limit and for a decompression bomb, with the limit', async () => {
    const wide = await upload(await solidPng(2000, 1500), 'wide.png');
    expect(wide.statusCode).toBe(413);
    expect(wide.json()).toMatchObject({ message: expect.stringMatching(/wide\.png is 2000×1500 .*limit is 2 megapixels/), limitPixels: 2_000_000 });
    const bomb = await upload(pngBomb(), 'bomb.png');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().message).toMatch(/bomb\.png is 100000×100000/);
  });

  it('400 without a file name or without a body; a path in the name is only a label', async () => {
    expect((await upload(await solidPng(20, 20), undefined)).statusCode).toBe(400);
    expect((await upload(Buffer.alloc(0), 'empty.png')).json()).toMatchObject({ error: 'MH_ERR_VALIDATION' });
    const res = await upload(await solidPng(30, 30), '../../x.png');
    expect(res.statusCode).toBe(201);
    expect(res.json().image.filename).toBe('x.png');
  });
});
