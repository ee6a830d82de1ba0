import { RelatedIndex } from '../discovery/related-index.js';
import type { DiscoveryDoc } from '../discovery/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { ArticleChange } from '../events/change-events.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleStore, IndexableArticle } from '../storage/ports.js';

/** Articles read from the store per query when applying changes. */
const APPLY_BATCH = 500;
/** Wait before retrying changes the store failed to read. */
const RETRY_MS = 1000;

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
 * start, then follows the change channel: each changed article is read back from the store
 * (in batches, off the request path) and upserted, or removed when it is no longer public.
 * Changes heard while the index builds wait and are applied after it.
 */
export class RelatedService implements BackgroundTask {
  readonly name = 'related index';
  private index: RelatedIndex | undefined;
  private building: Promise<void> | undefined;
  private readonly pending = new Set<number>();
  private applying: Promise<number> | undefined;
  private drainQueued = false;
  private stopped = false;
  private readonly affectedListeners: ((ids: readonly number[]) => void)[] = [];

  constructor(
    private readonly articles: ArticleStore,
    changes: ChangeChannel,
    private readonly clock: () => number,
    private readonly onError: (err: unknown) => void = (err) => console.error(err),
  ) {
    const changed = (c: ArticleChange) => this.changed(c.id);
    changes.subscribe('article.saved', changed);
    changes.subscribe('article.withdrawn', changed);
  }

  /** Builds the index; resolves when it is ready. */
  start(): Promise<void> {
    this.building ??= (async () => {
      const startedAt = this.clock();
      const docs: DiscoveryDoc[] = [];
      for await (const a of this.articles.indexable(startedAt)) docs.push(toDoc(a));
      this.index = RelatedIndex.build(docs);
      await this.applyPending();
    })();
    return this.building;
  }

  stop(): void {
    this.stopped = true;
  }

  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Notes a changed article; the index applies it shortly, together with others changed meanwhile. */
  changed(id: number): void {
    this.pending.add(id);
    if (!this.index || this.drainQueued || this.stopped) return;
    this.drainQueued = true;
    setImmediate(() => {
      this.drainQueued = false;
      this.applyPending().catch(this.onError);
    });
  }

  /** Applies every noted change; resolves with how many articles it touched (tests and tools await it). */
  applyPending(): Promise<number> {
    if (!this.index) return Promise.resolve(0);
    this.applying ??= this.apply().then((touched) => {
      this.applying = undefined;
      // Changes heard while this batch was applied.
      if (this.pending.size && !this.stopped) this.changed(this.pending.values().next().value!);
      return touched;
    }, (err: unknown) => {
      this.applying = undefined;
      // The store failed (a lost connection): try again in a while, not in a tight loop.
      if (!this.stopped) setTimeout(() => this.applyPending().catch(this.onError), RETRY_MS).unref();
      throw err;
    });
    return this.applying;
  }

  private async apply(): Promise<number> {
    const index = this.index!;
    let touched = 0;
    while (this.pending.size) {
      const ids = [...this.pending].slice(0, APPLY_BATCH);
      for (const id of ids) this.pending.delete(id);
      const now = this.clock();
      const rows = await this.articles.changedByIds(ids, now).catch((err: unknown) => {
        // Keep them for the next change (or the watcher's next pass) rather than lose them.
        for (const id of ids) this.pending.add(id);
        throw err;
      });
      const found = new Set<number>();
      const affected: number[] = [];
      for (const a of rows) {
        found.add(a.id);
        affected.push(...(a.visible ? index.upsert(toDoc(a)) : index.remove(a.id)));
      }
      for (const id of ids) if (!found.has(id)) affected.push(...index.remove(id));
      for (const listener of this.affectedListeners) listener(affected);
      touched += ids.length;
    }
    return touched;
  }

  /** Hears, after each change applied to the index, the articles whose Related lists it may have changed. */
  onAffected(listener: (ids: readonly number[]) => void): void {
    this.affectedListeners.push(listener);
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
