import { AppError } from '../errors.js';
import { isPublic } from '../content/types.js';
import type { ArticleCounts, CounterStore } from '../storage/ports.js';
import type { SiteSettings } from '../content/types.js';
import { ArticleCountsCache } from './article-counts-cache.js';
import { LocalSaltSource, epochDay, type SaltSource } from './daily-salt.js';
import { CounterRateLimits, type CounterLimits, type SharedLimitOptions } from './counter-limits.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';
import { LruCache } from './lru-cache.js';
import { anonymousReaderKey, newReaderId, readerKey } from './reader-identity.js';
import { ViewBuffer } from './view-buffer.js';
import { LocalChangeChannel, type ChangeChannel } from '../events/change-channel.js';
import type { ArticleChange } from '../events/change-events.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import { MemoryViewDedupe, type ViewDedupe } from './view-dedupe.js';
import { notCountedReason, type NotCountedReason, type RequestTraits } from './view-rules.js';

const HOUR_MS = 3_600_000;
/** How long recordViewNow trusts the site settings it last saw before it asks again (in the background). */
const SETTINGS_REFRESH_MS = 1000;

/** Who is asking, as the web layer knows it: a verified cookie id (if any), address key and agent. */
export interface ReaderCredentials {
  /** The reader id from a correctly signed cookie; undefined when absent, forged or tampered. */
  cookieId: string | undefined;
  /** addressKey() of the client address; hashed into a daily identity, never stored. */
  address: string;
  userAgent: string | undefined;
}

/** The outcome of one view report. */
export interface ViewResult {
  counted: boolean;
  /** Why the view did not count: automated client, prefetch, HEAD, or a repeat within the window. */
  reason?: NotCountedReason | 'repeat' | undefined;
  /** Total views including those not written yet. */
  views: number;
  reactions: Record<string, number>;
  /** The reader's active reactions, when asked for. */
  mine?: string[] | undefined;
  /** A new reader id the web layer should set as the signed cookie. */
  issuedReaderId?: string | undefined;
}

export interface ReactionResult {
  kind: string;
  active: boolean;
  count: number;
  slug: string;
}

export interface CounterServiceOptions {
  store: CounterStore;
  /** Settings read on each request: viewDedupeMinutes and the reaction kinds. */
  site: SettingsSource;
  /** Key for readerKey(); the same one the cookies are signed with. */
  secret: string;
  clock?: () => number;
  /**
   * Where counted views (`view.counted`) and written batches (`views.flushed`) are announced, and
   * where article changes are heard (default: a channel of its own).
   */
  changes?: ChangeChannel;
  /** Write-behind interval (config.counterFlushMs), run between start() and stop(); at most this much counting is lost on a crash. */
  flushMs?: number;
  dedupe?: ViewDedupe;
  salt?: SaltSource;
  /** Per-minute budgets of the counting and reaction endpoints (defaults in counter-limits.ts). */
  limits?: Partial<CounterLimits> | undefined;
  /** Windows shared by every process of the site (Redis), with the fallback to this process's own. */
  sharedLimits?: SharedLimitOptions | undefined;
  /** New reader cookies one address may receive per hour (default 100). */
  mintPerHour?: number;
  /** How long cached article totals are trusted before a background reload (default 3000 ms). */
  cacheTtlMs?: number;
  /** Called when a flush fails (the batch is kept and retried); defaults to console.error. */
  onError?: (err: unknown) => void;
  /** Reader ids whose stored key (an HMAC) is remembered, so a returning reader costs no HMAC (default 100,000, ~10 MB). */
  readerKeyCacheSize?: number;
}

/** Where the counters read the site settings (the site service, cached). */
export interface SettingsSource {
  settings(): Promise<SiteSettings>;
}

/** Totals of every reaction kind the site offers (0 for kinds nobody used yet). */
function allReactions(settings: SiteSettings, counts: ArticleCounts | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of settings.reactions) out[r.key] = counts?.reactions[r.key] ?? 0;
  return out;
}

/**
 * Views and reactions: who counts, how often, and when it is written.
 *
 * A view counts once per reader per article per `viewDedupeMinutes`; automated clients,
 * prefetches and HEAD never count. Counted views are summed in memory and written in one
 * transaction every `flushMs` (write-behind); close() writes the rest. Reactions are written
 * through at once, idempotently.
 */
