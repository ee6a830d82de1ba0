import { CachedPage, type Rendered } from './cached-page.js';

export interface PageCacheOptions {
  /** Bytes of pages kept at most (every encoding counted); the least recently used leave first (default 64 MiB). 0 turns the cache off. */
  maxBytes?: number;
  /** How long a page is served as it is before a request re-renders it in the background (default 5 min: changes purge at once; this only bounds how old a Most read list may be). */
  freshMs?: number;
  /**
   * The share of `freshMs` by which each page's freshness is shortened at random (0 to 1; default
   * 0). Pages rendered together (a warm-up, a purge of the whole site) then expire over a spread of
   * time instead of in the same second, so their re-renders do not arrive as one burst.
   */
  freshSpread?: number;
  /** How long past that an old copy is still served while the new one renders; beyond, the reader waits for the render (default 10 min). */
  maxStaleMs?: number;
  /** Headers every page carries (the security headers), merged into each page's header list once. */
  baseHeaders?: Readonly<Record<string, string>>;
  clock?: () => number;
  /** Render failures that are answered with the last copy, however old (the database is down). */
  staleOnError?: (err: unknown) => boolean;
  /** Re-renders run in the background at once at most (default 2). */
  revalidateConcurrency?: number;
  /** How long a request for a purged page waits for its new copy before it gets the previous one (default 1 s). */
  purgeWaitMs?: number;
}

/** How stale a page's place in the eviction order may be (see peek). */
const LRU_MOVE_MS = 1000;

export type Render = () => Promise<Rendered | undefined>;

interface Entry {
  key: string;
  page: CachedPage;
  render: Render;
  /** Served as it is until then; after, served while a re-render runs. */
  freshUntil: number;
  lastHit: number;
  /** Something it shows changed; a new copy is rendering. */
  purged: boolean;
}

export interface PageCacheStats {
  hits: number;
  staleHits: number;
  misses: number;
  renders: number;
  revalidations: number;
  evictions: number;
  entries: number;
  bytes: number;
}

