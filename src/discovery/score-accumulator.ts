import type { ImpactPostings } from './impact-postings.js';
import { TopK } from './top-k.js';
import type { SparseVector } from './weigh.js';

/** Slots with their scores, best first. */
export interface RankedSlots {
  slots: number[];
  scores: number[];
}

// A blocked slot holds this: it never passes a floor and, not being 0, is never recorded as touched.
const BLOCKED = -1e30;

/**
 * Term-at-a-time scoring over impact-ordered postings. Scores live in one Float32Array indexed by slot;
 * the slots touched are remembered so that reading and resetting cost what the query touched, not N.
 * Reused by every query (the engine is single-threaded).
 */
export class ScoreAccumulator {
  private acc = new Float32Array(0);
  private touched = new Int32Array(0);
  private count = 0;

  /** Makes room for `slots` slots. */
  ensure(slots: number): void {
    if (this.acc.length < slots) {
      const cap = Math.max(1024, slots * 2);
      this.acc = new Float32Array(cap);
      this.touched = new Int32Array(cap);
    }
  }

  /** Keeps a slot (the query itself) out of every ranking until unblock(). */
  block(slot: number): void {
    this.acc[slot] = BLOCKED;
  }

  unblock(slot: number): void {
    this.acc[slot] = 0;
  }

  /**
   * Adds the query's first `maxTerms` terms (vectors are heaviest first), visiting the highest-impact
   * postings of each. One budget of `depth` postings per term is shared in proportion to query weight:
   * what a short list leaves unused flows to the terms after it. Terms in `skip` were added before.
   * Returns the term ids it used.
   */
  add(
    q: SparseVector,
    postings: readonly (ImpactPostings | undefined)[],
    maxTerms: number,
    depth: number,
    skip: ReadonlySet<number> | null,
  ): Set<number> {
    const acc = this.acc;
    const touched = this.touched;
    let count = this.count;
    const used = new Set<number>();
    const strongest = Math.min(q.ids.length, maxTerms);
    let budget = 0;
    let weightLeft = 0;
    for (let i = 0; i < strongest; i++) {
      if (skip?.has(q.ids[i] as number)) continue;
      budget += depth;
      weightLeft += q.weights[i] as number;
    }
    for (let i = 0; i < strongest; i++) {
      const t = q.ids[i] as number;
      if (skip?.has(t)) continue;
      used.add(t);
      const qw = q.weights[i] as number;
      const share = weightLeft > 0 ? Math.ceil((budget * qw) / weightLeft) : budget;
      weightLeft -= qw;
      const list = postings[t];
      if (!list || list.length === 0) continue;
      const n = Math.min(list.length, share);
      budget -= n;
      const slots = list.slots;
      const weights = list.weights;
      for (let j = 0; j < n; j++) {
        const s = slots[j] as number;
        if (acc[s] === 0) touched[count++] = s;
        acc[s] = (acc[s] as number) + qw * (weights[j] as number);
      }
    }
    this.count = count;
    return used;
  }

  /** The best `limit` slots accumulated so far (blocked ones never qualify). */
  best(limit: number): RankedSlots {
    return this.collect(limit, false);
  }

  /**
   * best() and reset() in one pass: reading a touched score and clearing it is one random access
   * into an accumulator as large as the index, where two passes would be two.
   */
  bestAndReset(limit: number): RankedSlots {
    return this.collect(limit, true);
  }

  private collect(limit: number, clear: boolean): RankedSlots {
    const top = new TopK(limit);
    const acc = this.acc;
    const touched = this.touched;
    let floor = -Infinity;
    for (let i = 0; i < this.count; i++) {
      const s = touched[i] as number;
      const score = acc[s] as number;
      if (clear) acc[s] = 0;
      // Most touched slots share one weak term: reject them before the heap is involved.
      if (score < floor || score < 0) continue;
      top.push(s, score);
      if (top.length === limit) floor = top.floor;
    }
    if (clear) this.count = 0;
    return top.drain();
  }

  /** Clears every touched score (blocked slots stay blocked). */
  reset(): void {
    for (let i = 0; i < this.count; i++) this.acc[this.touched[i] as number] = 0;
    this.count = 0;
  }
}
