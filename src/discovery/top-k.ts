/** Keeps the `capacity` highest-scoring slots seen, in a binary min-heap over typed arrays. */
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

  /** Lowest score currently kept, or -Infinity while not full. */
  get floor(): number {
    return this.size < this.capacity ? -Infinity : (this.scores[0] as number);
  }

  clear(): void {
    this.size = 0;
  }

  push(slot: number, score: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.scores[parent] as number) <= score) break;
        this.scores[i] = this.scores[parent] as number;
        this.slots[i] = this.slots[parent] as number;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (this.scores[r] as number) < (this.scores[l] as number) ? r : l;
      if ((this.scores[c] as number) >= score) break;
      this.scores[i] = this.scores[c] as number;
      this.slots[i] = this.slots[c] as number;
      i = c;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  /** Slots and scores sorted best first (ties by slot); leaves the heap empty. */
  drain(): { slots: number[]; scores: number[] } {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort(
      (a, b) =>
        (this.scores[b] as number) - (this.scores[a] as number) || (this.slots[a] as number) - (this.slots[b] as number),
    );
    const slots = order.map((i) => this.slots[i] as number);
    const scores = order.map((i) => this.scores[i] as number);
    this.size = 0;
    return { slots, scores };
  }
}
