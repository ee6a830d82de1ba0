import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { ArticleService } from '../../src/services/article-service.js';
import { EngineDiscoveryService } from '../../src/services/engine-discovery-service.js';
import { RankingService } from '../../src/services/ranking-service.js';
import { RecommendationService } from '../../src/services/recommendation-service.js';
import { RelatedLists } from '../../src/services/related-lists.js';
import { RelatedService } from '../../src/services/related-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 12);

// The seconds after a start, before the engines have loaded: the server answers at once, so the
// lists must be full of something sensible and say that they are fallbacks.
for (const dialect of DIALECTS) {
  describe(`lists while the engines load on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    const ids: number[] = [];
    const changes = new LocalChangeChannel();
    const clock = () => NOW;
    let loaded = false;
    let related: RelatedService;
    let discovery: EngineDiscoveryService;

    beforeAll(async () => {
      ({ storage, close } = await openTestStorage(dialect));
      const service = new ArticleService(changes, clock);
      for (let i = 0; i < 14; i++) {
        const topic = i < 4 ? 'harbour bridge hangers' : `story number ${i}`;
        ids.push((await storage.transaction((s) => service.save(s, { title: `A ${topic} report ${i}`, body: `The ${topic} in detail, part ${i}.`, publishedAt: NOW - (20 - i) * HOUR, tags: i < 4 ? ['bridge'] : [] }))).id);
      }
      related = new RelatedService(storage.articles, changes, clock);
      const ranking = new RankingService(storage.counters, storage.articles, clock, changes, { halfLifeHours: 6 });
      const recs = new RecommendationService(storage.reads, storage.articles, clock, { flushMs: 60_000 });
      // Not started: the state of the first moments after a spawn.
      discovery = new EngineDiscoveryService(storage.articles, new RelatedLists(related), ranking, recs, async () => '24h', storage.articles, () => loaded);
    });
    afterAll(async () => {
      related.stop();
      await close();
    });

    it('fills Related with shared tags, then the newest, and marks the Ranking as loading', async () => {
      expect(related.ready).toBe(false);
      const list = (await discovery.related(ids[0]!, 10, NOW)).map((c) => c.id);
      expect(list).toHaveLength(10);
      expect(list).not.toContain(ids[0]);
      // The articles sharing the tag come first.
      expect(list.slice(0, 3).sort()).toEqual(ids.slice(1, 4).sort());
      const ranking = await discovery.ranking(8, NOW, [ids[0]!]);
      expect(ranking.loading).toBe(true);
      expect(ranking.items).toHaveLength(8);
      expect(await discovery.recommended({ articleId: ids[0]!, k: 8, now: NOW })).toHaveLength(8);
    });

    it('says nothing of loading once the engines are ready', async () => {
      await related.start();
      loaded = true;
      expect((await discovery.ranking(8, NOW)).loading).toBeUndefined();
      expect((await discovery.related(ids[0]!, 3, NOW)).map((c) => c.id)).toEqual(expect.arrayContaining([ids[1]]));
    });
  });
}
