import { RankingBoard, RETENTION_HOURS, epochHour, type RankingWindow } from '../discovery/ranking.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleStore, CounterStore } from '../storage/ports.js';

export interface RankingServiceOptions {
  halfLifeHours: number;
  /**
   * How often the board is rebuilt from the database. Views counted by other app processes
   * reach this one only through the database, so multi-process sites set this (e.g. 60 s);
   * a single process sees every view it counts and needs no reload.
   */
  reloadMs?: number | undefined;
}

// With Redis, other processes' flushes arrive as `views.flushed` too; the reload stays as the
// safety net (a flush counted by a reload and then heard again is corrected by the next reload).

/** The "most read" lists: a RankingBoard fed by the counters' flushes, loaded from hourly buckets at start. */
export class RankingService implements BackgroundTask {
  readonly name = 'ranking board';
  private board: RankingBoard;
  private timer: NodeJS.Timeout | undefined;
  private lastPrunedHour = 0;

  constructor(
    private readonly counters: CounterStore,
    private readonly articles: ArticleStore,
    private readonly clock: () => number,
    changes: ChangeChannel,
    private readonly options: RankingServiceOptions,
  ) {
    this.board = new RankingBoard({ halfLifeHours: options.halfLifeHours });
    changes.subscribe('views.flushed', (b) => this.addViews(b.increments));
  }

  /** Loads the last 30 days of buckets and the all-time totals. */
  async start(): Promise<void> {
    await this.reload();
    if (this.options.reloadMs && !this.timer) {
      this.timer = setInterval(() => {
        this.load().then((board) => (this.board = board), () => {});
      }, this.options.reloadMs);
      this.timer.unref();
    }
  }

  /** Rebuilds the board from the database (after a bulk change such as seeding). */
  async reload(): Promise<void> {
    this.board = await this.load();
  }

  private async load(): Promise<RankingBoard> {
    const now = this.clock();
    const board = new RankingBoard({ halfLifeHours: this.options.halfLifeHours });
    for (const b of await this.counters.viewBuckets(epochHour(now) - RETENTION_HOURS + 1)) board.add(b.articleId, b.hour, b.views);
    // Totals include views from before the bucket retention and seeded counts: they win.
    for (const t of await this.articles.viewTotals(now)) board.setTotal(t.id, t.views);
    return board;
  }

  /** Adds views just written by the counters. */
  addViews(batch: readonly { articleId: number; hour: number; views: number }[]): void {
    for (const inc of batch) this.board.add(inc.articleId, inc.hour, inc.views);
  }

  /** The ids most read in `window`, best first; may include articles no longer public (the caller filters). */
  top(window: RankingWindow, now: number, k: number, exclude?: ReadonlySet<number>): number[] {
    const hour = epochHour(now);
    if (hour !== this.lastPrunedHour) {
      this.board.prune(now);
      this.lastPrunedHour = hour;
    }
    return this.board.top(window, now, k, exclude).map((r) => r.articleId);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
