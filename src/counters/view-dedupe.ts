import type { ViewDedupe } from '../storage/ports.js';
import { keyHasher } from './key-hash.js';

export type { ViewDedupe };

export interface MemoryViewDedupeOptions {
  /** Most entries held at once; about 60 bytes each (default 1,000,000 ≈ 60 MB). */
  capacity?: number;
  /** Seed for the key hash (tests pin it). */
  seed?: number;
}

const SWEEP_BATCH = 256;

/**
 * In-process dedupe: a Map from a 53-bit hash of reader+article to the time the view counted.
 * A Map iterates in insertion order and an entry is (re)inserted only when it counts, so the
 * oldest entries are always at the head: expiry pops from the head, a little on every call,
 * and costs O(1) amortised. When the Map is full the oldest entry leaves early (that reader
 * could count again before the window ends); `evictedEarly` tells how often that happened,
 * which says the capacity is too small for the traffic.
 */
export class MemoryViewDedupe implements ViewDedupe {
  private readonly entries = new Map<number, number>();
  private readonly capacity: number;
  private readonly hash: (key: string, salt?: number) => number;
  /** Entries dropped before their window ended because the map was full. */
  evictedEarly = 0;

  constructor(options: MemoryViewDedupeOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 1_000_000));
    this.hash = keyHasher(options.seed);
  }

  get size(): number {
    return this.entries.size;
  }

  claim(reader: string, articleId: number, now: number, windowMs: number, alias?: string): boolean {
    this.sweep(now, windowMs);
    const h = this.hash(reader, articleId);
    const at = this.entries.get(h);
    const counts = at === undefined || now - at >= windowMs;
    if (counts) this.remember(h, now, windowMs);
    if (alias !== undefined) this.remember(this.hash(alias, articleId), now, windowMs);
    return counts;
  }

  clear(): void {
    this.entries.clear();
  }

  private remember(h: number, now: number, windowMs: number): void {
    // Delete first so the entry moves to the tail and the Map stays ordered by time.
    this.entries.delete(h);
    while (this.entries.size >= this.capacity) {
      const [oldest, at] = this.entries.entries().next().value as [number, number];
      this.entries.delete(oldest);
      if (now - at < windowMs) this.evictedEarly++;
    }
    this.entries.set(h, now);
  }

  /** Drops up to a batch of expired entries from the head, so no single call pays for a long backlog. */
  private sweep(now: number, windowMs: number): void {
    let n = 0;
    for (const [h, at] of this.entries) {
      if (now - at < windowMs || n++ >= SWEEP_BATCH) return;
      this.entries.delete(h);
    }
  }
}
