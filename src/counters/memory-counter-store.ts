import type { ArticleCounts, CounterStore } from '../storage/ports.js';
import type { ArticleStatus } from '../content/types.js';

/** An in-memory CounterStore for unit tests and benches of the counting rules (no database). */
export class MemoryCounterStore implements CounterStore {
  readonly articles = new Map<number, { slug: string; status: ArticleStatus; publishedAt: number | null; views: number }>();
  readonly buckets = new Map<string, number>();
  readonly reactions = new Set<string>();
  readonly totals = new Map<string, number>();
  /** Batches handed to addViews, in order. */
  readonly writes: { articleId: number; hour: number; views: number }[][] = [];
  /** When set, the next addViews throws it (once). */
  failNext: Error | undefined;

  addArticle(id: number, publishedAt: number | null, status: ArticleStatus = 'published', views = 0): void {
    this.articles.set(id, { slug: `article-${id}`, status, publishedAt, views });
  }

  async addViews(increments: readonly { articleId: number; hour: number; views: number }[]): Promise<void> {
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = undefined;
      throw err;
    }
    this.writes.push(increments.map((i) => ({ ...i })));
    for (const inc of increments) {
      const key = `${inc.articleId}:${inc.hour}`;
      this.buckets.set(key, (this.buckets.get(key) ?? 0) + inc.views);
      const a = this.articles.get(inc.articleId);
      if (a) a.views += inc.views;
    }
  }

  async viewCount(articleId: number): Promise<number> {
    return this.articles.get(articleId)?.views ?? 0;
  }

  async articleCounts(articleId: number): Promise<ArticleCounts | undefined> {
    const a = this.articles.get(articleId);
    return a ? { slug: a.slug, status: a.status, publishedAt: a.publishedAt, views: a.views, reactions: await this.reactionCounts(articleId) } : undefined;
  }

  async viewBuckets(sinceHour: number): Promise<{ articleId: number; hour: number; views: number }[]> {
    return [...this.buckets].map(([k, views]) => {
      const [articleId, hour] = k.split(':').map(Number) as [number, number];
      return { articleId, hour, views };
    }).filter((b) => b.hour >= sinceHour);
  }

  async toggleReaction(articleId: number, reader: string, kind: string, _now: number, wanted?: boolean): Promise<{ active: boolean; count: number }> {
    const key = `${articleId}|${reader}|${kind}`;
    const active = wanted ?? !this.reactions.has(key);
    const totalKey = `${articleId}|${kind}`;
    if (active && !this.reactions.has(key)) {
      this.reactions.add(key);
      this.totals.set(totalKey, (this.totals.get(totalKey) ?? 0) + 1);
    } else if (!active && this.reactions.delete(key)) {
      this.totals.set(totalKey, (this.totals.get(totalKey) ?? 0) - 1);
    }
    return { active, count: this.totals.get(totalKey) ?? 0 };
  }

  async reactionCounts(articleId: number): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [k, n] of this.totals) {
      const [id, kind] = k.split('|');
      if (Number(id) === articleId) out[kind!] = n;
    }
    return out;
  }

  async hasReacted(articleId: number, reader: string): Promise<string[]> {
    const prefix = `${articleId}|${reader}|`;
    return [...this.reactions].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  async seedCounts(articleId: number, views: number, reactions: Record<string, number>): Promise<void> {
    const a = this.articles.get(articleId);
    if (a) a.views = views;
    for (const [kind, n] of Object.entries(reactions)) this.totals.set(`${articleId}|${kind}`, n);
  }
}
