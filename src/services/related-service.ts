import { RelatedIndex } from '../discovery/related-index.js';
import type { DiscoveryDoc } from '../discovery/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { ArticleChange } from '../events/change-events.js';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleStore, IndexableArticle } from '../storage/ports.js';
import { withSnapshotFile, writeSnapshotFile } from './snapshot-file.js';

/** Articles read from the store per query when applying changes. */
const APPLY_BATCH = 500;
/** Wait before retrying changes the store failed to read. */
const RETRY_MS = 1000;
/** Articles analysed between two turns of the event loop while the index builds (pages keep answering). */
const BUILD_STEP = 250;
/** Rows per query when reading what changed since a snapshot. */
const CHANGES_PAGE = 5000;
/**
 * How far before the snapshot's own time its watermark is set: a change committed by another
 * process (whose clock may differ, and whose change this one may hear late) is re-read at the next
 * start rather than lost. The store watcher's trailing window has the same reason and size.
 */
const WATERMARK_MARGIN_MS = 60_000;
/** The first snapshot after a build from the store waits this long (the start is busy enough). */
const FIRST_WRITE_MS = 60_000;

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

/** What a snapshot file records beside the index: which site, and up to when it had every change. */
export interface RelatedWatermark {
  siteId: string;
  /** Every article change saved before this time (store clock, ms) is in the snapshot. */
  syncedThrough: number;
  articles: number;
}

function isWatermark(w: unknown): w is RelatedWatermark {
  const m = w as Partial<RelatedWatermark> | null;
  return !!m && typeof m.siteId === 'string' && Number.isFinite(m.syncedThrough) && Number.isSafeInteger(m.articles);
}

export interface RelatedSnapshotOptions {
  /** The snapshot file (see docs/related.md, "Snapshot file"). */
  path: string;
  /** The site's id: a snapshot of another site (a copied data folder) is ignored. */
  siteId: string;
  /** How often a changed index is written (default 10 minutes). */
  everyMs?: number;
}

export interface RelatedServiceOptions {
  snapshot?: RelatedSnapshotOptions | undefined;
  /** One line about loading and writing the snapshot (the app's info log). */
  log?: (message: string) => void;
}

