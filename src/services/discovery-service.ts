import type { ArticleCard } from '../content/types.js';
import type { ArticleStore } from '../storage/ports.js';

export type RankingWindow = '24h' | '7d' | '30d' | 'all' | 'trending';

export interface RecommendationRequest {
  articleId?: number;
  /** Keyed hash of the reader, when known. */
  reader?: string;
  k: number;
  now: number;
  exclude?: readonly number[];
}

/** The three lists under an article. Implementations differ in how clever they are, not in shape. */
export interface DiscoveryService {
  related(articleId: number, k: number, now: number): Promise<ArticleCard[]>;
  ranking(k: number, now: number, exclude?: readonly number[], window?: RankingWindow): Promise<{ window: RankingWindow; items: ArticleCard[] }>;
  recommended(request: RecommendationRequest): Promise<ArticleCard[]>;
  /** Tells the engine an article was published, edited or withdrawn. */
  articleChanged(articleId: number): Promise<void>;
}

/**
 * Simple rules straight from the store: Related = shared tags, then same category,
 * newest first; Ranking = most viewed; Recommendation = editor picks, then newest.
 */
export class StoreDiscoveryService implements DiscoveryService {
  constructor(private readonly articles: ArticleStore, private readonly defaultWindow: () => Promise<RankingWindow>) {}

  async related(articleId: number, k: number, now: number): Promise<ArticleCard[]> {
    const byTags = await this.articles.sharingTags(articleId, now, k);
    if (byTags.length >= k) return byTags;
    const article = await this.articles.findById(articleId);
    const exclude = [articleId, ...byTags.map((c) => c.id)];
    const sameCategory = article?.categoryId
      ? (await this.articles.listPublic({ now, categoryIds: [article.categoryId], excludeIds: exclude, limit: k - byTags.length })).items
      : [];
    return [...byTags, ...sameCategory];
  }

  async ranking(k: number, now: number, exclude: readonly number[] = []) {
    return { window: 'all' as RankingWindow, items: await this.articles.mostViewed(now, k, exclude) };
  }

  async recommended(r: RecommendationRequest): Promise<ArticleCard[]> {
    const exclude = [...(r.exclude ?? []), ...(r.articleId !== undefined ? [r.articleId] : [])];
    const picks = await this.articles.recommended(r.now, r.k, exclude);
    if (picks.length >= r.k) return picks;
    const newest = await this.articles.listPublic({ now: r.now, excludeIds: [...exclude, ...picks.map((p) => p.id)], limit: r.k - picks.length });
    return [...picks, ...newest.items];
  }

  async articleChanged(): Promise<void> {}
}
