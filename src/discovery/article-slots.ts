import { MINHASH_SIZE, sameStoryAt, type Fingerprint } from './near-duplicate.js';
import { PairArena } from './pair-arena.js';
import type { SparseVector } from './weigh.js';
import { metaNumber, takeSection, type SectionArray, type SectionParts } from './binary-sections.js';
import { grown } from './typed-arrays.js';

/** What the index keeps of one article besides its bag and vector. */
export interface SlotRecord {
  id: number;
  /** Weighted document length (BM25). */
  length: number;
  publishedAt: number | null;
  categoryId: number | null;
  tags: readonly string[];
  fingerprint: Fingerprint;
}

const NO_TAGS: readonly string[] = Object.freeze([]);
// Per-slot flags.
const LIVE = 1;
const WEIGHED = 2;
const HAS_SIGNATURE = 4;

/**
 * The index's articles in columns indexed by slot: ids, dates, categories and MinHash signatures in
 * typed arrays, term bags and weighted vectors in two PairArenas. Why columns and not one object per
 * article: see PairArena (full-collection pauses grow with the number of heap objects), and a query
 * that reads 60 candidates' vectors and signatures then follows no pointers.
 */
export class ArticleSlots {
  /** Analysed bags: term id → weighted frequency. */
  readonly bags = new PairArena();
  /** Weighted vectors, heaviest term first. */
  readonly vectors = new PairArena();
  /** MinHash signatures, MINHASH_SIZE words per slot. */
  signatures = new Uint32Array(0);
  private ids = new Float64Array(0);
  private lengths = new Float64Array(0);
  private published = new Float64Array(0);
  private categories = new Float64Array(0);
  private flags = new Uint8Array(0);
  private tagLists: (readonly string[])[] = [];
  private readonly free: number[] = [];
  private used = 0;

  /** One past the highest slot ever used (free slots below it are skipped by isLive). */
  get highWater(): number {
    return this.used;
  }

  /** Takes a free slot, or a new one. */
  allocate(): number {
    const slot = this.free.pop() ?? this.used++;
    if (slot >= this.ids.length) this.grow(Math.max(64, slot + 1, this.ids.length * 2));
    return slot;
  }

  private grow(n: number): void {
    this.ids = grown(this.ids, n);
    this.lengths = grown(this.lengths, n);
    this.published = grown(this.published, n);
    this.categories = grown(this.categories, n);
    this.flags = grown(this.flags, n);
    this.signatures = grown(this.signatures, n * MINHASH_SIZE);
  }

  /** Fills a slot taken with allocate(). */
  write(slot: number, r: SlotRecord): void {
    this.ids[slot] = r.id;
    this.lengths[slot] = r.length;
    this.published[slot] = r.publishedAt ?? NaN;
    this.categories[slot] = r.categoryId ?? NaN;
    this.tagLists[slot] = r.tags.length > 0 ? r.tags : NO_TAGS;
    let flags = LIVE;
    if (r.fingerprint.sig) {
      flags |= HAS_SIGNATURE;
      this.signatures.set(r.fingerprint.sig.subarray(0, MINHASH_SIZE), slot * MINHASH_SIZE);
    }
    this.flags[slot] = flags;
  }

  /** Frees a slot and forgets its bag and vector. */
  release(slot: number): void {
    this.flags[slot] = 0;
    this.tagLists[slot] = NO_TAGS;
    this.bags.clear(slot);
    this.vectors.clear(slot);
    this.free.push(slot);
  }

  isLive(slot: number): boolean {
    return ((this.flags[slot] as number) & LIVE) !== 0;
  }

  /** True once the slot's vector was computed (a bulk load weighs the rest at the end). */
  isWeighed(slot: number): boolean {
    return ((this.flags[slot] as number) & WEIGHED) !== 0;
  }

  markWeighed(slot: number): void {
    this.flags[slot] = (this.flags[slot] as number) | WEIGHED;
  }

  id(slot: number): number {
    return this.ids[slot] as number;
  }

  length(slot: number): number {
    return this.lengths[slot] as number;
  }

  publishedAt(slot: number): number | null {
    const at = this.published[slot] as number;
    return Number.isNaN(at) ? null : at;
  }

  categoryId(slot: number): number | null {
    const c = this.categories[slot] as number;
    return Number.isNaN(c) ? null : c;
  }

  tags(slot: number): readonly string[] {
    return this.tagLists[slot] ?? NO_TAGS;
  }

