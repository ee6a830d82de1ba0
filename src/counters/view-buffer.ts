import type { ViewIncrement } from '../events/change-events.js';

export type { ViewIncrement };

/**
 * Counted views waiting to be written: summed per article and hour, so one flush writes one
 * row per (article, hour) however many views arrived. `drain` hands the batch over and starts
 * a new one; `restore` puts a batch back when writing it failed.
 */
export class ViewBuffer {
  // hour → article → increment: one or two hours are open at a time, and number keys spare
  // building an "article:hour" string on every view.
  private byHour = new Map<number, Map<number, ViewIncrement>>();
  private perArticle = new Map<number, number>();
  private total = 0;

  /** Views waiting in all. */
  get size(): number {
    return this.total;
  }

  add(articleId: number, hour: number, views = 1): void {
    let byArticle = this.byHour.get(hour);
    if (!byArticle) {
      byArticle = new Map();
      this.byHour.set(hour, byArticle);
    }
    const inc = byArticle.get(articleId);
    if (inc) inc.views += views;
    else byArticle.set(articleId, { articleId, hour, views });
    this.perArticle.set(articleId, (this.perArticle.get(articleId) ?? 0) + views);
    this.total += views;
  }

  /** Views of the article not written yet. */
  pending(articleId: number): number {
    return this.perArticle.get(articleId) ?? 0;
  }

  /** Takes every waiting increment out of the buffer. */
  drain(): ViewIncrement[] {
    const batch: ViewIncrement[] = [];
    for (const byArticle of this.byHour.values()) for (const inc of byArticle.values()) batch.push(inc);
    this.byHour = new Map();
    this.perArticle = new Map();
    this.total = 0;
    return batch;
  }

  /** Puts a drained batch back (its write failed), merged with whatever arrived since. */
  restore(batch: readonly ViewIncrement[]): void {
    for (const inc of batch) this.add(inc.articleId, inc.hour, inc.views);
  }
}
