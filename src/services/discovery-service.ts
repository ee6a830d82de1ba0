import type { ArticleCard } from '../content/types.js';

export type RankingWindow = '24h' | '7d' | '30d' | 'all' | 'trending';
/** What a Ranking list shows: a window of counted views, or the newest articles when none were counted. */
export type RankingShown = RankingWindow | 'latest';

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
  /** `loading`: the engines are still loading, so this list and the others beside it are the simple fallbacks. */
  ranking(k: number, now: number, exclude?: readonly number[], window?: RankingWindow): Promise<{ window: RankingShown; items: ArticleCard[]; loading?: true }>;
  recommended(request: RecommendationRequest): Promise<ArticleCard[]>;
  /** True when the engine has a reading history for this reader (their list may differ from the shared one). */
  knowsReader(reader: string): boolean;
}
