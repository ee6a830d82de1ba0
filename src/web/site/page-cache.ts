import type { ChangeChannel } from '../../events/change-channel.js';

export interface PageCacheOptions {
  /** How long a rendered page is served before it is rendered again (default 5 s). */
  ttlMs?: number;
  /** Pages kept at most; the oldest leaves first (default 2,000). */
  maxEntries?: number;
  clock?: () => number;
  /** Render failures that should be answered with the expired copy, when there is one (the database is down). */
  staleOnError?: (err: unknown) => boolean;
}

/**
 * A micro-cache of rendered public pages: a hot article is rendered once per few seconds
 * however many readers ask, and concurrent misses share one render (no stampede after
 * expiry). Pages may be as stale as the TTL, the same promise a CDN in front makes; while the
 * database cannot be reached, an expired page is served rather than an error.
 */
export class PageCache {
  // Values are rendered pages (strings) or, for feeds, a rendered body with its validators;
  // each caller reads back the type it stored under its own key prefix.
  private readonly entries = new Map<string, { html: unknown; expires: number }>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;
  private readonly staleOnError: (err: unknown) => boolean;

  /** Every change that can alter a page (an article, sections, settings) purges the cache. */
  constructor(changes: ChangeChannel | undefined, options: PageCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.clock = options.clock ?? Date.now;
    this.staleOnError = options.staleOnError ?? (() => false);
    const purge = () => this.clear();
    for (const name of ['article.saved', 'article.withdrawn', 'taxonomy.changed', 'settings.changed'] as const) changes?.subscribe(name, purge);
  }

  /** The cached page at `key`, or the result of `render` (which is cached unless it throws). */
  async get<T = string>(key: string, render: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.html as T;
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<T>;
    const job = render().then((html) => {
      this.entries.delete(key);
      this.entries.set(key, { html, expires: this.clock() + this.ttlMs });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      return html;
    }, (err: unknown) => {
      if (hit && this.staleOnError(err)) return hit.html as T;
      throw err;
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  clear(): void {
    this.entries.clear();
  }
}
