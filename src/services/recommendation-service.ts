import { CoVisitation } from '../discovery/co-visitation.js';
import { appendRead, DEFAULT_HISTORY_LENGTH } from '../discovery/reading-history.js';
import { recommend } from '../discovery/recommend.js';
import type { EditorPick } from '../discovery/editor-picks.js';
import type { ChangeChannel } from '../events/change-channel.js';
import { randomBytes } from 'node:crypto';
import type { BackgroundTask } from '../lifecycle/lifecycle.js';
import type { ArticleStore, ReadStore } from '../storage/ports.js';

const DAY_MS = 86_400_000;
// At peak a 2 s batch holds tens of thousands of reads. On SQLite a write runs on the event loop,
// so one transaction for all of them stalled every request for 100+ ms; chunks of this many reads,
// with a turn of the event loop between them, stall it for a few milliseconds at a time.
const WRITE_CHUNK = 1000;

export interface RecommendationServiceOptions {
  /** Reads kept per reader (default 50). */
  historyLength?: number;
  /** Readers whose history is kept in memory; the least recently seen are dropped first. */
  maxReaders?: number;
  /** Reads older than this are forgotten (default 30 days). */
  retentionMs?: number;
  /** How often buffered reads are written (default 2 s). */
  flushMs?: number;
  /** Where counted views are heard (`view.counted`) and editor-pick changes noticed. */
  changes?: ChangeChannel;
  /**
   * Other processes serve the same site (the channel crosses processes through Redis): each
   * process tells the others the reads it learned (`reads.learned`, batched every
   * `shareMs`, default 20 ms) and learns theirs, so a reader's history is the same whichever
   * process answers them.
   */
  shareReads?: boolean;
  shareMs?: number;
}

/**
 * "Readers also read" and the reader's own taste. Each counted view extends that reader's
 * anonymous history (a keyed hash, never a cookie value or address) and feeds co-visitation;
 * reads are written in batches and replayed at start so restarts keep what readers taught.
 */
export class RecommendationService implements BackgroundTask {
  readonly name = 'reading histories';
  private readonly covis = new CoVisitation();
  private readonly histories = new Map<string, number[]>();
  private pending: { reader: string; articleId: number; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private picks: { at: number; list: EditorPick[] } | undefined;
  private readonly historyLength: number;
  private readonly maxReaders: number;
  private readonly retentionMs: number;
  /** This instance, so it can skip its own `reads.learned` when the channel hands them back. */
  private readonly origin = randomBytes(8).toString('hex');
  /** Reads learned here and not yet told to the other processes. */
  private outbox: { reader: string; articleId: number; at: number }[] = [];
  private shareTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly reads: ReadStore,
    private readonly articles: ArticleStore,
    private readonly clock: () => number,
    private readonly options: RecommendationServiceOptions = {},
  ) {
    this.historyLength = options.historyLength ?? DEFAULT_HISTORY_LENGTH;
    this.maxReaders = options.maxReaders ?? 200_000;
    this.retentionMs = options.retentionMs ?? 30 * DAY_MS;
    options.changes?.subscribe('view.counted', (v) => this.recordRead(v.reader, v.articleId, v.at));
    // Another process's reads: learned (history and co-visitation), not written (that process writes them).
    if (options.shareReads) {
      options.changes?.subscribe('reads.learned', (batch) => {
        if (batch.origin === this.origin) return;
        for (const r of batch.reads) this.learn(r.reader, r.articleId);
      });
    }
    // A save may set or clear the editor's "recommended" flag.
    options.changes?.subscribe('article.saved', () => {
      this.picks = undefined;
    });
  }

  /** Replays stored reads into co-visitation and histories, then starts the write-behind timer. */
  async start(): Promise<void> {
    const now = this.clock();
    await this.reads.prune(now - this.retentionMs, this.historyLength);
    for await (const r of this.reads.since(now - this.retentionMs)) this.learn(r.reader, r.articleId);
    this.timer = setInterval(() => void this.flush().catch(() => {}), this.options.flushMs ?? 2000);
    this.timer.unref();
  }

  /** Records one counted view. */
  recordRead(reader: string, articleId: number, at: number): void {
    if (!this.learn(reader, articleId)) return;
    const read = { reader, articleId, at };
    this.pending.push(read);
    if (this.options.shareReads && this.options.changes) {
      this.outbox.push(read);
      // One message per few milliseconds rather than one per view.
      this.shareTimer ??= setTimeout(() => this.share(), this.options.shareMs ?? 20);
    }
  }

  private share(): void {
    this.shareTimer = undefined;
    if (!this.outbox.length) return;
    const reads = this.outbox;
    this.outbox = [];
    this.options.changes?.publish('reads.learned', { origin: this.origin, reads });
  }

  private learn(reader: string, articleId: number): boolean {
    const history = this.histories.get(reader) ?? [];
    const fresh = this.covis.recordRead(history, articleId);
    // Re-inserting keeps the Map in least-recently-seen order for eviction.
    this.histories.delete(reader);
    this.histories.set(reader, appendRead(history, articleId, this.historyLength));
    if (this.histories.size > this.maxReaders) this.histories.delete(this.histories.keys().next().value!);
    return fresh;
  }

  /** This reader's recent reads, newest last. */
  history(reader: string | undefined): readonly number[] {
    return reader ? this.histories.get(reader) ?? [] : [];
  }

  /** Editor picks, cached briefly: every page asks for them. */
  private async editorPicks(now: number): Promise<EditorPick[]> {
    if (!this.picks || now - this.picks.at > 10_000) {
      const cards = await this.articles.recommended(now, 32);
      this.picks = { at: now, list: cards.map((c) => ({ articleId: c.id })) };
    }
    return this.picks.list;
  }

  /** Recommended ids for one page view, best first. */
  async recommend(input: {
    currentId: number;
    reader: string | undefined;
    k: number;
    now: number;
    exclude: ReadonlySet<number>;
    similarTo: (ids: readonly number[], k: number, exclude: ReadonlySet<number>) => number[];
    fallback: readonly number[];
  }): Promise<number[]> {
    return recommend({
      currentId: input.currentId,
      k: input.k,
      editorPicks: await this.editorPicks(input.now),
      nowMs: input.now,
      history: this.history(input.reader),
      exclude: input.exclude,
      coVisitation: this.covis,
      similarTo: input.similarTo,
      fallback: input.fallback,
    });
  }

  /** Writes buffered reads; one write runs at a time (a call during one waits, then writes what is left). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.pending.length) return;
    this.flushing = this.writePending().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    for (let i = 0; i < batch.length; i += WRITE_CHUNK) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        await this.reads.append(batch.slice(i, i + WRITE_CHUNK));
      } catch (err) {
        // What was not written is kept, oldest first, for the next flush.
        this.pending = batch.slice(i).concat(this.pending);
        throw err;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.shareTimer) clearTimeout(this.shareTimer);
    this.share();
    await this.flush();
  }
}
