import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMasthead } from '../helpers/app.js';
import type { ArticleCard } from '../../src/content/types.js';
import type { Masthead } from '../../src/main.js';
import { SearchService } from '../../src/search/search-service.js';
import type { DiscoveryService } from '../../src/services/discovery-service.js';
import { ReaderPageService } from '../../src/services/reader-page-service.js';

// On a quiet site, "Most read" is what one reader read. The home page is the same for everyone, so
// its Recommended list must not hand that reader their own reads back under another heading.
let m: Masthead;
beforeAll(async () => {
  m = await demoMasthead();
  await m.ready;
});
afterAll(async () => m.close());

describe('home page Recommended', () => {
  it('never repeats what Most read shows', async () => {
    const now = Date.now();
    const all = (await m.storage.articles.listPublic({ now, limit: 30, countTotal: false })).items;
    const mostRead: ArticleCard[] = all.slice(5, 9);
    // Most read is four articles one reader read; the recommender's own fallback is most read too.
    const discovery: DiscoveryService = {
      related: (id, k, at) => m.discovery.related(id, k, at),
      ranking: async () => ({ window: '7d', items: mostRead }),
      recommended: async (r) => {
        const skip = new Set(r.exclude ?? []);
        return [...mostRead, ...all].filter((c, i, list) => !skip.has(c.id) && list.indexOf(c) === i).slice(0, r.k);
      },
      knowsReader: () => false,
    };
    const pages = new ReaderPageService(m.storage, m.site, m.articles, discovery, m.counters, new SearchService(m.storage.search, m.storage.taxonomy, m.site));
    const home = await pages.home();
    expect(home.ranking.items.map((c) => c.id)).toEqual(mostRead.map((c) => c.id));
    expect(home.recommended.length).toBeGreaterThan(0);
    const repeated = home.recommended.filter((c) => mostRead.some((r) => r.id === c.id));
    expect(repeated).toEqual([]);
  });
});