/**
 * Rendered public pages, kept as ready-to-send bytes (CachedPage) and purged by what they show.
 *
 * - **Bounded**: by bytes, least recently used first.
 * - **Stampede-free**: concurrent misses of one page share one render.
 * - **Stale while revalidate**: a page past its freshness is re-rendered in the background while
 *   readers keep getting the previous copy. A page purged because something it shows changed is
 *   re-rendered at once; a request meanwhile waits for the new copy at most `purgeWaitMs`, then
 *   gets the previous one, so a purge never queues readers behind a slow render. A purged page
 *   nobody has asked for lately is dropped instead (its next reader waits for one render), so a
 *   big purge costs no burst of work.
 * - **Precise**: pages carry purge keys (`Rendered.tags`); `purge(keys)` touches only pages that
 *   show one of them. `evict(keys)` drops them outright, for pages that must never be served again
 *   (an article that was withdrawn).
 * - **Fault tolerant**: while the database cannot be reached, the last copy is served however old.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, Promise<CachedPage | undefined>>();
  /** Keys waiting for a background re-render, in order (a Set: a stale hit checks it on every request). */
  private readonly queue = new Set<string>();
  /** Evicted while a render was running: its result is served to whoever waits, not kept. */
  private readonly discard = new Set<string>();
  private running = 0;
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly freshMs: number;
  private readonly freshSpread: number;
  private readonly maxStaleMs: number;
  private readonly baseHeaders: Readonly<Record<string, string>>;
  private readonly clock: () => number;
  private readonly staleOnError: (err: unknown) => boolean;
  private readonly concurrency: number;
  private readonly purgeWaitMs: number;
  private readonly counts = { hits: 0, staleHits: 0, misses: 0, renders: 0, revalidations: 0, evictions: 0 };
  private idle: (() => void)[] = [];

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.freshMs = options.freshMs ?? 300_000;
    this.freshSpread = Math.min(1, Math.max(0, options.freshSpread ?? 0));
    this.maxStaleMs = options.maxStaleMs ?? 600_000;
    this.baseHeaders = options.baseHeaders ?? {};
    this.clock = options.clock ?? Date.now;
    this.staleOnError = options.staleOnError ?? (() => false);
    this.concurrency = options.revalidateConcurrency ?? 2;
    this.purgeWaitMs = options.purgeWaitMs ?? 1000;
  }

  /** False when the cache keeps nothing (every request renders). */
  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /**
   * The page at `key`: the kept copy when there is one young enough (re-rendered in the
   * background when it is past its freshness), else the result of `render`, which is kept.
   * `render` resolving to undefined means "no such page": nothing is kept.
   */
  async get(key: string, render: Render): Promise<CachedPage | undefined> {
    if (!this.enabled) {
      const rendered = await render();
      this.counts.renders++;
      // Nothing is kept, so nothing is compressed ahead: bytes go out as they are.
      return rendered && new CachedPage(rendered, this.clock(), this.baseHeaders, false);
    }
    const served = this.peek(key);
    if (served) return served;
    const hit = this.entries.get(key);
    this.counts.misses++;
    const job = this.renderInto(key, render).catch((err: unknown) => {
      if (hit && this.staleOnError(err)) return hit.page;
      throw err;
    });
    if (!hit?.purged) return job;
    // Something the page shows changed and its new copy is rendering (usually a few ms): wait
    // for it, so a correction or a withdrawal shows at once, but never long; past that, the
    // previous copy.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<CachedPage>((resolve) => {
      timer = setTimeout(() => resolve(hit.page), this.purgeWaitMs);
    });
    return Promise.race([job, grace]).finally(() => clearTimeout(timer));
  }

  /**
   * The kept page at `key` if it may be served now, without rendering (what the fast path
   * answers from); starts a background re-render when the copy is past its freshness.
   */
  peek(key: string): CachedPage | undefined {
    const e = this.entries.get(key);
    if (!e || e.purged) return undefined;
    const now = this.clock();
    if (now >= e.freshUntil) {
      if (now - e.freshUntil > this.maxStaleMs) return undefined;
      this.counts.staleHits++;
      this.revalidate(e.key);
    } else {
      this.counts.hits++;
    }
    // Most recently used last: eviction takes from the front. A page read again within the
    // second keeps its place: moving it costs two map operations on every hit of a hot page, and
    // an order a second out of date evicts the same pages.
    if (now - e.lastHit >= LRU_MOVE_MS) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    e.lastHit = now;
    return e.page;
  }

  /**
   * Pages that show any of `tags` are out of date: those read lately are re-rendered in the
   * background (readers get the previous copy meanwhile), the others are dropped.
   */
  purge(tags: Iterable<string>): number {
    return this.touch(this.keysOf(tags));
  }

  /** Every page is out of date (site settings, the section tree): as purge(), for all. */
  purgeAll(): number {
    return this.touch([...this.entries.keys()]);
  }

  /** Drops the pages that show any of `tags` at once: their next request renders. */
  evict(tags: Iterable<string>): number {
    const keys = this.keysOf(tags);
    for (const key of keys) {
      this.remove(key);
      if (this.inflight.has(key)) this.discard.add(key);
    }
    return keys.length;
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.remove(key);
  }

  stats(): PageCacheStats {
    return { ...this.counts, entries: this.entries.size, bytes: this.bytes };
  }

  /** Resolves when no background re-render is queued or running (tests, and `publish`). */
  settled(): Promise<void> {
    if (this.running === 0 && this.queue.size === 0 && this.inflight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private keysOf(tags: Iterable<string>): string[] {
    const keys = new Set<string>();
    for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) keys.add(key);
    return [...keys];
  }

  private touch(keys: string[]): number {
    const now = this.clock();
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      if (now - e.lastHit <= this.freshMs) {
        e.freshUntil = Math.min(e.freshUntil, now);
        e.purged = true;
        // A render already running may have read the old data: a new one supersedes it.
        if (this.inflight.has(key)) void this.renderInto(key, e.render, true).catch(() => this.remove(key));
        else this.revalidate(key);
      } else {
        this.remove(key);
      }
    }
    return keys.length;
  }

  private revalidate(key: string): void {
    if (this.inflight.has(key) || this.queue.has(key)) return;
    this.queue.add(key);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.size) {
      const key: string = this.queue.values().next().value!;
      this.queue.delete(key);
      const e = this.entries.get(key);
      if (!e || this.inflight.has(key)) continue;
      this.running++;
      this.counts.revalidations++;
      this.renderInto(key, e.render).catch((err: unknown) => {
        // The database is down: keep serving the copy. Anything else (the page is gone, a bug):
        // drop it, so the next request renders and gets the real answer.
        if (!this.staleOnError(err)) this.remove(key);
      }).finally(() => {
        this.running--;
        this.pump();
        this.wakeIfIdle();
      });
    }
  }

  /** Renders and keeps the page; joins a render already running unless `supersede` (its result is then not kept). */
  private renderInto(key: string, render: Render, supersede = false): Promise<CachedPage | undefined> {
    const pending = this.inflight.get(key);
    if (pending && !supersede) return pending;
    const job: Promise<CachedPage | undefined> = render().then((rendered) => {
      this.counts.renders++;
      const current = this.inflight.get(key) === job;
      if (!rendered) {
        if (current) this.remove(key);
        return undefined;
      }
      const now = this.clock();
      // Most re-renders of a stale page give the same page (nothing it shows changed): the kept copy
      // then stays, already compressed, with the validators clients hold.
      const kept = this.entries.get(key);
      const page = kept?.page.sameAs(rendered) ? kept.page : new CachedPage(rendered, now, this.baseHeaders);
      if (!current || this.discard.delete(key)) return page;
      const freshUntil = now + this.freshMs * (1 - this.freshSpread * Math.random());
      if (page === kept?.page) Object.assign(kept, { render, freshUntil, purged: false });
      else this.store({ key, page, render, freshUntil, lastHit: kept?.lastHit ?? now, purged: false });
      return page;
    }).finally(() => {
      if (this.inflight.get(key) === job) this.inflight.delete(key);
      this.wakeIfIdle();
    });
    this.inflight.set(key, job);
    return job;
  }

  private store(e: Entry): void {
    this.remove(e.key);
    // A page bigger than the whole cache is served but not kept.
    if (e.page.size > this.maxBytes) return;
    this.entries.set(e.key, e);
    this.bytes += e.page.size;
    for (const tag of e.page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(e.key);
    }
    while (this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value!;
      this.remove(oldest);
      this.counts.evictions++;
    }
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.page.size;
    for (const tag of e.page.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  private wakeIfIdle(): void {
    if (this.running === 0 && this.queue.size === 0 && this.inflight.size === 0) {
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
