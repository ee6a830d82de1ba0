import type { ChangeChannel } from '../events/change-channel.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleChangeRow, Storage } from '../storage/ports.js';

/**
 * Publishes scheduled articles when their time comes, with no request needed. Each pass is one
 * UPDATE … RETURNING (see NewsroomStore.publishDue), so with several processes every article is
 * flipped, announced and audit-logged exactly once; the first pass runs at start, so what fell
 * due while the site was down goes out then.
 */
export class ScheduledPublisher implements BackgroundTask {
  readonly name = 'scheduled publishing';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly changes: ChangeChannel,
    private readonly clock: () => number,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 10_000,
  ) {}

  async start(): Promise<void> {
    await this.publishDue().catch(this.onError);
    this.timer = setInterval(() => {
      // A slow pass is not overlapped by the next one.
      this.running ??= this.publishDue().catch(this.onError).finally(() => {
        this.running = undefined;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Flips what is due now; returns the articles this process published. */
  async publishDue(): Promise<ArticleChangeRow[]> {
    const now = this.clock();
    return this.storage.transaction(async (stores) => {
      const due = await stores.newsroom.publishDue(now);
      for (const row of due) {
        await stores.newsroom.audit({ at: now, userId: null, actor: 'scheduler', action: 'article.publish', subject: `${row.id} ${row.slug}`, detail: `scheduled for ${new Date(row.publishedAt ?? now).toISOString()}` });
        const change = { id: row.id, slug: row.slug, status: row.status, publishedAt: row.publishedAt, categoryId: row.categoryId };
        stores.afterCommit(() => this.changes.publish('article.saved', change));
      }
      return due;
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
