import type { ArticleCounts } from '../storage/ports.js';

interface Entry {
  counts: ArticleCounts;
  loadedAt: number;
}

/**
 * What the counting endpoint needs to know about an article on every request (is it public,
 * its totals), held in memory so a beacon costs no read. Entries older than `ttlMs` are still
 * served while a reload runs in the background (totals written by other processes show up
 * within about ttlMs). Unknown ids are never cached, so a new article counts at once.
 * Bounded: past `capacity` the oldest loaded entry goes.
 */
export class ArticleCountsCache {
  private readonly entries = new Map<number, Entry>();
  private readonly loading = new Map<number, Promise<ArticleCounts | undefined>>();

  constructor(
    /** Reads the article's row; the service runs it in its write queue so it never races a flush. */
    private readonly load: (articleId: number) => Promise<ArticleCounts | undefined>,
    private readonly ttlMs: number,
    private readonly capacity = 50_000,
  ) {}

  /** The article's counts, or undefined when no such article exists. */
  async get(articleId: number, now: number): Promise<ArticleCounts | undefined> {
    return this.peek(articleId, now) ?? this.reload(articleId, now);
  }

  /** The cached counts without waiting; undefined when the article is not cached (get() loads it). */
  peek(articleId: number, now: number): ArticleCounts | undefined {
    const entry = this.entries.get(articleId);
    if (!entry) return undefined;
    if (now - entry.loadedAt >= this.ttlMs) void this.reload(articleId, now).catch(() => {});
    return entry.counts;
  }

  /** Adds views that were just written to the store to a cached total. */
  addViews(articleId: number, views: number): void {
    const entry = this.entries.get(articleId);
    if (entry) entry.counts.views += views;
  }

  /** Sets a reaction total the store just returned. */
  setReaction(articleId: number, kind: string, count: number): void {
    const entry = this.entries.get(articleId);
    if (entry) entry.counts.reactions[kind] = count;
  }

  /** Forgets an article (it was edited, unpublished or deleted). */
  forget(articleId: number): void {
    this.entries.delete(articleId);
  }

  private reload(articleId: number, now: number): Promise<ArticleCounts | undefined> {
    let pending = this.loading.get(articleId);
    if (!pending) {
      pending = this.load(articleId).then((counts) => {
        if (!counts) this.entries.delete(articleId);
        else this.put(articleId, counts, now);
        return counts;
      }).finally(() => this.loading.delete(articleId));
      this.loading.set(articleId, pending);
    }
    return pending;
  }

  private put(articleId: number, counts: ArticleCounts, now: number): void {
    this.entries.delete(articleId);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as number);
    this.entries.set(articleId, { counts, loadedAt: now });
  }
}