/**
 * Keeps the Related index in step with the store. At start the index is restored from its
 * snapshot file when there is a sound one (then only the articles changed since its watermark,
 * and those that appeared or left, are read back); otherwise it is built from the database,
 * yielding to requests as it goes. Then it follows the change channel: each changed article is
 * read back from the store (in batches, off the request path) and upserted, or removed when it is
 * no longer public. Changes heard while the index loads wait and are applied after it. A changed
 * index is written to the snapshot file every few minutes and on stop.
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
  // When the oldest change heard and not yet applied was heard (undefined: none outstanding).
  private unsyncedSince: number | undefined;
  // True when the index holds something its snapshot file does not.
  private dirty = false;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (message: string) => void;
  private source: 'snapshot' | 'store' | undefined;

  constructor(
    private readonly articles: ArticleStore,
    changes: ChangeChannel,
    private readonly clock: () => number,
    private readonly onError: (err: unknown) => void = (err) => console.error(err),
    private readonly options: RelatedServiceOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    const changed = (c: ArticleChange) => this.changed(c.id);
    changes.subscribe('article.saved', changed);
    changes.subscribe('article.withdrawn', changed);
  }

  /** Restores or builds the index; resolves when it is ready. */
  start(): Promise<void> {
    this.building ??= (async () => {
      const startedAt = this.clock();
      const restored = await this.restore(startedAt);
      if (!restored) {
        await this.build(startedAt);
        this.dirty = true;
      }
      this.source = restored ? 'snapshot' : 'store';
      if (this.stopped) return;
      this.schedule(restored ? this.snapshotEveryMs : Math.min(FIRST_WRITE_MS, this.snapshotEveryMs));
      await this.applyPending();
    })();
    return this.building;
  }

  /** Writes the snapshot when the index changed since the last one; waits for a write under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.writing;
    if (this.index && this.dirty) await this.writeSnapshot().catch(this.onError);
  }

  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Where the index came from at start: its snapshot file, or a build from the store (undefined while loading). */
  get loadedFrom(): 'snapshot' | 'store' | undefined {
    return this.source;
  }

  /** True when the article is in the index. */
  has(articleId: number): boolean {
    return this.index?.has(articleId) ?? false;
  }

  private get snapshotEveryMs(): number {
    return this.options.snapshot?.everyMs ?? 600_000;
  }

  private async build(startedAt: number): Promise<void> {
    const builder = RelatedIndex.builder();
    let n = 0;
    for await (const a of this.articles.indexable(startedAt)) {
      builder.add(toDoc(a));
      if (++n % BUILD_STEP === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
    }
    // Weighing, posting and learning the latent space, in steps: pages keep answering meanwhile.
    const steps = builder.finishInSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        this.index = step.value;
        return;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
    }
  }

  /** Loads the snapshot and notes what changed since it; false (with one log line) when there is none fit to use. */
  private async restore(now: number): Promise<boolean> {
    const snapshot = this.options.snapshot;
    if (!snapshot) return false;
    let loaded: { index: RelatedIndex; watermark: unknown } | undefined;
    try {
      loaded = withSnapshotFile(snapshot.path, (source) => RelatedIndex.fromBinarySnapshot(source));
    } catch (err) {
      const why = err instanceof TypeError ? (err.message.replace(/^invalid snapshot file: /, '')) : `cannot read it: ${(err as Error).message}`;
      this.log(`related index: snapshot ${snapshot.path} ignored (${why}); building from the store`);
      return false;
    }
    if (!loaded) {
      this.log(`related index: no snapshot at ${snapshot.path} yet; building from the store`);
      return false;
    }
    const { index: restored, watermark } = loaded;
    const refused = !isWatermark(watermark) ? 'it has no watermark'
      : watermark.siteId !== snapshot.siteId ? 'it belongs to another site'
        : watermark.articles !== restored.size ? 'its article count does not match its index' : undefined;
    if (refused || !isWatermark(watermark)) {
      this.log(`related index: snapshot ${snapshot.path} ignored (${refused}); building from the store`);
      return false;
    }
    // Edited, unpublished or deleted since the watermark: read back like any change.
    const changed = await this.changedSince(watermark.syncedThrough);
    // Appeared without an edit (a scheduled time passed while no server ran) or gone without a trace.
    const publicIds = await this.articles.publicIds(now);
    const inStore = new Set(publicIds);
    for (const id of publicIds) if (!restored.has(id)) changed.add(id);
    for (const id of restored.ids()) if (!inStore.has(id)) changed.add(id);
    for (const id of changed) this.note(id, now);
    this.index = restored;
    this.log(`related index: restored ${restored.size} articles from ${snapshot.path}; ${changed.size} to read back from the store`);
    return true;
  }

  private async changedSince(since: number): Promise<Set<number>> {
    const ids = new Set<number>();
    let from = since;
    let limit = CHANGES_PAGE;
    for (;;) {
      const rows = await this.articles.changesSince(from, limit);
      for (const r of rows) ids.add(r.id);
      if (rows.length < limit) return ids;
      const last = rows[rows.length - 1]!.updatedAt;
      // A page of one millisecond only: read that millisecond whole with a larger page.
      if (last === from) limit *= 2;
      else from = last;
    }
  }

  private note(id: number, now: number): void {
    this.unsyncedSince ??= now;
    this.pending.add(id);
  }

  /** Notes a changed article; the index applies it shortly, together with others changed meanwhile. */
  changed(id: number): void {
    this.note(id, this.clock());
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
      if (this.pending.size === 0) this.unsyncedSince = undefined;
      // Changes heard while this batch was applied.
      else if (!this.stopped) this.changed(this.pending.values().next().value!);
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
      this.dirty = true;
    }
    return touched;
  }

  /** Hears, after each change applied to the index, the articles whose Related lists it may have changed. */
  onAffected(listener: (ids: readonly number[]) => void): void {
    this.affectedListeners.push(listener);
  }

  private schedule(ms: number): void {
    if (!this.options.snapshot || this.stopped) return;
    this.timer = setTimeout(() => {
      if (this.dirty) this.writing = this.writeSnapshot().catch(this.onError).finally(() => (this.writing = undefined));
      this.schedule(this.snapshotEveryMs);
    }, ms);
    this.timer.unref();
  }

  /**
   * Writes the index to its snapshot file (atomically). Changes heard and not yet applied are
   * applied first; the watermark stays before any that are still outstanding.
   */
  async writeSnapshot(): Promise<void> {
    const snapshot = this.options.snapshot;
    if (!snapshot || !this.index) return;
    await this.applyPending().catch(() => {});
    const now = this.clock();
    const index = this.index;
    const watermark: RelatedWatermark = {
      siteId: snapshot.siteId,
      syncedThrough: Math.min(now, this.unsyncedSince ?? now) - WATERMARK_MARGIN_MS,
      articles: index.size,
    };
    // Written in one synchronous step: no change can land between the watermark and the bytes.
    this.dirty = false;
    let bytes: number;
    try {
      bytes = await writeSnapshotFile(snapshot.path, (write) => index.writeBinarySnapshot(watermark, write));
    } catch (err) {
      this.dirty = true;
      throw new Error(`related index: cannot write ${snapshot.path}: ${(err as Error).message}`);
    }
    this.log(`related index: wrote ${index.size} articles (${(bytes / 1e6).toFixed(1)} MB) to ${snapshot.path}`);
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
