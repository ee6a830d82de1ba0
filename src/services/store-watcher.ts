import type { ChangeChannel } from '../events/change-channel.js';
import type { ArticleChange } from '../events/change-events.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleChangeRow, Stores } from '../storage/ports.js';

export interface StoreWatcherOptions {
  /** How often the store is read (default 2 s). */
  intervalMs?: number;
  /**
   * How far back each read looks (default 60 s). An article's updated_at is stamped inside its
   * transaction, so a transaction that commits after a later-stamped one shows a row older than
   * rows already seen; re-reading a trailing window catches it as long as no transaction stays
   * open longer than this.
   */
  windowMs?: number;
  /** Rows read per poll at most (a bulk import is caught up over several polls). */
  batch?: number;
}

function toChange(r: ArticleChangeRow): ArticleChange {
  return { id: r.id, slug: r.slug, status: r.status, publishedAt: r.publishedAt, categoryId: r.categoryId };
}

/**
 * The change channel's safety net. Every few seconds it reads what the store says changed and
 * announces, to this process only, what no event told it about: a change by another process
 * of a site without Redis, a `masthead import` from the command line, a message Redis dropped,
 * a section added in the database. It also announces articles whose scheduled time has come,
 * which nobody saves. Listeners are idempotent, so a change announced twice costs only work.
 */
export class StoreWatcher implements BackgroundTask {
  readonly name = 'store watcher';
  private readonly intervalMs: number;
  private readonly windowMs: number;
  private readonly batch: number;
  /** Article id → the latest updated_at (or notice time) this process has heard of. */
  private readonly heard = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;
  /** Wall time of the last pass: updated_at is stamped from the wall clock whatever clock the site reads. */
  private lastPoll = 0;
  /** The site's time at the last pass, for scheduled publish times. */
  private lastScheduled = 0;
  private settingsSeen: string | undefined;
  private categoriesSeen: string | undefined;

  constructor(
    private readonly stores: Pick<Stores, 'articles' | 'settings' | 'taxonomy'>,
    private readonly changes: ChangeChannel,
    private readonly clock: () => number,
    private readonly onError: (err: unknown) => void,
    options: StoreWatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.windowMs = options.windowMs ?? 60_000;
    this.batch = options.batch ?? 5000;
    const note = (c: ArticleChange) => this.heard.set(c.id, Math.max(this.heard.get(c.id) ?? 0, Date.now()));
    changes.subscribe('article.saved', note);
    changes.subscribe('article.withdrawn', note);
  }

  async start(): Promise<void> {
    this.lastPoll = Date.now();
    this.lastScheduled = this.clock();
    // What is in the store now is what every cache loads at start: only later changes are news.
    for (const row of await this.stores.articles.changesSince(this.lastPoll - this.windowMs, Number.MAX_SAFE_INTEGER)) {
      this.heard.set(row.id, row.updatedAt);
    }
    await this.readFingerprints();
    this.timer = setInterval(() => {
      this.poll().then(() => {
        this.failing = false;
      }, (err: unknown) => {
        // Once per outage, not every interval; the next pass re-reads the same window.
        if (!this.failing) this.onError(err);
        this.failing = true;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  /** One pass (the timer calls it; tests call it to avoid waiting). */
  poll(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const wallNow = Date.now();
    const now = this.clock();
    const since = this.lastPoll - this.windowMs;
    let from = since;
    for (;;) {
      const rows = await this.stores.articles.changesSince(from, this.batch);
      for (const row of rows) {
        if ((this.heard.get(row.id) ?? -Infinity) >= row.updatedAt) continue;
        this.heard.set(row.id, row.updatedAt);
        this.changes.deliver('article.saved', toChange(row));
      }
      if (rows.length < this.batch) break;
      // Rows of one millisecond may straddle batches: re-reading that millisecond is harmless.
      const last = rows.at(-1)!.updatedAt;
      from = last > from ? last : last + 1;
    }
    // Scheduled articles whose time came since the last pass go public with no save to announce them.
    for (const row of await this.stores.articles.publishedBetween(this.lastScheduled, now)) this.changes.deliver('article.saved', toChange(row));
    await this.compareFingerprints();
    for (const [id, at] of this.heard) if (at < since) this.heard.delete(id);
    this.lastPoll = wallNow;
    this.lastScheduled = now;
  }

  private async readFingerprints(): Promise<{ settings: string; categories: string }> {
    const [settings, categories] = await Promise.all([this.stores.settings.all(), this.stores.taxonomy.categories()]);
    // Internal keys (the cookie secret, the site id, made once on first use) are no setting any
    // page shows: their first write must not look like a settings change to every process.
    const shown = Object.entries(settings).filter(([key]) => !key.startsWith('internal.'));
    const seen = { settings: JSON.stringify(shown), categories: JSON.stringify(categories) };
    if (this.settingsSeen === undefined) {
      this.settingsSeen = seen.settings;
      this.categoriesSeen = seen.categories;
    }
    return seen;
  }

  private async compareFingerprints(): Promise<void> {
    const seen = await this.readFingerprints();
    if (seen.settings !== this.settingsSeen) {
      this.settingsSeen = seen.settings;
      this.changes.deliver('settings.changed', { keys: [] });
    }
    if (seen.categories !== this.categoriesSeen) {
      this.categoriesSeen = seen.categories;
      this.changes.deliver('taxonomy.changed', { kinds: ['category'] });
    }
  }
}
