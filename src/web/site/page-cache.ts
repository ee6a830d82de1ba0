/**
 * A micro-cache of rendered public pages: a hot article is rendered once per few seconds
 * however many readers ask, and concurrent misses share one render (no stampede after
 * expiry). Pages may be as stale as the TTL, the same promise a CDN in front makes.
 */
export class PageCache {
  // Values are rendered pages (strings) or, for feeds, a rendered body with its validators;
  // each caller reads back the type it stored under its own key prefix.
  private readonly entries = new Map<string, { html: unknown; expires: number }>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ttlMs = 5000,
    private readonly maxEntries = 2000,
    private readonly clock: () => number = Date.now,
  ) {}

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
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  clear(): void {
    this.entries.clear();
  }
}
