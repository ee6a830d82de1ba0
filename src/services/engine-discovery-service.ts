import type { ArticleCard } from '../content/types.js';
import type { ArticleStore } from '../storage/ports.js';
import type { DiscoveryService, RankingShown, RankingWindow, RecommendationRequest } from './discovery-service.js';
import type { RankingService } from './ranking-service.js';
import type { RecommendationService } from './recommendation-service.js';
import type { RelatedLists } from './related-lists.js';
import type { CardSource } from './card-cache.js';
import { newestFromStore, type NewestSource } from './newest-cards.js';

/**
 * The three lists from the discovery engines: Related from the content index, Ranking from
 * the view board, Recommendation from editor picks, co-visitation and the reader's taste.
 * Each list is topped up from simpler sources (shared tags, same section, most read) when
 * the engine has fewer candidates than places — a brand-new site, an article with no text.
 */
export class EngineDiscoveryService implements DiscoveryService {
  constructor(
    private readonly articles: ArticleStore,
    private readonly related_: RelatedLists,
    private readonly ranking_: RankingService,
    private readonly recommendations: RecommendationService,
    private readonly defaultWindow: () => Promise<RankingWindow>,
    /** Where the lists' cards come from (a CardCache in the server). */
    private readonly cards: CardSource = articles,
    /** False while the engines load (at start): the lists are fallbacks, and the ranking says so. */
    private readonly enginesReady: () => boolean = () => true,
    /** The newest articles every list falls back to (a NewestCards in the server). */
    private readonly newest: NewestSource = newestFromStore(articles),
  ) {}

  async related(articleId: number, k: number, now: number): Promise<ArticleCard[]> {
    const ids = this.related_.relatedTo(articleId, k, now);
    const cards = await this.cards.cardsByIds(ids, now);
    if (cards.length >= k) return cards.slice(0, k);
    return this.topUp(cards, articleId, k, now);
  }

  /** Fills a short Related list: shared tags, then the same section, then the most read. */
  private async topUp(cards: ArticleCard[], articleId: number, k: number, now: number): Promise<ArticleCard[]> {
    const out = [...cards];
    const taken = () => [articleId, ...out.map((c) => c.id)];
    out.push(...(await this.articles.sharingTags(articleId, now, k - out.length, taken())));
    if (out.length < k) {
      const article = await this.articles.findById(articleId);
      if (article?.categoryId) {
        out.push(...(await this.articles.listPublic({ now, categoryIds: [article.categoryId], excludeIds: taken(), limit: k - out.length, countTotal: false })).items);
      }
    }
    if (out.length < k) out.push(...(await this.newest.newest(now, k - out.length, taken())));
    return out;
  }

  async ranking(k: number, now: number, exclude: readonly number[] = [], window?: RankingWindow): Promise<{ window: RankingShown; items: ArticleCard[]; loading?: true }> {
    const list = await this.rankingList(k, now, exclude, window);
    return this.enginesReady() ? list : { ...list, loading: true };
  }

  private async rankingList(k: number, now: number, exclude: readonly number[], window?: RankingWindow): Promise<{ window: RankingShown; items: ArticleCard[] }> {
    const w = window ?? (await this.defaultWindow());
    // Over-fetch: the board may still hold an article withdrawn since its views were counted.
    const ids = this.ranking_.top(w, now, k + 8, new Set(exclude));
    const items = (await this.cards.cardsByIds(ids, now)).slice(0, k);
    if (items.length < k) {
      // A quiet window (a new site, a slow night) is topped up with the all-time most read, then the newest.
      const taken = new Set([...exclude, ...items.map((c) => c.id)]);
      if (w !== 'all') items.push(...(await this.cards.cardsByIds(this.ranking_.top('all', now, k + 8, taken), now)).slice(0, k - items.length));
      if (items.length < k) {
        const viewed = items.length;
        items.push(...(await this.newest.newest(now, k - items.length, [...taken, ...items.map((c) => c.id)])));
        // No counted view at all (a new site): the newest articles, and the list says so.
        if (viewed === 0 && items.length > 0) return { window: 'latest', items };
      }
    }
    return { window: w, items };
  }

  async recommended(r: RecommendationRequest): Promise<ArticleCard[]> {
    const exclude = new Set([...(r.exclude ?? []), ...(r.articleId !== undefined ? [r.articleId] : [])]);
    const fallback = this.ranking_.top('7d', r.now, r.k * 2, exclude);
    const ids = await this.recommendations.recommend({
      currentId: r.articleId ?? -1,
      reader: r.reader,
      k: r.k + 4,
      now: r.now,
      exclude,
      similarTo: (seeds, k, skip) => this.related_.similarTo(seeds, k, skip, r.now),
      fallback,
    });
    const cards = (await this.cards.cardsByIds(ids, r.now)).slice(0, r.k);
    if (cards.length < r.k) {
      // The newest fill the gap, but never what this reader has already read.
      const read = this.recommendations.history(r.reader);
      cards.push(...(await this.newest.newest(r.now, r.k - cards.length, [...exclude, ...read, ...cards.map((c) => c.id)])));
    }
    return cards;
  }

  knowsReader(reader: string): boolean {
    return this.recommendations.history(reader).length > 0;
  }
}
