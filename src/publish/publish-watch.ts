import type { ChangeChannel } from '../events/change-channel.js';
import type { ArticleChange } from '../events/change-events.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { PublishCounts, SitePublisher } from './site-publisher.js';

const RETRY_MS = 5000;

export interface PublishWatchOptions {
  /** Changes heard within this long are published together (a save announces several events). */
  settleMs?: number;
  /**
   * How often the whole site is rendered again (writing only what changed): other articles'
   * Related and Most read lists drift with every view and edit, and no single event names them.
   */
  fullEveryMs?: number;
  /** Told after each run: what it did, and why it ran. */
  onRun?: (counts: PublishCounts, what: 'changes' | 'whole site') => void;
  onError?: (err: unknown) => void;
}

/**
 * `publish --watch`: listens on the change channel (every process's changes through Redis when
 * configured, else what this process's store watcher finds) and republishes only what each
 * change touches. A settings change or a new section reaches every page (the name, the menu), so
 * it republishes the whole site. One run at a time; changes heard during a run wait for the next.
 */
export class PublishWatch implements BackgroundTask {
  readonly name = 'static publishing';
  private readonly pending = new Map<number, Set<string>>();
  private whole = false;
  private timer: NodeJS.Timeout | undefined;
  private fullTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private unsubscribe: (() => void)[] = [];
  private stopped = false;
  /** After a failed run the next waits this long, so a full disk is not retried in a tight loop. */
  private retryDelayMs = 0;

  constructor(
    private readonly publisher: SitePublisher,
    private readonly changes: ChangeChannel,
    private readonly options: PublishWatchOptions = {},
  ) {}

  async start(): Promise<void> {
    const onArticle = (c: ArticleChange) => {
      const slugs = this.pending.get(c.id) ?? new Set<string>();
      slugs.add(c.slug);
      if (c.previousSlug) slugs.add(c.previousSlug);
      this.pending.set(c.id, slugs);
      this.schedule();
    };
    this.unsubscribe = [
      this.changes.subscribe('article.saved', onArticle),
      this.changes.subscribe('article.withdrawn', onArticle),
      this.changes.subscribe('settings.changed', () => this.wholeSite()),
      this.changes.subscribe('taxonomy.changed', (e) => {
        // Tags and authors come with the article saves that made them; sections are in every page's menu.
        if (e.kinds.includes('category')) this.wholeSite();
      }),
    ];
    // Not unref'd: the store watcher's timer is, and a watching process has nothing else that
    // keeps it running until stop() (no server socket).
    const every = this.options.fullEveryMs ?? 0;
    this.fullTimer = every > 0 ? setInterval(() => this.wholeSite(), every) : setInterval(() => {}, 2 ** 31 - 1);
  }

  /** Resolves when nothing is pending or running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.timer || this.running) {
      await (this.running ?? new Promise((r) => setTimeout(r, 20)));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const u of this.unsubscribe) u();
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.fullTimer);
    await this.running;
  }

  private wholeSite(): void {
    this.whole = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        // The running pass re-schedules when it ends.
        return;
      }
      this.running = this.run().finally(() => {
        this.running = undefined;
        if (this.pending.size || this.whole) this.schedule();
      });
    }, Math.max(this.options.settleMs ?? 300, this.retryDelayMs));
  }

  private async run(): Promise<void> {
    const whole = this.whole;
    const articles = [...this.pending].map(([id, slugs]) => ({ id, slugs: [...slugs] }));
    this.whole = false;
    this.pending.clear();
    try {
      // Run first, then tell: `onRun?.(await …)` would skip the run itself when nobody listens.
      if (whole) {
        const counts = await this.publisher.publishAll();
        this.options.onRun?.(counts, 'whole site');
      } else if (articles.length) {
        const counts = await this.publisher.update({ articles });
        this.options.onRun?.(counts, 'changes');
      }
      this.retryDelayMs = 0;
    } catch (err) {
      this.retryDelayMs = RETRY_MS;
      // The previous files stay in place; the same changes are tried again with the next ones.
      for (const a of articles) {
        const slugs = this.pending.get(a.id) ?? new Set<string>();
        for (const s of a.slugs) slugs.add(s);
        this.pending.set(a.id, slugs);
      }
      this.whole ||= whole;
      this.options.onError?.(err);
    }
  }
}
