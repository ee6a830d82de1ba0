import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { ArticleService } from '../../src/services/article-service.js';
import { EngineDiscoveryService } from '../../src/services/engine-discovery-service.js';
import { RankingService } from '../../src/services/ranking-service.js';
import { RecommendationService } from '../../src/services/recommendation-service.js';
import { RelatedLists } from '../../src/services/related-lists.js';
import { RelatedService } from '../../src/services/related-service.js';
import { StoreWatcher } from '../../src/services/store-watcher.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 12);

const stories = {
  bridge: ['Harbour bridge hangers replaced', 'Crews replace corroded steel hangers on the harbour bridge span', 'Harbour bridge reopens to buses after hanger repairs', 'Engineers test new bridge hangers under load on the harbour span'],
  football: ['Athletic win the derby', 'Striker scores twice as Athletic beat rivals in the derby match', 'Athletic coach praises defence after derby win', 'Derby hat-trick sends Athletic top of the league table'],
  library: ['Central library reopens', 'The renovated central library reopens with new reading rooms and books', 'Library book festival draws crowds', 'Authors read from new books at the central library festival'],
};

for (const dialect of DIALECTS) {
  describe(`discovery wiring on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    let now = NOW;
    const clock = () => now;
    const changes = new LocalChangeChannel();
    const service = new ArticleService(changes, clock);
    const ids: Record<string, number[]> = {};
    let related: RelatedService;
    let ranking: RankingService;
    let recs: RecommendationService;
    let discovery: EngineDiscoveryService;
    let watcher: StoreWatcher;

    beforeAll(async () => {
      ({ storage, close } = await openTestStorage(dialect));
      let t = NOW - 100 * HOUR;
      await storage.transaction(async (s) => {
        for (const [topic, lines] of Object.entries(stories)) {
          ids[topic] = [];
          for (let i = 0; i < lines.length; i += 2) {
            const saved = await service.save(s, { title: lines[i]!, body: lines[i + 1]!, publishedAt: (t += HOUR) });
            ids[topic]!.push(saved.id);
          }
        }
      });
      related = new RelatedService(storage.articles, changes, clock);
      ranking = new RankingService(storage.counters, storage.articles, clock, changes, { halfLifeHours: 6 });
      watcher = new StoreWatcher(storage, changes, clock, (err) => {
        throw err;
      });
      await watcher.start();
      recs = new RecommendationService(storage.reads, storage.articles, clock, { flushMs: 60_000 });
      await Promise.all([related.start(), ranking.start(), recs.start()]);
      discovery = new EngineDiscoveryService(storage.articles, new RelatedLists(related), ranking, recs, async () => '24h');
    });
    afterAll(async () => {
      await recs.stop();
      ranking.stop();
      await watcher.stop();
      related.stop();
      await close();
    });

    it('Related puts the same story first', async () => {
      const list = await discovery.related(ids.bridge![0]!, 3, now);
      expect(list[0]!.id).toBe(ids.bridge![1]);
      expect(list.map((c) => c.id)).not.toContain(ids.bridge![0]);
    });

    it('a saved article reaches Related lists through the change channel, and leaves them when unpublished', async () => {
      const saved = await storage.transaction((s) => service.save(s, { title: 'Bridge hangers pass harbour load test', body: 'The harbour bridge span and its steel hangers passed a load test.', publishedAt: now - HOUR }));
      expect(await related.applyPending()).toBeGreaterThanOrEqual(1);
      expect((await discovery.related(ids.bridge![0]!, 2, now)).map((c) => c.id)).toContain(saved.id);
      const article = (await storage.articles.findById(saved.id))!;
      now += 1000;
      await storage.transaction((s) => service.save(s, { ...article, body: article.bodySource, status: 'draft', tags: [], authors: [] }, saved.id));
      await related.applyPending();
      expect((await discovery.related(ids.bridge![0]!, 5, now)).map((c) => c.id)).not.toContain(saved.id);
    });

    it('a scheduled article enters the index when its time comes', async () => {
      const saved = await storage.transaction((s) => service.save(s, { title: 'Library adds evening book club', body: 'The central library book club meets in the new reading rooms.', status: 'scheduled', publishedAt: now + HOUR }));
      await related.applyPending();
      expect((await discovery.related(ids.library![0]!, 5, now)).map((c) => c.id)).not.toContain(saved.id);
      now += 2 * HOUR;
      // Nobody saves it when its time comes: the store watcher announces it.
      await watcher.poll();
      await related.applyPending();
      expect((await discovery.related(ids.library![0]!, 5, now)).map((c) => c.id)).toContain(saved.id);
    });

    it('with no counted view at all, Ranking lists the newest and says so instead of "most read"', async () => {
      const shown = await discovery.ranking(3, now, [], '7d');
      expect(shown.window).toBe('latest');
      expect(shown.items).toHaveLength(3);
    });

    it('Ranking follows counted views in the window and tops up a quiet window', async () => {
      const hour = Math.floor(now / HOUR);
      const batch = [{ articleId: ids.football![1]!, hour, views: 50 }, { articleId: ids.library![0]!, hour, views: 20 }, { articleId: ids.bridge![1]!, hour: hour - 48, views: 500 }];
      await storage.counters.addViews(batch);
      ranking.addViews(batch);
      const day = await discovery.ranking(3, now, [], '24h');
      expect(day.items.slice(0, 2).map((c) => c.id)).toEqual([ids.football![1], ids.library![0]]);
      expect(day.items).toHaveLength(3); // the third place is topped up
      const all = await discovery.ranking(1, now, [], 'all');
      expect(all.items[0]!.id).toBe(ids.bridge![1]);
      // a restart rebuilds the same board from the database
      const fresh = new RankingService(storage.counters, storage.articles, clock, changes, { halfLifeHours: 6 });
      await fresh.start();
      expect(fresh.top('24h', now, 2)).toEqual([ids.football![1], ids.library![0]]);
    });

    it('Recommendation learns "readers also read" and survives a restart through stored reads', async () => {
      const [a, b] = [ids.bridge![0]!, ids.football![0]!];
      for (let r = 0; r < 6; r++) {
        recs.recordRead(`reader-${r}`, a, now);
        recs.recordRead(`reader-${r}`, b, now + 1);
      }
      const list = await discovery.recommended({ articleId: a, k: 3, now, exclude: [] });
      expect(list[0]!.id).toBe(b);
      expect(list.map((c) => c.id)).not.toContain(a);
      // never what this reader already read
      const own = await discovery.recommended({ articleId: a, reader: 'reader-0', k: 3, now, exclude: [] });
      expect(own.map((c) => c.id)).not.toContain(b);
      await recs.flush();
      const again = new RecommendationService(storage.reads, storage.articles, clock);
      await again.start();
      expect(again.history('reader-3')).toEqual([a, b]);
      await again.stop();
    });

    it('editor picks come first and expire', async () => {
      const pick = (await storage.articles.findById(ids.library![1]!))!;
      await storage.transaction((s) => service.save(s, { ...pick, body: pick.bodySource, tags: [], authors: [], recommended: true, recommendedUntil: now + HOUR }, pick.id));
      const fresh = new RecommendationService(storage.reads, storage.articles, clock);
      await fresh.start();
      const d = new EngineDiscoveryService(storage.articles, new RelatedLists(related), ranking, fresh, async () => '24h');
      expect((await d.recommended({ articleId: ids.bridge![0]!, k: 3, now, exclude: [] }))[0]!.id).toBe(pick.id);
      now += 2 * HOUR;
      const later = new RecommendationService(storage.reads, storage.articles, clock);
      await later.start();
      const d2 = new EngineDiscoveryService(storage.articles, new RelatedLists(related), ranking, later, async () => '24h');
      expect((await d2.recommended({ articleId: ids.bridge![0]!, k: 1, now, exclude: [] }))[0]!.id).not.toBe(pick.id);
      await fresh.stop();
      await later.stop();
    });

    it('Recommendation never lists what the reader has read, on an article page or the home page, and follows taste', async () => {
      const read = [ids.football![0]!, ids.library![0]!];
      for (const [i, id] of read.entries()) recs.recordRead('taste-reader', id, now + i);
      const all = Object.values(ids).flat();
      // Ask for more than the engines can fill, so the newest top the list up.
      const onArticle = await discovery.recommended({ articleId: ids.bridge![0]!, reader: 'taste-reader', k: all.length, now, exclude: [] });
      expect(onArticle.length).toBeGreaterThan(0);
      for (const id of read) expect(onArticle.map((c) => c.id)).not.toContain(id);
      const onHome = await discovery.recommended({ reader: 'taste-reader', k: all.length, now, exclude: [] });
      const home = onHome.map((c) => c.id);
      for (const id of read) expect(home).not.toContain(id);
      // The taste: the other derby story is among the first two (beside what its readers also read).
      expect(home.slice(0, 2)).toContain(ids.football![1]!);
    });
  });
}
