import { LruCache } from '../counters/lru-cache.js';
import type { RelatedService } from './related-service.js';

/** Lists kept at most (two per article read lately: its Related list and its single-seed similar list). */
const DEFAULT_ENTRIES = 50_000;
/**
 * How long a kept list is used. Lists change only when the index does (which drops the affected
 * ones at once); this bounds the slow drift of the freshness boost with time.
 */
const DEFAULT_TTL_MS = 60 * 60 * 1000;
/** Ids kept per list: a page's Related list and, past it, what Recommendation draws from. */
export const KEPT_DEPTH = 40;

interface Kept {
  ids: number[];
  at: number;
}

/**
 * The Related and single-article "similar" lists, computed once per article and kept until the
 * index changes them — what the legacy CMSs did at save time, kept correct incrementally: each
 * change to the index names the articles whose lists it may have changed (the changed article's
 * neighbours before and after the change), and exactly those lists are dropped.
 */
export class RelatedLists {
  private readonly kept: LruCache<string, Kept>;
  private readonly ttlMs: number;

  constructor(private readonly related: RelatedService, options: { entries?: number; ttlMs?: number } = {}) {
    this.kept = new LruCache(options.entries ?? DEFAULT_ENTRIES);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    related.onAffected((ids) => {
      for (const id of ids) {
        this.kept.delete(`r:${id}`);
        this.kept.delete(`s:${id}`);
      }
    });
  }

  /** Related ids of an article, best first (up to KEPT_DEPTH; callers take what they show). */
  relatedTo(articleId: number, k: number, now: number): number[] {
    return this.list(`r:${articleId}`, now, k, () => this.related.related(articleId, Math.max(k, KEPT_DEPTH), now));
  }

  /** Articles close to a set of reads; a single article (a new reader under it) is kept like its Related list. */
  similarTo(ids: readonly number[], k: number, exclude: ReadonlySet<number>, now: number): number[] {
    if (ids.length !== 1) return this.related.similarTo(ids, k, exclude, now);
    const list = this.list(`s:${ids[0]}`, now, k + exclude.size, () => this.related.similarTo(ids, Math.max(k + exclude.size, KEPT_DEPTH), new Set(), now));
    return list.filter((id) => !exclude.has(id)).slice(0, k);
  }

  private list(key: string, now: number, k: number, compute: () => number[]): number[] {
    const hit = this.kept.get(key);
    // A kept list answers when it is young and long enough for what is asked.
    if (hit && now - hit.at < this.ttlMs && now >= hit.at && (hit.ids.length >= k || hit.ids.length < KEPT_DEPTH)) return hit.ids.slice(0, k);
    const ids = compute();
    // Nothing is kept until the index is built (the lists are empty then).
    if (this.related.ready) this.kept.set(key, { ids, at: now });
    return ids.slice(0, k);
  }
}
