import { isbot } from 'isbot';
import { AppError } from '../errors.js';
import { isPublic } from '../content/types.js';
import type { ArticleStore, CounterStore } from '../storage/ports.js';
import type { SiteService } from '../services/site-service.js';

export interface ViewRequest {
  articleId: number;
  userAgent: string | undefined;
  method: string;
  /** `Sec-Purpose` / `Purpose` header: prefetch and prerender are not reads. */
  purpose: string | undefined;
}

/** Views and reactions: who counts, and what is stored. */
export class CounterService {
  constructor(
    private readonly counters: CounterStore,
    private readonly articles: ArticleStore,
    private readonly site: SiteService,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True when the request is a human reading the page (not a bot, HEAD or prefetch). */
  static countsAsRead(r: Pick<ViewRequest, 'userAgent' | 'method' | 'purpose'>): boolean {
    if (r.method !== 'GET' && r.method !== 'POST') return false;
    if (r.purpose && /prefetch|prerender/i.test(r.purpose)) return false;
    return !!r.userAgent && !isbot(r.userAgent);
  }

  async recordView(r: ViewRequest): Promise<boolean> {
    if (!CounterService.countsAsRead(r)) return false;
    const hour = Math.floor(this.clock() / 3_600_000);
    await this.counters.addViews([{ articleId: r.articleId, hour, views: 1 }]);
    return true;
  }

  /** Toggles (or sets, when `wanted` is given) one reader's reaction to a public article. */
  async react(articleId: number, reader: string, kind: string, wanted?: boolean): Promise<{ active: boolean; count: number; slug: string }> {
    const settings = await this.site.settings();
    if (!settings.reactions.some((r) => r.key === kind)) {
      throw new AppError('MH_ERR_VALIDATION', `Unknown reaction "${kind}"; this site offers: ${settings.reactions.map((r) => r.key).join(', ')}`);
    }
    const article = await this.articles.findById(articleId);
    if (!article || !isPublic(article, this.clock())) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${articleId}`);
    const result = await this.counters.toggleReaction(articleId, reader, kind, this.clock(), wanted);
    return { ...result, slug: article.slug };
  }

  async reactionState(articleId: number, reader: string | undefined): Promise<{ counts: Record<string, number>; mine: string[] }> {
    const [counts, mine] = await Promise.all([
      this.counters.reactionCounts(articleId),
      reader ? this.counters.hasReacted(articleId, reader) : Promise.resolve([]),
    ]);
    return { counts, mine };
  }
}
