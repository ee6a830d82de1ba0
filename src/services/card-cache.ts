import { isPublic, type ArticleCard, type ArticleStatus } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import { LruCache } from '../counters/lru-cache.js';

/** What the card lists read: cards of public articles by id, in the order asked. */
export interface CardSource {
  cardsByIds(ids: readonly number[], now: number): Promise<ArticleCard[]>;
}

interface KeptCard {
  card: ArticleCard;
  status: ArticleStatus;
  at: number;
}

/** Cards kept at most: every article a busy site's lists show, several times over. */
const DEFAULT_ENTRIES = 100_000;
/** Cards carry a view count; a minute is as stale as the pages that show them may be. */
const DEFAULT_TTL_MS = 60_000;

/**
 * Article cards by id, kept in memory: every article page lists about 26 of them (Related,
 * Ranking, Recommendation) and the same cards recur across pages. A change to an article drops
 * its card at once (through the change channel); visibility is decided at each read, so a
 * scheduled article appears when its time comes.
 */
export class CardCache implements CardSource {
  private readonly kept: LruCache<number, KeptCard>;
  private readonly ttlMs: number;

  constructor(
    private readonly rows: (ids: readonly number[]) => Promise<{ card: ArticleCard; status: ArticleStatus }[]>,
    changes: ChangeChannel,
    private readonly clock: () => number,
    options: { entries?: number; ttlMs?: number } = {},
  ) {
    this.kept = new LruCache(options.entries ?? DEFAULT_ENTRIES);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    const drop = ({ id }: { id: number }) => this.kept.delete(id);
    changes.subscribe('article.saved', drop);
    changes.subscribe('article.withdrawn', drop);
  }

  async cardsByIds(ids: readonly number[], now: number): Promise<ArticleCard[]> {
    if (!ids.length) return [];
    const at = this.clock();
    const missing = ids.filter((id) => {
      const k = this.kept.get(id);
      return !k || at - k.at >= this.ttlMs;
    });
    if (missing.length) for (const r of await this.rows(missing)) this.kept.set(r.card.id, { ...r, at });
    return ids.flatMap((id) => {
      const k = this.kept.get(id);
      if (!k) return [];
      return isPublic({ status: k.status, publishedAt: k.card.publishedAt }, now) ? [k.card] : [];
    });
  }
}
