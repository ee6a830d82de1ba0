import type { ArticleCard } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { ArticleStore } from '../storage/ports.js';

/** Newest cards kept: a page asks for 8 or 10 past a handful of exclusions. */
const DEFAULT_DEPTH = 64;
/**
 * How long a kept list answers without an event. Every change to an article is announced (a
 * scheduled one when its time comes too); this bounds a missed announcement and the view
 * counts the cards carry, as the card cache does.
 */
const DEFAULT_TTL_MS = 5_000;

/** What the lists' fallbacks read: the newest public articles other than some. */
export interface NewestSource {
  newest(now: number, limit: number, excludeIds?: readonly number[]): Promise<ArticleCard[]>;
}

/** Straight from the store, one query per call (tools and tests). */
export function newestFromStore(articles: Pick<ArticleStore, 'listPublic'>): NewestSource {
  return {
    newest: async (now, limit, excludeIds = []) => limit <= 0 ? [] : (await articles.listPublic({ now, excludeIds: [...excludeIds], limit, countTotal: false })).items,
  };
}

/**
 * The newest public articles, kept in memory. Every list falls back to them when its engine has
 * too few (a site with no counted views shows "Latest" as its Most read list on every page), and
 * reading them was one sorted query per page. Any article change drops the list at once; a call
 * that excludes more than the kept depth allows is answered by the store.
 */
export class NewestCards implements NewestSource {
  private kept: { cards: ArticleCard[]; at: number; complete: boolean } | undefined;
  private loading: Promise<{ cards: ArticleCard[]; at: number; complete: boolean }> | undefined;
  private generation = 0;
  private readonly depth: number;
  private readonly ttlMs: number;

  constructor(
    private readonly articles: Pick<ArticleStore, 'listPublic'>,
    changes: ChangeChannel,
    private readonly clock: () => number,
    options: { depth?: number; ttlMs?: number } = {},
  ) {
    this.depth = options.depth ?? DEFAULT_DEPTH;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    const drop = () => this.drop();
    changes.subscribe('article.saved', drop);
    changes.subscribe('article.withdrawn', drop);
  }

  /** Forgets the kept list (a load under way when this is called is not kept either). */
  drop(): void {
    this.generation++;
    this.kept = undefined;
    this.loading = undefined;
  }

  /** The `limit` newest public articles at `now` other than `excludeIds`, newest first. */
  async newest(now: number, limit: number, excludeIds: readonly number[] = []): Promise<ArticleCard[]> {
    if (limit <= 0) return [];
    const at = this.clock();
    // The kept list is of the present: a caller asking about another time reads the store.
    if (Math.abs(now - at) > this.ttlMs) return this.fromStore(now, limit, excludeIds);
    let list = this.kept && at - this.kept.at < this.ttlMs && at >= this.kept.at ? this.kept : undefined;
    list ??= await this.load();
    const skip = new Set(excludeIds);
    const out: ArticleCard[] = [];
    for (const card of list.cards) {
      // The caller's `now` may be a little before the list was read.
      if (card.publishedAt !== null && card.publishedAt > now) continue;
      if (skip.has(card.id)) continue;
      out.push(card);
      if (out.length === limit) return out;
    }
    // Every public article was kept, so none is missing; otherwise the exclusions ate the depth.
    return list.complete ? out : this.fromStore(now, limit, excludeIds);
  }

  private fromStore(now: number, limit: number, excludeIds: readonly number[]): Promise<ArticleCard[]> {
    return newestFromStore(this.articles).newest(now, limit, excludeIds);
  }

  private load(): Promise<{ cards: ArticleCard[]; at: number; complete: boolean }> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const at = this.clock();
    const loading = this.articles.listPublic({ now: at, limit: this.depth, countTotal: false }).then((page) => {
      const list = { cards: page.items, at, complete: page.items.length < this.depth };
      // A change announced while the query ran may not be in its rows: used once, not kept.
      if (generation === this.generation) this.kept = list;
      if (this.loading === loading) this.loading = undefined;
      return list;
    }, (err: unknown) => {
      if (this.loading === loading) this.loading = undefined;
      throw err;
    });
    this.loading = loading;
    return loading;
  }
}
