import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMediaFiles } from '../../src/media/folder-media-files.js';
import { MediaService } from '../../src/media/media-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { photoJpeg, pngBomb, solidPng } from '../helpers/images.js';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe.each(DIALECTS)('media service on %s', (dialect) => {
  let storage: KyselyStorage;
  let close: () => Promise<void>;
  let dir: string;
  let media: MediaService;

  beforeAll(async () => {
    ({ storage, close } = await openTestStorage(dialect));
    dir = await mkdtemp(path.join(tmpdir(), 'mh-media-'));
    media = new MediaService(storage.media, new FolderMediaFiles(dir), { maxBytes: 2 * 1024 * 1024, maxPixels: 4_000_000 });
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a JPEG as AVIF, WebP and JPEG variants at planned widths, without its EXIF/GPS metadata', async () => {
    const original = await photoJpeg(1500, 1000);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const image = await media.ingest(original, { filename: 'harbour.jpg', alt: 'The harbour at dawn', caption: 'Boats in the harbour', credit: 'Courier staff' });
    expect(image).toMatchObject({ format: 'jpeg', width: 1500, height: 1000, alt: 'The harbour at dawn', caption: 'Boats in the harbour', credit: 'Courier staff', filename: 'harbour.jpg' });
    expect([...new Set(image.variants.map((v) => v.width))]).toEqual([320, 640, 960, 1280, 1500]);
    expect(new Set(image.variants.map((v) => v.format))).toEqual(new Set(['avif', 'webp', 'jpeg']));
    for (const v of image.variants) {
      const bytes = (await media.file(v.name))!;
      expect(bytes.length).toBe(v.bytes);
      const m = await sharp(bytes).metadata();
      expect({ w: m.width, h: m.height }).toEqual({ w: v.width, h: v.height });
      expect(m.format === 'heif' ? 'avif' : m.format).toBe(v.format);
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
    }
    expect(await storage.media.findById(image.id)).toEqual(image);
  });

  it('applies the EXIF orientation before dropping it', async () => {
    const image = await media.ingest(await photoJpeg(600, 400, { orientation: 6 }), { filename: 'turned.jpg' });
    expect({ w: image.width, h: image.height }).toEqual({ w: 400, h: 600 });
    const m = await sharp((await media.file(image.variants.at(-1)!.name))!).metadata();
    expect({ w: m.width, h: m.height, o: m.orientation }).toEqual({ w: 400, h: 600, o: undefined });
  });

  it('ingests the same bytes once: same record, no second encoding, description updated', async () => {
    const original = await photoJpeg(700, 500);
    const first = await media.ingest(original, { filename: 'a.jpg' });
    const before = (await allFiles(dir)).length;
    const second = await media.ingest(original, { filename: 'b.jpg', caption: 'Now with a caption' });
    expect(second.id).toBe(first.id);
    expect(second.caption).toBe('Now with a caption');
    expect((await storage.media.findById(first.id))!.caption).toBe('Now with a caption');
    expect((await allFiles(dir)).length).toBe(before);
  });

  it('keeps a path in an upload name inside the media folder', async () => {
    const image = await media.ingest(await solidPng(50, 40), { filename: '../../x.png' });
    expect(image.filename).toBe('x.png');
    expect((await allFiles(dir)).every((f) => f.startsWith(dir + path.sep))).toBe(true);
    expect(await readdir(path.dirname(dir))).not.toContain('x.png');
    expect(await media.file('../../x.png')).toBeUndefined();
    expect(await media.file(`../${image.variants[0]!.name}`)).toBeUndefined();
  });

  it('refuses a non-image named .jpg, naming the file', async () => {
    await expect(media.ingest(Buffer.from('<html><body>not a photo</body></html>'), { filename: 'photo.jpg' }))
      .rejects.toMatchObject({ code: 'MH_ERR_MEDIA_UNSUPPORTED', message: expect.stringMatching(/^photo\.jpg: .*HTML/) });
    await expect(media.ingest(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { filename: 'logo.png' }))
      .rejects.toMatchObject({ code: 'MH_ERR_MEDIA_UNSUPPORTED', message: expect.stringMatching(/^logo\.png: .*SVG/) });
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const whole = await photoJpeg(400, 300);
    await expect(media.ingest(whole.subarray(0, Math.floor(whole.length / 3)), { filename: 'cut.jpg' }))
      .rejects.toMatchObject({ code: 'MH_ERR_MEDIA_UNSUPPORTED', message: expect.stringMatching(/cut\.jpg: the JPEG data is damaged/) });
  });

  it('refuses a file over the byte limit and an image over the pixel limit, giving the limit', async () => {
    const big = Buffer.concat([await solidPng(10, 10), Buffer.alloc(2 * 1024 * 1024)]);
    await expect(media.ingest(big, { filename: 'huge.png' })).rejects.toMatchObject({ code: 'MH_ERR_MEDIA_TOO_LARGE', message: expect.stringMatching(/huge\.png is 2\.0 MB; the limit is 2 MB/) });
    await expect(media.ingest(await solidPng(2500, 2000), { filename: 'wide.png' }))
      .rejects.toMatchObject({ code: 'MH_ERR_MEDIA_TOO_LARGE', message: expect.stringMatching(/wide\.png is 2500×2000 \(5 megapixels\); the limit is 4 megapixels/) });
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2000);
    const rss = process.memoryUsage().rss;
    await expect(media.ingest(bomb, { filename: 'bomb.png' })).rejects.toMatchObject({ code: 'MH_ERR_MEDIA_TOO_LARGE', message: expect.stringMatching(/100000×100000.*limit is 4 megapixels/) });
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('leaves no record after a refused upload', async () => {
    const count = async () => (await storage.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    await media.ingest(Buffer.from('GIF89a-not-really-a-gif-at-all'), { filename: 'fake.gif' }).catch(() => {});
    expect(Number(await count())).toBe(before);
  });

  it('finds images by the addresses a body mentions and lists the newest first for the picker', async () => {
    const a = await media.ingest(await solidPng(120, 80), { filename: 'first.png' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await media.ingest(await photoJpeg(160, 90), { filename: 'second.jpg' });
    const found = await storage.media.bySha([a.sha256, b.sha256, 'f'.repeat(64), a.sha256]);
    expect([...found.keys()].sort()).toEqual([a.sha256, b.sha256].sort());
    expect(found.get(b.sha256)).toEqual(b);
    expect((await storage.media.bySha([])).size).toBe(0);
    const recent = await storage.media.recent(2);
    expect(recent.map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await storage.media.recent(1000)).length).toBeGreaterThanOrEqual(2);
  });
});
