import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJsonl } from '../../src/importers/jsonl/import-jsonl.js';
import { MemoryMediaFiles } from '../../src/media/folder-media-files.js';
import { MediaService } from '../../src/media/media-service.js';
import { ArticleService } from '../../src/services/article-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { photoJpeg, solidPng } from '../helpers/images.js';

/** A loopback server with the answers an image URL can give. */
async function imageServer(jpeg: Buffer): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/photo.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (req.url === '/page.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><title>Not an image</title>');
    if (req.url === '/slow.jpg') return void setTimeout(() => res.writeHead(200).end(jpeg), 3000).unref();
    if (req.url === '/endless.jpg') {
      // No Content-Length, and more bytes than the limit.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(DIALECTS)('import with images on %s', (dialect) => {
  let storage: KyselyStorage;
  let close: () => Promise<void>;
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    ({ storage, close } = await openTestStorage(dialect));
    dir = await mkdtemp(path.join(tmpdir(), 'mh-import-img-'));
    await mkdir(path.join(dir, 'pics'));
    await writeFile(path.join(dir, 'pics', 'cover.png'), await solidPng(400, 300));
    await writeFile(path.join(dir, 'pics', 'fake.jpg'), 'plain text in a .jpg');
    await writeFile(path.join(dir, '..', `outside-${path.basename(dir)}.png`), await solidPng(40, 30));
    ({ server, base } = await imageServer(await photoJpeg(500, 400)));
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await close();
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(dir, '..', `outside-${path.basename(dir)}.png`), { force: true });
  });

  it('stores local and fetched covers; reports each failed image by line and imports its article without one', async () => {
    const lines = [
      { id: 'a', title: 'Local cover', image: 'pics/cover.png', image_alt: 'A blue square', image_caption: 'The square', image_credit: 'Test desk' },
      { id: 'b', title: 'Fetched cover', image_url: `${base}/photo.jpg` },
      { id: 'c', title: 'Missing file', image: 'pics/nope.png' },
      { id: 'd', title: 'Not an image', image: 'pics/fake.jpg' },
      { id: 'e', title: 'Escapes the folder', image: `../outside-${path.basename(dir)}.png` },
      { id: 'f', title: 'HTML at an image URL', image_url: `${base}/page.jpg` },
      { id: 'g', title: 'Too slow', image_url: `${base}/slow.jpg` },
      { id: 'h', title: 'Too big', image_url: `${base}/endless.jpg` },
      { id: 'i', title: 'Gone', image_url: `${base}/missing.jpg` },
      { id: 'j', title: 'Other scheme', image_url: 'file:///etc/passwd' },
    ];
    const file = path.join(dir, `articles-${dialect}.jsonl`);
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const media = new MediaService(storage.media, new MemoryMediaFiles(), { maxBytes: 512 * 1024 });
    const summary = await importJsonl(file, storage, new ArticleService(new LocalChangeChannel()), { media, imageFetch: { timeoutMs: 500 } });

    expect(summary).toMatchObject({ lines: 10, created: 10, failed: 0, images: 2 });
    const reasons = Object.fromEntries(summary.imageProblems.map((p) => [p.line, p.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons[3]).toMatch(/pics\/nope\.png: cannot read .*ENOENT/);
    expect(reasons[4]).toMatch(/fake\.jpg: .*not a JPEG/);
    expect(reasons[5]).toMatch(/outside the folder of the import file/);
    expect(reasons[6]).toMatch(/page\.jpg: .*HTML/);
    expect(reasons[7]).toMatch(/did not answer within 0\.5 s/);
    expect(reasons[8]).toMatch(/more than the limit of 524288 bytes/);
    expect(reasons[9]).toMatch(/HTTP 404/);
    expect(reasons[10]).toMatch(/only http and https/);

    const cover = async (importId: string) => {
      const found = await storage.articles.findIdByImportId(importId);
      return (await storage.articles.findById(found!.id))!.coverImageId;
    };
    const a = await storage.media.findById((await cover('a'))!);
    expect(a).toMatchObject({ alt: 'A blue square', caption: 'The square', credit: 'Test desk', filename: 'cover.png', width: 400 });
    expect(await storage.media.findById((await cover('b'))!)).toMatchObject({ filename: 'photo.jpg', width: 500, height: 400 });
    for (const id of ['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) expect(await cover(id), id).toBeNull();
  });

  it('re-imports the same picture without a second record', async () => {
    const file = path.join(dir, `again-${dialect}.jsonl`);
    await writeFile(file, JSON.stringify({ id: 'a', title: 'Local cover', image: 'pics/cover.png' }));
    const media = new MediaService(storage.media, new MemoryMediaFiles());
    const before = await storage.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const summary = await importJsonl(file, storage, new ArticleService(new LocalChangeChannel()), { media });
    expect(summary).toMatchObject({ updated: 1, images: 1, imageProblems: [] });
    const after = await storage.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
