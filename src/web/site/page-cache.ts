import type { ChangeChannel } from '../../events/change-channel.js';

/**
 * A micro-cache of rendered public pages: a hot article is rendered once per few seconds
 * however many readers ask, and concurrent misses share one render (no stampede after
 * expiry). Pages may be as stale as the TTL, the same promise a CDN in front makes.
 */
export class PageCache {
  private readonly entries = new Map<string, { html: string; expires: number }>();
  private readonly inflight = new Map<string, Promise<string>>();

  /** Every change that can alter a page (an article, sections, settings) purges the cache. */
  constructor(
    changes: ChangeChannel | undefined,
    private readonly ttlMs = 5000,
    private readonly maxEntries = 2000,
    private readonly clock: () => number = Date.now,
  ) {
    const purge = () => this.clear();
    for (const name of ['article.saved', 'article.withdrawn', 'taxonomy.changed', 'settings.changed'] as const) changes?.subscribe(name, purge);
  }

  /** The cached page at `key`, or the result of `render` (which is cached unless it throws). */
  async get(key: string, render: () => Promise<string>): Promise<string> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.html;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const job = render().then((html) => {
      this.entries.delete(key);
      this.entries.set(key, { html, expires: this.clock() + this.ttlMs });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      return html;
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  clear(): void {
    this.entries.clear();
  }
}