export class CounterService implements BackgroundTask {
  readonly name = 'counters write-behind';
  private readonly store: CounterStore;
  private readonly site: SettingsSource;
  private readonly secret: string;
  private readonly clock: () => number;
  private readonly dedupe: ViewDedupe;
  private readonly salt: SaltSource;
  /** New reader cookies per address: a script collecting cookies would otherwise mint readers at will. */
  private readonly mints: FixedWindowLimiter;
  private readonly onError: (err: unknown) => void;
  private readonly buffer = new ViewBuffer();
  private readonly cache: ArticleCountsCache;
  /** The in-process dedupe, when that is the one in use: it answers at once, which recordViewNow needs. */
  private readonly memoryDedupe: MemoryViewDedupe | undefined;
  private readonly readerKeys: LruCache<string, string>;
  /** The site settings last seen, for recordViewNow; refreshed in the background every SETTINGS_REFRESH_MS. */
  private settingsSeen: SiteSettings | undefined;
  private settingsSeenAt = -Infinity;
  private settingsLoading = false;
  /** Views handed to the store but not committed yet, so shown totals do not dip during a flush. */
  private inFlight = new Map<number, number>();
  /** Flushes and cache loads run one at a time, so a load never sees half a flush. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Flushes failed in a row (the database is down); only the first of a run is reported. */
  private flushFailing = 0;
  private saltDay = -1;
  private saltValue: Buffer | undefined;
  private readonly changes: ChangeChannel;
  private readonly flushMs: number | undefined;
  /** Counting figures since start, for logs, benches and tests. */
  /** The per-minute budgets every way into the counting endpoints spends (per process, or shared through Redis). */
  readonly limits: CounterRateLimits;
  readonly stats = { counted: 0, repeats: 0, ignored: 0, flushes: 0, flushedViews: 0, failedFlushes: 0 };

  constructor(options: CounterServiceOptions) {
    this.store = options.store;
    this.site = options.site;
    this.secret = options.secret;
    this.clock = options.clock ?? Date.now;
    this.dedupe = options.dedupe ?? new MemoryViewDedupe();
    this.memoryDedupe = this.dedupe instanceof MemoryViewDedupe ? this.dedupe : undefined;
    this.readerKeys = new LruCache(options.readerKeyCacheSize ?? 100_000);
    this.salt = options.salt ?? new LocalSaltSource();
    this.mints = new FixedWindowLimiter(options.mintPerHour ?? 100, HOUR_MS);
    this.onError = options.onError ?? ((err) => console.error('counter flush failed; will retry', err));
    this.cache = new ArticleCountsCache((id) => this.serial(() => this.store.articleCounts(id)), options.cacheTtlMs ?? 3000);
    this.flushMs = options.flushMs;
    this.limits = new CounterRateLimits(options.limits, options.sharedLimits);
    this.changes = options.changes ?? new LocalChangeChannel();
    // An edit may change whether an article is public: its cached state must be read again.
    const forget = (c: ArticleChange) => this.cache.forget(c.id);
    this.changes.subscribe('article.saved', forget);
    this.changes.subscribe('article.withdrawn', forget);
  }

  /** Starts the write-behind timer. */
  start(): void {
    if (this.flushMs === undefined || this.timer || this.closed) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    // The interval must not keep a finished process (or a test) alive; stop() flushes the rest.
    this.timer.unref();
  }

  /** Stops the timer and writes everything still waiting. */
  stop(): Promise<void> {
    return this.close();
  }

  /** Views not written to the store yet. */
  get pendingViews(): number {
    return this.buffer.size;
  }

  /** Reports one view of an article; throws MH_ERR_ARTICLE_NOT_FOUND for unknown or unpublished ids. */
  async recordView(articleId: number, who: ReaderCredentials, traits: RequestTraits, options: { mine?: boolean } = {}): Promise<ViewResult> {
    const now = this.clock();
    const [counts, settings] = await Promise.all([this.publicCounts(articleId, now), this.site.settings()]);
    this.settingsSeen = settings;
    this.settingsSeenAt = now;
    const reason = notCountedReason(traits);
    if (reason) return this.ignoredView(articleId, counts, settings, reason);
    const { key, issuedReaderId } = await this.identify(who, now, true);
    const alias = issuedReaderId ? this.readerKey(issuedReaderId) : undefined;
    const counted = await this.dedupe.claim(key, articleId, now, settings.viewDedupeMinutes * 60_000, alias);
    const result = this.judgedView(articleId, counts, settings, key, counted, now, issuedReaderId);
    if (options.mine) result.mine = await this.store.hasReacted(articleId, key);
    return result;
  }

