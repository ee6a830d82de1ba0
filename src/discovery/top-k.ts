/** Keeps the `capacity` best (score, then lower slot) entries seen, in a binary min-heap over typed arrays. */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.slots = new Int32Array(Math.max(1, capacity));
    this.scores = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** Score of the weakest entry kept (meaningful once full). */
  get floor(): number {
    return this.size === 0 ? -Infinity : (this.scores[0] as number);
  }

  /** True when entry a ranks below entry b (lower score, or same score and higher slot). */
  private worse(sa: number, pa: number, sb: number, pb: number): boolean {
    return sa < sb || (sa === sb && pa > pb);
  }

  private siftDown(i: number, slot: number, score: number): void {
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.worse(this.scores[r] as number, this.slots[r] as number, this.scores[l] as number, this.slots[l] as number)) c = r;
      if (!this.worse(this.scores[c] as number, this.slots[c] as number, score, slot)) break;
      this.scores[i] = this.scores[c] as number;
      this.slots[i] = this.slots[c] as number;
      i = c;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  push(slot: number, score: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, slot, this.scores[parent] as number, this.slots[parent] as number)) break;
        this.scores[i] = this.scores[parent] as number;
        this.slots[i] = this.slots[parent] as number;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (!this.worse(this.scores[0] as number, this.slots[0] as number, score, slot)) return;
    this.siftDown(0, slot, score);
  }

  /** Slots and scores sorted best first; leaves the heap empty. */
  drain(): { slots: number[]; scores: number[] } {
    const n = this.size;
    const slots = new Array<number>(n);
    const scores = new Array<number>(n);
    for (let k = n - 1; k >= 0; k--) {
      slots[k] = this.slots[0] as number;
      scores[k] = this.scores[0] as number;
      const lastSlot = this.slots[this.size - 1] as number;
      const lastScore = this.scores[this.size - 1] as number;
      this.size--;
      if (this.size > 0) this.siftDown(0, lastSlot, lastScore);
    }
    return { slots, scores };
  }
}
