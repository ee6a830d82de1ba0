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
  /** The card's, beside its status: isPublic reads both from this record. */
  publishedAt: number | null;
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
    const found: (KeptCard | undefined)[] = new Array(ids.length);
    let missing: number[] | undefined;
    for (let i = 0; i < ids.length; i++) {
      const k = this.kept.get(ids[i]!);
      if (k && at - k.at < this.ttlMs) found[i] = k;
      else (missing ??= []).push(ids[i]!);
    }
    if (missing) {
      const read = new Map<number, KeptCard>();
      for (const r of await this.rows(missing)) {
        const k: KeptCard = { card: r.card, status: r.status, publishedAt: r.card.publishedAt, at };
        this.kept.set(r.card.id, k);
        read.set(r.card.id, k);
      }
      for (let i = 0; i < ids.length; i++) found[i] ??= read.get(ids[i]!);
    }
    const out: ArticleCard[] = [];
    for (const k of found) if (k && isPublic(k, now)) out.push(k.card);
    return out;
  }
}