  /**
   * recordView without waiting, for the counting fast path: the same rules and the same answer,
   * given at once when all they need is in memory (the article's cached totals, the settings, an
   * in-process dedupe, today's salt for a reader without a cookie). Otherwise undefined, having
   * changed nothing, and the caller uses recordView (which also brings those into memory).
   * Throws MH_ERR_ARTICLE_NOT_FOUND for a cached article that is not public (any more).
   */
  recordViewNow(articleId: number, who: ReaderCredentials, traits: RequestTraits): ViewResult | undefined {
    const dedupe = this.memoryDedupe;
    if (!dedupe) return undefined;
    const now = this.clock();
    const settings = this.settingsAt(now);
    const counts = this.cache.peek(articleId, now);
    if (!settings || !counts) return undefined;
    if (!isPublic(counts, now)) throw notFound(articleId);
    const reason = notCountedReason(traits);
    if (reason) return this.ignoredView(articleId, counts, settings, reason);
    const identity = this.identifyNow(who, now, true);
    if (!identity) return undefined;
    const alias = identity.issuedReaderId ? this.readerKey(identity.issuedReaderId) : undefined;
    const counted = dedupe.claim(identity.key, articleId, now, settings.viewDedupeMinutes * 60_000, alias);
    return this.judgedView(articleId, counts, settings, identity.key, counted, now, identity.issuedReaderId);
  }

  private ignoredView(articleId: number, counts: ArticleCounts, settings: SiteSettings, reason: NotCountedReason): ViewResult {
    this.stats.ignored++;
    return { counted: false, reason, views: this.shownViews(articleId, counts), reactions: allReactions(settings, counts) };
  }

  private judgedView(articleId: number, counts: ArticleCounts, settings: SiteSettings, key: string, counted: boolean, now: number, issuedReaderId: string | undefined): ViewResult {
    if (counted) {
      this.buffer.add(articleId, Math.floor(now / HOUR_MS));
      this.stats.counted++;
      this.changes.publish('view.counted', { articleId, reader: key, at: now });
    } else {
      this.stats.repeats++;
    }
    return {
      counted,
      reason: counted ? undefined : 'repeat',
      views: this.shownViews(articleId, counts),
      reactions: allReactions(settings, counts),
      mine: undefined,
      issuedReaderId,
    };
  }

  /** The settings last seen, asking for fresh ones in the background once they are SETTINGS_REFRESH_MS old. */
  private settingsAt(now: number): SiteSettings | undefined {
    if (now - this.settingsSeenAt >= SETTINGS_REFRESH_MS && !this.settingsLoading) {
      this.settingsLoading = true;
      this.site.settings().then((settings) => {
        this.settingsSeen = settings;
        this.settingsSeenAt = now;
      }, () => {}).finally(() => {
        this.settingsLoading = false;
      });
    }
    return this.settingsSeen;
  }

  /** Toggles (or sets, when `wanted` is given) one reader's reaction to a public article. Written through. */
  async react(articleId: number, who: ReaderCredentials, kind: string, wanted?: boolean): Promise<ReactionResult> {
    const settings = await this.site.settings();
    if (!settings.reactions.some((r) => r.key === kind)) {
      throw new AppError('MH_ERR_VALIDATION', `Unknown reaction "${kind}"; this site offers: ${settings.reactions.map((r) => r.key).join(', ')}`);
    }
    const now = this.clock();
    const counts = await this.publicCounts(articleId, now);
    // Reactions never issue a cookie: a cookie-less script would otherwise get a new reader per request.
    const { key } = await this.identify(who, now, false);
    const result = await this.store.toggleReaction(articleId, key, kind, now, wanted);
    this.cache.setReaction(articleId, kind, result.count);
    return { kind, active: result.active, count: result.count, slug: counts.slug };
  }

