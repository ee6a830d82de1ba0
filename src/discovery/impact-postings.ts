import { keyId, keyWeight, weightIdKey } from './weight-id-key.js';

const f32 = new Float32Array(1);
const SLOT_BITS = 2 ** 21;
// Sort keys of the list being sorted (single-threaded use).
let sortKeys = new Float64Array(1024);

// Most terms have a handful of postings: sorted in place without a view and a native call per list.
const SMALL_SORT = 16;

/** Sorts keys[0, n) ascending (keys are distinct: they pack distinct slots). */
function insertionSort(keys: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const key = keys[i] as number;
    let j = i - 1;
    while (j >= 0 && (keys[j] as number) > key) {
      keys[j + 1] = keys[j] as number;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Postings of one term ordered by weight, highest first, so a query can stop after the top few. */
export class ImpactPostings {
  slots: Int32Array;
  weights: Float32Array;
  length = 0;

  /**
   * An empty list with room for `capacity` postings. A bulk load passes `slots` and `weights`: views
   * into one large buffer shared by every list, so a build does not allocate two arrays per term. A
   * list that outgrows its view moves to arrays of its own.
   */
  constructor(capacity = 4, slots?: Int32Array, weights?: Float32Array) {
    this.slots = slots ?? new Int32Array(capacity);
    this.weights = weights ?? new Float32Array(capacity);
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.slots.length * 2, 4);
    const s = new Int32Array(cap);
    const w = new Float32Array(cap);
    s.set(this.slots.subarray(0, this.length));
    w.set(this.weights.subarray(0, this.length));
    this.slots = s;
    this.weights = w;
  }

  /** Appends without ordering; call sortAll() once after a bulk load. */
  append(slot: number, weight: number): void {
    if (this.length === this.slots.length) this.grow(this.length + 1);
    this.slots[this.length] = slot;
    this.weights[this.length] = weight;
    this.length++;
  }

  /** Orders the postings by weight descending (ties by slot, for determinism), keeping at most `limit`. */
  sortAll(limit = Infinity): void {
    this.sortAllUnbounded();
    if (this.length > limit) this.length = limit;
  }

  private sortAllUnbounded(): void {
    const n = this.length;
    if (n < 2) return;
    if (sortKeys.length < n) sortKeys = new Float64Array(n * 2);
    const keys = n <= SMALL_SORT ? sortKeys : sortKeys.subarray(0, n);
    let packable = true;
    for (let i = 0; i < n; i++) {
      const slot = this.slots[i] as number;
      if (slot >= SLOT_BITS) {
        packable = false;
        break;
      }
      keys[i] = weightIdKey(this.weights[i] as number, slot, SLOT_BITS);
    }
    if (packable) {
      if (n <= SMALL_SORT) insertionSort(keys, n);
      else keys.sort();
      for (let i = 0; i < n; i++) {
        const key = keys[n - 1 - i] as number;
        this.weights[i] = keyWeight(key, SLOT_BITS);
        this.slots[i] = keyId(key, SLOT_BITS);
      }
      return;
    }
    const order = Array.from({ length: n }, (_, i) => i);
    const s = this.slots.slice(0, n);
    const w = this.weights.slice(0, n);
    order.sort((a, b) => (w[b] as number) - (w[a] as number) || (s[a] as number) - (s[b] as number));
    order.forEach((from, to) => {
      this.slots[to] = s[from] as number;
      this.weights[to] = w[from] as number;
    });
  }

  /** First position whose weight is below `weight` (entries of equal weight stay before it). */
  private lowerBound(weight: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.weights[mid] as number) >= weight) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Inserts keeping the order. A list already holding `limit` postings drops its weakest: no query
   * reads that deep, and moving a list that grows with N would make updates grow with N too.
   */
  insert(slot: number, weight: number, limit = Infinity): void {
    f32[0] = weight;
    const w = f32[0] as number;
    if (this.length >= limit) {
      if (w <= (this.weights[this.length - 1] as number)) return;
      this.length = limit - 1;
    }
    if (this.length === this.slots.length) this.grow(this.length + 1);
    const at = this.lowerBound(w);
    this.slots.copyWithin(at + 1, at, this.length);
    this.weights.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.weights[at] = w;
    this.length++;
  }

  /** Removes the posting of `slot`, found near its known weight; falls back to a scan. */
  remove(slot: number, weight: number): boolean {
    f32[0] = weight;
    const w = f32[0] as number;
    let at = -1;
    for (let i = this.lowerBound(w) - 1; i >= 0 && (this.weights[i] as number) <= w; i--) {
      if (this.slots[i] === slot) {
        at = i;
        break;
      }
    }
    if (at < 0) at = this.slots.subarray(0, this.length).indexOf(slot);
    if (at < 0) return false;
    this.slots.copyWithin(at, at + 1, this.length);
    this.weights.copyWithin(at, at + 1, this.length);
    this.length--;
    return true;
  }
}
