import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { importJsonl } from '../../src/importers/jsonl/import-jsonl.js';
import { ArticleService } from '../../src/services/article-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { AppError } from '../../src/errors.js';

const fixture = new URL('../fixtures/huffpost_tiny300.jsonl', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mh-import-'));
const NOW = Date.UTC(2026, 0, 1);

for (const dialect of DIALECTS) {
  describe(`JSON Lines import on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    const service = new ArticleService(new LocalChangeChannel(), () => NOW);
    beforeAll(async () => ({ storage, close } = await openTestStorage(dialect)));
    afterAll(async () => close());

    it('imports every record of a real corpus file, gzipped', async () => {
      const gz = join(dir, `tiny-${dialect}.jsonl.gz`);
      writeFileSync(gz, gzipSync(readFileSync(fixture)));
      const summary = await importJsonl(gz, storage, service);
      expect(summary).toMatchObject({ lines: 300, created: 300, updated: 0, failed: 0 });
      expect(await storage.articles.countAll()).toBe(300);
      const cats = await storage.taxonomy.categories();
      expect(cats.map((c) => c.name).sort()).toEqual(['BUSINESS', 'ENTERTAINMENT', 'POLITICS', 'SPORTS', 'TECH', 'WORLD NEWS']);
      const first = JSON.parse(readFileSync(fixture, 'utf8').split('\n')[0]!) as { id: string; title: string; date: string };
      const found = await storage.articles.findIdByImportId(first.id);
      const article = (await storage.articles.findById(found!.id))!;
      expect(article.title).toBe(first.title);
      expect(article.publishedAt).toBe(Date.parse(`${first.date}T00:00:00Z`));
    });

    it('updates on re-import instead of duplicating', async () => {
      const summary = await importJsonl(fixture, storage, service);
      expect(summary).toMatchObject({ created: 0, updated: 300, failed: 0 });
      expect(await storage.articles.countAll()).toBe(300);
    });

    it('reports malformed lines by number and imports the rest', async () => {
      const file = join(dir, `bad-${dialect}.jsonl`);
      writeFileSync(file, [
        JSON.stringify({ id: 'ok-1', title: 'Fine one', body: 'text', category: 'Local' }),
        '{"id": "broken", "title": ',
        JSON.stringify({ id: 'no-title', url: 'https://x.example/' }),
        '',
        JSON.stringify({ id: 'bad-date', title: 'Bad date', date: 'yesterday' }),
        JSON.stringify({ id: 'ok-2', title: 'Fine two', summary: 'short', tags: ['a', 'b'] }),
        JSON.stringify([1, 2]),
      ].join('\n'));
      const summary = await importJsonl(file, storage, service);
      expect(summary.created).toBe(2);
      expect(summary.problems.map((p) => p.line)).toEqual([2, 3, 5, 7]);
      expect(summary.problems[0]!.reason).toMatch(/invalid JSON/);
      expect(summary.problems[1]!.reason).toMatch(/title/);
      expect(summary.problems[2]!.reason).toMatch(/date/);
      const noDate = (await storage.articles.findById((await storage.articles.findIdByImportId('ok-2'))!.id))!;
      expect(noDate.publishedAt).toBe(NOW); // published at import time
      expect(await storage.articles.findIdByImportId('bad-date')).toBeUndefined();
    });

    it('drops category labels with stripCategory', async () => {
      const file = join(dir, `strip-${dialect}.jsonl`);
      writeFileSync(file, JSON.stringify({ id: 'strip-1', title: 'No label', body: 'b', category: 'SECRET LABEL' }));
      await importJsonl(file, storage, service, { stripCategory: true });
      const a = (await storage.articles.findById((await storage.articles.findIdByImportId('strip-1'))!.id))!;
      expect(a.categoryId).toBeNull();
      expect((await storage.taxonomy.categories()).some((c) => c.name.toUpperCase() === 'SECRET LABEL')).toBe(false);
    });

    it('fails with a clear error for a missing file and writes nothing', async () => {
      const before = await storage.articles.countAll();
      await expect(importJsonl(join(dir, 'nope.jsonl'), storage, service)).rejects.toThrowError(AppError);
      await expect(importJsonl(join(dir, 'nope.jsonl'), storage, service)).rejects.toThrowError(/Cannot read .*nope\.jsonl: ENOENT/);
      expect(await storage.articles.countAll()).toBe(before);
    });
  });
}
