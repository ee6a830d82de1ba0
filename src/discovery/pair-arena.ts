import { metaNumber, takeSection, type SectionArray, type SectionParts } from './binary-sections.js';
import { grown } from './typed-arrays.js';

const MIN_PAIRS = 1024;

/**
 * Runs of (term id, value) pairs, one run per slot, in two large typed arrays.
 *
 * Why: at 200,000 articles two small typed arrays per article (a bag, a vector) are over a million heap
 * objects, and V8's full collections then pause for hundreds of milliseconds; two large arrays are
 * nothing to mark. A run is rewritten in place when the new one fits its reserved room (re-weighing
 * never makes a vector longer than its bag allows); otherwise it moves to the end, and the space it
 * leaves is reclaimed when the arrays are next full (live runs are copied in slot order).
 */
export class PairArena {
  terms = new Uint32Array(MIN_PAIRS);
  values = new Float32Array(MIN_PAIRS);
  /** Where each slot's run starts, and how many pairs it holds. */
  start = new Int32Array(64);
  length = new Int32Array(64);
  private room = new Int32Array(64);
  private end = 0;
  private reserved = 0;

  private ensureSlot(slot: number): void {
    if (slot < this.start.length) return;
    const n = Math.max(slot + 1, this.start.length * 2);
    this.start = grown(this.start, n);
    this.length = grown(this.length, n);
    this.room = grown(this.room, n);
  }

  /**
   * Stores `n` pairs for `slot` (from `terms`/`values` starting at `from`), keeping room for at least
   * `reserve` so later rewrites of up to that many pairs stay in place.
   */
  set(slot: number, terms: ArrayLike<number>, values: ArrayLike<number>, n: number, reserve = n, from = 0): void {
    this.ensureSlot(slot);
    const room = this.room[slot] as number;
    if (n > room || reserve > room) this.place(slot, Math.max(n, reserve));
    const at = this.start[slot] as number;
    for (let i = 0; i < n; i++) {
      this.terms[at + i] = terms[from + i] as number;
      this.values[at + i] = values[from + i] as number;
    }
    this.length[slot] = n;
  }

  /** Gives `slot` an empty run with room for `room` pairs (a vector that will be weighed later). */
  reserve(slot: number, room: number): void {
    this.ensureSlot(slot);
    if (room > (this.room[slot] as number)) this.place(slot, room);
    this.length[slot] = 0;
  }

  /** Forgets a slot's run; its space is reclaimed at the next compaction. */
  clear(slot: number): void {
    if (slot >= this.start.length) return;
    this.reserved -= this.room[slot] as number;
    this.room[slot] = 0;
    this.length[slot] = 0;
  }

  /** Views of one slot's run (they allocate: not for the hottest loops, which read the arrays directly). */
  termsOf(slot: number): Uint32Array {
    const at = this.start[slot] as number;
    return this.terms.subarray(at, at + (this.length[slot] as number));
  }

  valuesOf(slot: number): Float32Array {
    const at = this.start[slot] as number;
    return this.values.subarray(at, at + (this.length[slot] as number));
  }

  /** Gives `slot` a fresh run of `room` pairs at the end, compacting or growing the arrays when full. */
  private place(slot: number, room: number): void {
    this.reserved -= this.room[slot] as number;
    this.room[slot] = 0;
    this.length[slot] = 0;
    if (this.end + room > this.terms.length) this.compact(room);
    this.start[slot] = this.end;
    this.room[slot] = room;
    this.end += room;
    this.reserved += room;
  }

  /**
   * Copies live runs into arrays of exactly their size, dropping the room doubling left behind
   * (a bulk build grows the arrays by doubling; at 56k articles the bags held 17 MB of it). The
   * next run that needs room compacts again, with slack.
   */
  trim(): void {
    this.compact(0, 1);
  }

  /** Copies live runs, in slot order, into arrays with room for `factor` times what is live plus `extra`. */
  private compact(extra: number, factor = 2): void {
    const size = Math.max(MIN_PAIRS, factor * (this.reserved + extra));
    const terms = new Uint32Array(size);
    const values = new Float32Array(size);
    let at = 0;
    for (let slot = 0; slot < this.start.length; slot++) {
      const room = this.room[slot] as number;
      if (room === 0) continue;
      const from = this.start[slot] as number;
      const n = this.length[slot] as number;
      terms.set(this.terms.subarray(from, from + n), at);
      values.set(this.values.subarray(from, from + n), at);
      this.start[slot] = at;
      at += room;
    }
    this.terms = terms;
    this.values = values;
    this.end = at;
  }

  /** Puts the arena's arrays (the used part of the pairs) into `out` under `prefix`; returns its counters. */
  saveTo(prefix: string, out: Map<string, SectionArray | SectionParts>): { end: number; reserved: number } {
    out.set(`${prefix}.terms`, this.terms.subarray(0, this.end));
    out.set(`${prefix}.values`, this.values.subarray(0, this.end));
    out.set(`${prefix}.start`, this.start);
    out.set(`${prefix}.length`, this.length);
    out.set(`${prefix}.room`, this.room);
    return { end: this.end, reserved: this.reserved };
  }

  /** An arena as saveTo() left it; throws TypeError when the parts do not fit together. */
  static restore(prefix: string, sections: ReadonlyMap<string, SectionArray>, meta: unknown): PairArena {
    const a = new PairArena();
    a.terms = takeSection(sections, `${prefix}.terms`, Uint32Array);
    a.values = takeSection(sections, `${prefix}.values`, Float32Array);
    a.start = takeSection(sections, `${prefix}.start`, Int32Array);
    a.length = takeSection(sections, `${prefix}.length`, Int32Array);
    a.room = takeSection(sections, `${prefix}.room`, Int32Array);
    a.end = metaNumber(meta, 'end');
    a.reserved = metaNumber(meta, 'reserved');
    const slots = a.start.length;
    if (a.terms.length !== a.end || a.values.length !== a.end || a.length.length !== slots || a.room.length !== slots) {
      throw new TypeError(`invalid snapshot file: ${prefix} arrays differ in size`);
    }
    for (let s = 0; s < slots; s++) {
      const room = a.room[s] as number;
      if (room > 0 && ((a.start[s] as number) + room > a.end || (a.length[s] as number) > room)) throw new TypeError(`invalid snapshot file: ${prefix} run out of bounds`);
    }
    return a;
  }
}
