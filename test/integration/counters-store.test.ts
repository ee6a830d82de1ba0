import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { ArticleService } from '../../src/services/article-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const H = Math.floor(NOW / HOUR);

for (const dialect of DIALECTS) {
  describe(`counter store on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    const ids: number[] = [];

    beforeAll(async () => {
      ({ storage, close } = await openTestStorage(dialect));
      const service = new ArticleService(new LocalChangeChannel(), () => NOW);
      for (let i = 0; i < 3; i++) {
        const saved = await storage.transaction((s) => service.save(s, { title: `Counted ${i}`, body: 'Body.', publishedAt: NOW - HOUR }));
        ids.push(saved.id);
      }
      await storage.transaction((s) => service.save(s, { title: 'Draft', body: 'x', status: 'draft' }));
    });
    afterAll(async () => close());

    it('adds a batch to per-article totals and hourly buckets in one go, summing into existing rows', async () => {
      const [a, b] = ids as [number, number];
      await storage.counters.addViews([{ articleId: a, hour: H, views: 3 }, { articleId: a, hour: H + 1, views: 2 }, { articleId: b, hour: H, views: 7 }]);
      await storage.counters.addViews([{ articleId: a, hour: H, views: 1 }]);
      expect(await storage.counters.viewCount(a)).toBe(6);
      expect(await storage.counters.viewCount(b)).toBe(7);
      const buckets = await storage.counters.viewBuckets(H);
      expect(buckets.filter((x) => x.articleId === a).sort((x, y) => x.hour - y.hour)).toEqual([
        { articleId: a, hour: H, views: 4 },
        { articleId: a, hour: H + 1, views: 2 },
      ]);
    });

    it('writes large batches (more rows than one statement holds) completely', async () => {
      const c = ids[2]!;
      const batch = Array.from({ length: 1200 }, (_, i) => ({ articleId: c, hour: H - 2000 + i, views: 1 }));
      await storage.counters.addViews(batch);
      expect(await storage.counters.viewCount(c)).toBe(1200);
      expect((await storage.counters.viewBuckets(H - 2000)).filter((x) => x.articleId === c)).toHaveLength(1200);
    });

    it('writes all of a batch or none of it', async () => {
      const a = ids[0]!;
      const before = await storage.counters.viewCount(a);
      await expect(storage.counters.addViews([{ articleId: a, hour: H, views: 5 }, { articleId: a, hour: H, views: -1 }])).rejects.toThrow();
      expect(await storage.counters.viewCount(a)).toBe(before);
    });

    it('reads an article\'s publication state and totals for the counting cache', async () => {
      const a = ids[0]!;
      await storage.counters.toggleReaction(a, 'reader-x', 'good', NOW);
      const counts = await storage.counters.articleCounts(a);
      expect(counts).toMatchObject({ status: 'published', publishedAt: NOW - HOUR, views: 6, reactions: { good: 1 } });
      expect(await storage.counters.articleCounts(987654)).toBeUndefined();
    });

    it('keeps reactions idempotent under racing requests of one reader', async () => {
      const b = ids[1]!;
      const results = await Promise.all(Array.from({ length: 8 }, () => storage.counters.toggleReaction(b, 'reader-r', 'good', NOW, true)));
      expect(results.every((r) => r.active)).toBe(true);
      expect((await storage.counters.reactionCounts(b)).good).toBe(1);
      await Promise.all(Array.from({ length: 8 }, () => storage.counters.toggleReaction(b, 'reader-r', 'good', NOW, false)));
      expect((await storage.counters.reactionCounts(b)).good).toBe(0);
      expect(await storage.counters.hasReacted(b, 'reader-r')).toEqual([]);
      await storage.counters.toggleReaction(b, 'reader-r', 'sad', NOW);
      await storage.counters.toggleReaction(b, 'reader-r', 'good', NOW);
      expect((await storage.counters.hasReacted(b, 'reader-r')).sort()).toEqual(['good', 'sad']);
    });
  });
}