  hasSignature(slot: number): boolean {
    return ((this.flags[slot] as number) & HAS_SIGNATURE) !== 0;
  }

  /** The slot's fingerprint as a view (for queries and snapshots). */
  fingerprint(slot: number): Fingerprint {
    if (!this.hasSignature(slot)) return { sig: null };
    return { sig: this.signatures.subarray(slot * MINHASH_SIZE, (slot + 1) * MINHASH_SIZE) };
  }

  /** True when the two slots hold tellings of the same story. */
  sameStory(a: number, b: number, threshold: number): boolean {
    if (!this.hasSignature(a) || !this.hasSignature(b)) return false;
    return sameStoryAt(this.signatures, a * MINHASH_SIZE, this.signatures, b * MINHASH_SIZE, threshold);
  }

  /** True when the slot holds a telling of the story fingerprinted as `fp`. */
  sameStoryAs(slot: number, fp: Fingerprint, threshold: number): boolean {
    if (!fp.sig || !this.hasSignature(slot)) return false;
    return sameStoryAt(this.signatures, slot * MINHASH_SIZE, fp.sig, 0, threshold);
  }

  /** The slot's weighted vector as views into the arena. */
  vector(slot: number): SparseVector {
    return { ids: this.vectors.termsOf(slot), weights: this.vectors.valuesOf(slot) };
  }

  /** Puts every column into `out` under `prefix`; returns what is not a typed array (tags, free slots, counters). */
  saveTo(prefix: string, out: Map<string, SectionArray | SectionParts>): { used: number; free: number[]; tags: (readonly string[] | null)[]; bags: unknown; vectors: unknown } {
    out.set(`${prefix}.ids`, this.ids);
    out.set(`${prefix}.lengths`, this.lengths);
    out.set(`${prefix}.published`, this.published);
    out.set(`${prefix}.categories`, this.categories);
    out.set(`${prefix}.flags`, this.flags);
    out.set(`${prefix}.signatures`, this.signatures);
    const tags: (readonly string[] | null)[] = [];
    for (let s = 0; s < this.used; s++) tags.push(this.isLive(s) && this.tags(s).length > 0 ? this.tags(s) : null);
    return {
      used: this.used, free: [...this.free], tags,
      bags: this.bags.saveTo(`${prefix}.bags`, out),
      vectors: this.vectors.saveTo(`${prefix}.vectors`, out),
    };
  }

  /** Columns as saveTo() left them; throws TypeError when the parts do not fit together. */
  static restore(prefix: string, sections: ReadonlyMap<string, SectionArray>, meta: unknown): ArticleSlots {
    const m = (meta ?? {}) as { free?: unknown; tags?: unknown; bags?: unknown; vectors?: unknown };
    const bad = (why: string): never => {
      throw new TypeError(`invalid snapshot file: slots ${why}`);
    };
    const slots = new ArticleSlots();
    Object.assign(slots, {
      bags: PairArena.restore(`${prefix}.bags`, sections, m.bags),
      vectors: PairArena.restore(`${prefix}.vectors`, sections, m.vectors),
    });
    slots.ids = takeSection(sections, `${prefix}.ids`, Float64Array);
    slots.lengths = takeSection(sections, `${prefix}.lengths`, Float64Array);
    slots.published = takeSection(sections, `${prefix}.published`, Float64Array);
    slots.categories = takeSection(sections, `${prefix}.categories`, Float64Array);
    slots.flags = takeSection(sections, `${prefix}.flags`, Uint8Array);
    slots.signatures = takeSection(sections, `${prefix}.signatures`, Uint32Array);
    slots.used = metaNumber(meta, 'used');
    const n = slots.ids.length;
    if (slots.used > n || slots.lengths.length !== n || slots.published.length !== n || slots.categories.length !== n || slots.flags.length !== n) bad('columns differ in size');
    if (slots.signatures.length !== n * MINHASH_SIZE || slots.bags.start.length < slots.used || slots.vectors.start.length < slots.used) bad('columns differ in size');
    if (!Array.isArray(m.free) || !m.free.every((s) => Number.isSafeInteger(s) && s >= 0 && s < slots.used)) bad('free list is malformed');
    if (!Array.isArray(m.tags) || m.tags.length !== slots.used) bad('tags are malformed');
    slots.free.push(...(m.free as number[]));
    slots.tagLists = (m.tags as unknown[]).map((t) => (Array.isArray(t) && t.every((x) => typeof x === 'string') && t.length > 0 ? (t as string[]) : NO_TAGS));
    return slots;
  }
}