  /** Reaction totals of every configured kind, and the reader's own (by stored reader key). */
  async reactionState(articleId: number, reader: string | undefined): Promise<{ counts: Record<string, number>; mine: string[] }> {
    const [counts, settings, mine] = await Promise.all([
      this.cache.get(articleId, this.clock()),
      this.site.settings(),
      reader ? this.store.hasReacted(articleId, reader) : Promise.resolve([]),
    ]);
    return { counts: allReactions(settings, counts), mine };
  }

  /** The stored reader key of whoever sent the request (cookie, else the daily cookie-less identity). */
  async readerKeyOf(who: ReaderCredentials): Promise<string> {
    return (await this.identify(who, this.clock(), false)).key;
  }

  /** Current totals of a public article, including views not written yet. */
  async articleTotals(articleId: number): Promise<{ views: number; reactions: Record<string, number> }> {
    const [counts, settings] = await Promise.all([this.publicCounts(articleId, this.clock()), this.site.settings()]);
    return { views: this.shownViews(articleId, counts), reactions: allReactions(settings, counts) };
  }

  /** Writes every waiting view in one transaction; returns how many were written. A failed batch is kept for the next try. */
  flush(): Promise<number> {
    return this.serial(async () => {
      const batch = this.buffer.drain();
      if (!batch.length) return 0;
      this.inFlight = new Map();
      for (const inc of batch) this.inFlight.set(inc.articleId, (this.inFlight.get(inc.articleId) ?? 0) + inc.views);
      try {
        await this.store.addViews(batch);
      } catch (err) {
        this.inFlight = new Map();
        this.buffer.restore(batch);
        // Reported once per outage; the views wait in memory (one entry per article and hour).
        if (this.flushFailing === 0) this.onError(err);
        this.flushFailing++;
        this.stats.failedFlushes++;
        return 0;
      }
      this.flushFailing = 0;
      let views = 0;
      for (const inc of batch) {
        this.cache.addViews(inc.articleId, inc.views);
        views += inc.views;
      }
      // Only now, with the cached totals holding them, do the views leave the in-flight tally.
      this.inFlight = new Map();
      this.stats.flushes++;
      this.stats.flushedViews += views;
      this.changes.publish('views.flushed', { increments: batch });
      return views;
    });
  }

  /** Stops the timer and writes everything still waiting (graceful shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.queue.catch(() => {});
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async publicCounts(articleId: number, now: number): Promise<ArticleCounts> {
    const counts = await this.cache.get(articleId, now);
    if (!counts || !isPublic(counts, now)) throw notFound(articleId);
    return counts;
  }

  private shownViews(articleId: number, counts: ArticleCounts): number {
    return counts.views + this.buffer.pending(articleId) + (this.inFlight.get(articleId) ?? 0);
  }

  private async identify(who: ReaderCredentials, now: number, mayIssue: boolean): Promise<Identity> {
    const known = this.identifyNow(who, now, mayIssue);
    if (known) return known;
    const day = epochDay(now);
    const salt = await this.salt.saltFor(day);
    this.saltValue = salt;
    this.saltDay = day;
    return this.anonymousIdentity(who, salt, now, mayIssue);
  }

  /** The reader's identity when it needs nothing that is not in memory; undefined when today's salt is not loaded yet. */
  private identifyNow(who: ReaderCredentials, now: number, mayIssue: boolean): Identity | undefined {
    if (who.cookieId) return { key: this.readerKey(who.cookieId) };
    if (!this.saltValue || epochDay(now) !== this.saltDay) return undefined;
    return this.anonymousIdentity(who, this.saltValue, now, mayIssue);
  }

  private anonymousIdentity(who: ReaderCredentials, salt: Buffer, now: number, mayIssue: boolean): Identity {
    const key = anonymousReaderKey(salt, who.address, who.userAgent ?? '');
    if (mayIssue && this.mints.hit(who.address, now) === 0) return { key, issuedReaderId: newReaderId() };
    return { key };
  }

  /** readerKey() of a cookie's reader id, remembered: it is an HMAC, and readers come back. */
  private readerKey(readerId: string): string {
    let key = this.readerKeys.get(readerId);
    if (key === undefined) {
      key = readerKey(this.secret, readerId);
      this.readerKeys.set(readerId, key);
    }
    return key;
  }
}

interface Identity {
  key: string;
  /** A new reader id for the cookie, issued with this answer. */
  issuedReaderId?: string | undefined;
}

function notFound(articleId: number): AppError {
  return new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${articleId}`);
}
