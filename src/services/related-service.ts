import { RelatedIndex } from '../discovery/related-index.js';
import type { DiscoveryDoc } from '../discovery/types.js';
import type { ArticleStore, ChangedArticle, IndexableArticle } from '../storage/ports.js';

const SYNC_BATCH = 2000;

function toDoc(a: IndexableArticle): DiscoveryDoc {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    tags: a.tags,
    categoryId: a.categoryId,
    ...(a.publishedAt !== null ? { publishedAt: a.publishedAt } : {}),
  };
}

/**
 * Keeps the Related index in step with the store. The index is built from the database at
 * start (fast enough that no snapshot is needed), then follows changes through a sync that
 * reads what was saved since the last one — by this process, another app process or a CLI
 * import alike — so a page request never waits for index work.
 */
export class RelatedService {
  private index: RelatedIndex | undefined;
  private building: Promise<void> | undefined;
  /** Where the sync resumes: the last (updated_at, id) applied, and the time of the last sync. */
  private cursor = { updatedAt: 0, id: 0 };
  private syncedAt = 0;
  private syncing: Promise<number> | undefined;

  constructor(private readonly articles: ArticleStore, private readonly clock: () => number) {}

  /** Builds the index in the background; resolves when it is ready. */
  start(): Promise<void> {
    this.building ??= (async () => {
      const startedAt = this.clock();
      const docs: DiscoveryDoc[] = [];
      for await (const a of this.articles.indexable(startedAt)) docs.push(toDoc(a));
      this.index = RelatedIndex.build(docs);
      // Replaying saves from just before the build started is harmless (upsert is idempotent)
      // and covers rows committed while the build was reading.
      this.cursor = { updatedAt: startedAt - 60_000, id: 0 };
      this.syncedAt = startedAt;
      await this.sync();
    })();
    return this.building;
  }

  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Applies every change since the last sync; returns how many articles it touched. */
  sync(): Promise<number> {
    if (!this.index) return Promise.resolve(0);
    this.syncing ??= this.applyChanges().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async applyChanges(): Promise<number> {
    const index = this.index!;
    const now = this.clock();
    const apply = (a: ChangedArticle) => (a.visible ? index.upsert(toDoc(a)) : index.remove(a.id));
    let touched = 0;
    for (;;) {
      const changed = await this.articles.changedSince(this.cursor, now, SYNC_BATCH);
      for (const a of changed) apply(a);
      touched += changed.length;
      const last = changed.at(-1);
      if (last) this.cursor = { updatedAt: last.updatedAt, id: last.id };
      if (changed.length < SYNC_BATCH) break;
    }
    // Scheduled articles go public when their time comes, without any save to notice.
    const scheduled = await this.articles.publishedBetween(this.syncedAt, now);
    for (const a of scheduled) apply(a);
    this.syncedAt = now;
    return touched + scheduled.length;
  }

  /** Related article ids, best first; empty until the index is built. */
  related(articleId: number, k: number, now: number, exclude?: ReadonlySet<number>): number[] {
    if (!this.index?.has(articleId)) return [];
    return this.index.related(articleId, k, { now, ...(exclude ? { exclude } : {}) });
  }

  /** Articles close to a set of reads (a reader's taste). */
  similarTo(ids: readonly number[], k: number, exclude: ReadonlySet<number>, now: number): number[] {
    if (!this.index) return [];
    const known = ids.filter((id) => this.index!.has(id));
    return known.length ? this.index.similarTo(known, k, { exclude, now }) : [];
  }
}
