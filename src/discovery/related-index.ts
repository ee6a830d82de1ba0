import { ArticleSlots, type SlotRecord } from './article-slots.js';
import { Vocabulary } from './vocabulary.js';
import { decodeSections, encodeSections, metaNumber, takeSection, writeSections, type ByteSource, type SectionArray, type SectionParts, type SectionsToWrite } from './binary-sections.js';
import { DocAnalyzer, type TermBag } from './doc-analyzer.js';
import { ImpactPostings } from './impact-postings.js';
import { LatentSpace } from './latent-space.js';
import type { Fingerprint } from './near-duplicate.js';
import { resolveRelatedOptions } from './related-options.js';
import { decodeSnapshot, encodeSnapshot, type SnapshotDoc } from './related-snapshot.js';
import { ScoreAccumulator, type RankedSlots } from './score-accumulator.js';
import { topTerms, topTermsOf } from './sparse-vector.js';
import { TopK } from './top-k.js';
import type { DiscoveryDoc, RelatedOptions, RelatedQueryOptions } from './types.js';
import { idfTable, weighInto, type CollectionStats, type SparseVector, type WeighParams } from './weigh.js';
import { grown } from './typed-arrays.js';

interface Query {
  vec: SparseVector;
  tags: ReadonlySet<string>;
  categories: ReadonlySet<number>;
  fingerprints: readonly Fingerprint[];
  selfSlots: ReadonlySet<number>;
  /** Drop candidates with weak evidence instead of ranking them last (suggestions beyond Related). */
  strict: boolean;
}

// Per-query latent state kept beside the Query (one scratch vector, reused).
interface LatentQuery {
  vector: Float64Array;
  ready: boolean;
}

type Ranked = RankedSlots;

// The buffers every posting list of a bulk load is a view into, and each term's next free place.
interface PostingsFill {
  slots: Int32Array;
  weights: Float32Array;
  next: Int32Array;
}

const DAY_MS = 86_400_000;
// Articles per step of a stepped bulk load (about 10–40 ms of work each at 56k articles).
const LOAD_STEP = 1000;
// What a binary snapshot holds (see toBinarySnapshot); a reader refuses any other kind or version.
const BINARY_KIND = 'masthead-related-index';
const BINARY_VERSION = 1;
// Upserts report the nearest neighbours of the old and new text as "lists that may have changed".
const AFFECTED_NEIGHBOURS = 30;
// Label lists (one tag, one category) can be huge; a text-less article only samples this many.
const LABEL_CANDIDATES = 200;
const MAX_CANDIDATES = 2000;
// Feedback neighbours are chosen among this many times feedbackDocs, skipping retellings.
const FEEDBACK_SCAN = 3;
// Rolling refresh leaves an article's postings alone while every weight is within this of the fresh one.
const REWEIGH_TOLERANCE = 0.01;
const EMPTY_SET: ReadonlySet<never> = new Set();
// Scale of the score of a candidate resting on one shared word that the latent space does not back.
const WEAK_EVIDENCE_SCALE = 0.1;

function categoryKey(id: number): string {
  return `@${id}`;
}

/** Related-articles engine: BM25 vectors of distinctive terms, impact-ordered inverted index, feedback re-rank. */
export class RelatedIndex {
  private readonly o: RelatedOptions;
  private readonly weighParams: WeighParams;
  private readonly analyzer: DocAnalyzer;
  private readonly maxPostings: number;
  private vocab = new Vocabulary();
  private df = new Int32Array(1024);
  // The only holder of a term seen once: when a second article brings the term, that holder is re-weighed.
  private sole = new Int32Array(1024).fill(-1);
  private readonly postings: (ImpactPostings | undefined)[] = [];
  private readonly labels = new Map<string, Set<number>>();
  private readonly slotOf = new Map<number, number>();
  private slots = new ArticleSlots();
  private totalLength = 0;
  private refreshCursor = 0;
  // Scratch space reused by every query (the engine is single-threaded).
  private readonly scores = new ScoreAccumulator();
  private dense = new Float32Array(0);
  private dense2 = new Float32Array(0);
  private readonly weighedIds: Uint32Array;
  private readonly weighedWeights: Float32Array;
  private latent: LatentSpace | null;
  private readonly latentQuery: LatentQuery;
  // Marks the article's own terms while its candidates are checked for shared evidence.
  private queryMarks = new Uint8Array(0);

  constructor(options?: Partial<RelatedOptions>) {
    this.o = resolveRelatedOptions(options);
    this.weighParams = {
      idfOffset: this.o.idfOffset,
      tfMode: this.o.tfMode,
      k1: this.o.k1,
      b: this.o.b,
      maxDfRatio: this.o.maxDfRatio,
      maxTerms: this.o.maxTermsPerDoc,
    };
    this.analyzer = new DocAnalyzer(this.o, (term) => this.termId(term));
    // No query visits more postings of one term than its whole budget, so deeper ones need not be kept.
    this.maxPostings = Math.max(1, this.o.queryTerms * Math.max(this.o.postingsPerTerm, this.o.feedbackPostingsPerTerm));
    this.weighedIds = new Uint32Array(this.o.maxTermsPerDoc);
    this.weighedWeights = new Float32Array(this.o.maxTermsPerDoc);
    this.latent = this.o.latentDim > 0 ? new LatentSpace(this.o.latentDim) : null;
    this.latentQuery = { vector: new Float64Array(this.latent?.dim ?? 0), ready: false };
  }

  /** Builds an index in one pass: analyse all, weigh with final statistics, bulk-load sorted postings. */
  static build(docs: Iterable<DiscoveryDoc>, options?: Partial<RelatedOptions>): RelatedIndex {
    const builder = RelatedIndex.builder(options);
    for (const doc of docs) builder.add(doc);
    return builder.finish();
  }

  /**
   * build() in steps, for a caller that streams articles from a store and yields between them: only
   * term bags are kept, never the texts, and finish() weighs, posts and learns once at the end.
   */
  static builder(options?: Partial<RelatedOptions>): { add(doc: DiscoveryDoc): void; finish(): RelatedIndex; finishInSteps(): Generator<void, RelatedIndex, void> } {
    const index = new RelatedIndex(options);
    let done = false;
    function* load(step: number): Generator<void, RelatedIndex, void> {
      if (!done) {
        done = true;
        yield* index.loadSteps(step);
      }
      return index;
    }
    return {
      add(doc) {
        if (done) throw new Error('RelatedIndex builder already finished');
        assertDoc(doc);
        const old = index.slotOf.get(doc.id);
        if (old !== undefined) index.detach(old, false);
        index.attach(doc, index.analyzer.analyze(doc), false);
      },
      finish() {
        // Nothing to yield to: each phase in one range.
        const steps = load(Infinity);
        for (;;) {
          const r = steps.next();
          if (r.done) return r.value;
        }
      },
      /** finish() as steps: the index is ready when the generator returns it (query nothing before). */
      finishInSteps: () => load(LOAD_STEP),
    };
  }

  /** Restores an index from toSnapshot() output without re-analysing text. */
  static fromSnapshot(snapshot: unknown, options?: Partial<RelatedOptions>): RelatedIndex {
    const decoded = decodeSnapshot(snapshot);
    // Bags were made with the snapshot's analysis options; only scoring options may be overridden.
    const { titleWeight, titleWeightGrowth, maxTextChars, defaultLang } = decoded.options;
    const index = new RelatedIndex({ ...decoded.options, ...options, titleWeight, titleWeightGrowth, maxTextChars, defaultLang });
    // One dictionary lookup per vocabulary entry, then bags are translated through a typed array.
    const remap = Uint32Array.from(decoded.vocabulary, (term) => index.termId(term));
    decoded.remapTerms(remap);
    for (const d of decoded.docs) {
      const { id, length, fp, publishedAt, categoryId, tags } = d;
      // Stored vectors restore the index exactly as it was, without re-weighing.
      index.attachRecord({ id, length, fingerprint: fp, publishedAt, categoryId, tags }, d.bagIds, d.freqs, d.vec, false);
    }
    index.weighAllAndLoad();
    return index;
  }

  /** Options in force (defaults merged with what the caller gave). */
  get options(): Readonly<RelatedOptions> {
    return this.o;
  }

  /** Bytes held by the latent layer (typed arrays, outside the JS heap), for memory reports. */
  get latentBytes(): number {
    return this.latent?.bytes ?? 0;
  }

  /** Number of live articles. */
  get size(): number {
    return this.slotOf.size;
  }

  /** True when the article is indexed. */
  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** Ids of all indexed articles, in no particular order. */
  ids(): number[] {
    return [...this.slotOf.keys()];
  }

  /** Adds or replaces one article without a rebuild; returns ids whose related lists may have changed. */
  upsert(doc: DiscoveryDoc): number[] {
    assertDoc(doc);
    const affected = new Set<number>([doc.id]);
    const old = this.slotOf.get(doc.id);
    if (old !== undefined) {
      this.collectNeighbours(old, affected);
      this.detach(old, true);
    }
    const slot = this.attach(doc, this.analyzer.analyze(doc), true);
    this.rollingRefresh(slot);
    this.collectNeighbours(slot, affected);
    return [...affected];
  }

  /** Removes one article; returns ids whose related lists may have changed (empty when it was unknown). */
  remove(id: number): number[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    const affected = new Set<number>([id]);
    this.collectNeighbours(slot, affected);
    this.detach(slot, true);
    this.rollingRefresh(-1);
    return [...affected];
  }

  /** Up to k related articles: never the article itself, never two tellings of one story, nor a retelling of this one. */
  related(id: number, k: number, opts?: RelatedQueryOptions): number[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined || !(k > 0)) return [];
    const categoryId = this.slots.categoryId(slot);
    const query: Query = {
      vec: this.slots.vector(slot),
      tags: new Set(this.slots.tags(slot)),
      categories: categoryId === null ? EMPTY_SET : new Set([categoryId]),
      fingerprints: [this.slots.fingerprint(slot)],
      selfSlots: new Set([slot]),
      strict: false,
    };
    return this.rankAndPick(query, k, opts);
  }

  /** Up to k articles close to a set (a reader's recent reads), excluding the set itself and retellings of it. */
  similarTo(ids: readonly number[], k: number, opts?: RelatedQueryOptions): number[] {
    if (!(k > 0)) return [];
    const selfSlots = new Set<number>();
    const tags = new Set<string>();
    const categories = new Set<number>();
    const fingerprints: Fingerprint[] = [];
    const sum = new Map<number, number>();
    const vectors = this.slots.vectors;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      selfSlots.add(slot);
      for (const t of this.slots.tags(slot)) tags.add(t);
      const categoryId = this.slots.categoryId(slot);
      if (categoryId !== null) categories.add(categoryId);
      fingerprints.push(this.slots.fingerprint(slot));
      const from = vectors.start[slot] as number;
      const to = from + (vectors.length[slot] as number);
      for (let i = from; i < to; i++) {
        const t = vectors.terms[i] as number;
        sum.set(t, (sum.get(t) ?? 0) + (vectors.values[i] as number));
      }
    }
    if (selfSlots.size === 0) return [];
    // Suggestions drawn from a reader's reads must pass the bar outright: no filler from one shared word.
    const query: Query = { vec: topTerms(sum, this.o.expandedTerms), tags, categories, fingerprints, selfSlots, strict: true };
    return this.rankAndPick(query, k, opts);
  }

  /** A JSON-serialisable image of the index (term bags, not text), for a fast restart. */
  toSnapshot(): unknown {
    const docs: SnapshotDoc[] = [];
    const slots = this.slots;
    for (let slot = 0; slot < slots.highWater; slot++) {
      if (!slots.isLive(slot)) continue;
      docs.push({
        id: slots.id(slot),
        bagIds: slots.bags.termsOf(slot),
        freqs: slots.bags.valuesOf(slot),
        vec: slots.isWeighed(slot) ? slots.vector(slot) : null,
        length: slots.length(slot),
        fp: slots.fingerprint(slot),
        publishedAt: slots.publishedAt(slot),
        categoryId: slots.categoryId(slot),
        tags: slots.tags(slot),
      });
    }
    return encodeSnapshot(this.o, this.vocab.terms(), docs);
  }

  /**
   * The index's whole state as bytes (binary-sections.ts), for a restart that neither analyses text
   * nor re-weighs, re-posts or re-learns anything: the restored index answers exactly as this one
   * does, and keeps doing so through later updates. `watermark` is kept verbatim in the header.
   *
   * Sections (prefix.name, type): vocab.lengths (u32, UTF-16 length of each term) and vocab.text
   * (u8, the terms' UTF-8, concatenated); df, sole (i32, per term); postings.sizes (i32 per term, −1
   * for no list), postings.slots (i32) and postings.weights (f32), the lists concatenated; slots.*
   * (ids, lengths, published, categories as f64 with NaN for none; flags u8; signatures u32, 32
   * words a slot; bags.* and vectors.*: the two PairArenas' terms u32, values f32, start, length,
   * room i32); latent.* (seeds i16, rowOf i32, context f32 rows × dim, vectors i8 slots × dim,
   * embedded u8, sum f64). The header's meta holds the options, counters, free slots and tags.
   */
  toBinarySnapshot(watermark: unknown): Uint8Array {
    return encodeSections(this.snapshotSections(watermark));
  }

  /**
   * Writes what toBinarySnapshot() returns to `write`, in chunks of at most 1 MiB (each consumed
   * before the next is made: a synchronous file write), so no copy of the whole state is held.
   */
  writeBinarySnapshot(watermark: unknown, write: (bytes: Uint8Array) => void): number {
    return writeSections(this.snapshotSections(watermark), write);
  }

  private snapshotSections(watermark: unknown): SectionsToWrite {
    const sections = new Map<string, SectionArray | SectionParts>();
    const vocab = this.vocab.pack();
    const termCount = vocab.lengths.length;
    sections.set('vocab.lengths', vocab.lengths);
    sections.set('vocab.text', new TextEncoder().encode(vocab.text));
    sections.set('df', this.df.subarray(0, termCount));
    sections.set('sole', this.sole.subarray(0, termCount));
    const sizes = new Int32Array(termCount).fill(-1);
    let total = 0;
    for (let t = 0; t < termCount; t++) {
      const list = this.postings[t];
      if (list) total += sizes[t] = list.length;
    }
    // The lists are written one after another, straight from their own arrays.
    const postings = this.postings;
    function* each<A>(column: (list: ImpactPostings) => A): Generator<A> {
      for (let t = 0; t < termCount; t++) {
        const list = postings[t];
        if (list) yield column(list);
      }
    }
    sections.set('postings.sizes', sizes);
    sections.set('postings.slots', { kind: Int32Array, count: total, parts: () => each((l) => l.slots.subarray(0, l.length)) });
    sections.set('postings.weights', { kind: Float32Array, count: total, parts: () => each((l) => l.weights.subarray(0, l.length)) });
    const slots = this.slots.saveTo('slots', sections);
    const latent = this.latent?.saveTo('latent', sections) ?? null;
    const meta = { options: this.o, watermark, terms: termCount, totalLength: this.totalLength, refreshCursor: this.refreshCursor, slots, latent };
    return { kind: BINARY_KIND, version: BINARY_VERSION, meta, sections };
  }

  /**
   * Restores an index from toBinarySnapshot() bytes. Throws TypeError when the bytes are truncated,
   * corrupted, of another version, or made with options other than `options` (the defaults when
   * none are given): every vector and posting depends on them.
   */
  static fromBinarySnapshot(bytes: Uint8Array | ByteSource, options?: Partial<RelatedOptions>): { index: RelatedIndex; watermark: unknown } {
    const file = decodeSections(bytes, { kind: BINARY_KIND, version: BINARY_VERSION });
    const s = file.sections;
    const meta = (file.meta ?? {}) as { options?: unknown; watermark?: unknown; slots?: unknown; latent?: unknown };
    const wanted = resolveRelatedOptions(options);
    if (!sameOptions(meta.options, wanted)) throw new TypeError('invalid snapshot file: made with other related options');
    const index = new RelatedIndex(wanted);
    const n = metaNumber(meta, 'terms');
    const lengths = takeSection(s, 'vocab.lengths', Uint32Array);
    const text = new TextDecoder().decode(takeSection(s, 'vocab.text', Uint8Array));
    if (lengths.length !== n) throw new TypeError('invalid snapshot file: vocabulary size differs');
    index.vocab = Vocabulary.packed(lengths, text);
    const df = takeSection(s, 'df', Int32Array);
    const sole = takeSection(s, 'sole', Int32Array);
    const sizes = takeSection(s, 'postings.sizes', Int32Array);
    const postingSlots = takeSection(s, 'postings.slots', Int32Array);
    const postingWeights = takeSection(s, 'postings.weights', Float32Array);
    if (df.length !== n || sole.length !== n || sizes.length !== n || postingSlots.length !== postingWeights.length) {
      throw new TypeError('invalid snapshot file: per-term arrays differ in size');
    }
    // Growable copies: termId() doubles them as new terms arrive.
    index.df = grown(df, Math.max(1024, n));
    index.sole = grown(sole, Math.max(1024, n), -1);
    index.slots = ArticleSlots.restore('slots', s, meta.slots);
    let at = 0;
    for (let t = 0; t < n; t++) {
      const size = sizes[t] as number;
      if (size < 0) {
        index.postings.push(undefined);
        continue;
      }
      if (at + size > postingSlots.length) throw new TypeError('invalid snapshot file: postings overflow');
      // Views into one buffer, as after a bulk load; a list that grows moves to arrays of its own.
      index.postings.push(new ImpactPostings(size, postingSlots.subarray(at, at + size), postingWeights.subarray(at, at + size)));
      index.postings[t]!.length = size;
      at += size;
    }
    if (index.latent) {
      if (!meta.latent) throw new TypeError('invalid snapshot file: latent space missing');
      const dim = index.latent.dim;
      index.latent = LatentSpace.restore('latent', s, meta.latent);
      if (index.latent.dim !== dim) throw new TypeError('invalid snapshot file: latent size differs');
    }
    index.latentQuery.vector = new Float64Array(index.latent?.dim ?? 0);
    index.totalLength = metaNumber(meta, 'totalLength');
    index.refreshCursor = metaNumber(meta, 'refreshCursor');
    const slots = index.slots;
    for (let slot = 0; slot < slots.highWater; slot++) {
      if (!slots.isLive(slot)) continue;
      index.slotOf.set(slots.id(slot), slot);
      for (const label of index.labelKeys(slot)) {
        let set = index.labels.get(label);
        if (!set) index.labels.set(label, (set = new Set()));
        set.add(slot);
      }
    }
    index.ensureScratch();
    return { index, watermark: meta.watermark };
  }

  // ---- maintenance ------------------------------------------------------------------------

  private termId(term: string): number {
    const { id: t, isNew } = this.vocab.idOf(term);
    if (isNew) {
      this.latent?.seedTerm(t, term);
      if (t >= this.df.length) {
        this.df = grown(this.df, this.df.length * 2);
        this.sole = grown(this.sole, this.sole.length * 2, -1);
      }
    }
    return t;
  }

  private attach(doc: DiscoveryDoc, bag: TermBag, live: boolean): number {
    const record: SlotRecord = {
      id: doc.id,
      length: bag.length,
      fingerprint: bag.fingerprint,
      publishedAt: typeof doc.publishedAt === 'number' && Number.isFinite(doc.publishedAt) ? doc.publishedAt : null,
      categoryId: typeof doc.categoryId === 'number' && Number.isFinite(doc.categoryId) ? doc.categoryId : null,
      tags: bag.tags,
    };
    return this.attachRecord(record, bag.termIds, bag.freqs, null, live);
  }

  /**
   * Registers an article in a slot with its bag (and, from a snapshot, its stored vector); when `live`,
   * also weighs and posts it, re-weighing holders of newly shared terms.
   */
  private attachRecord(record: SlotRecord, bagIds: Uint32Array, bagFreqs: Float32Array, vec: SparseVector | null, live: boolean): number {
    const slot = this.slots.allocate();
    const stale: number[] = [];
    for (const t of bagIds) {
      const df = ++this.df[t]!;
      if (df === 1) this.sole[t] = slot;
      else if (df === 2 && live && this.sole[t]! >= 0) stale.push(this.sole[t]!);
    }
    this.slots.write(slot, record);
    this.slots.bags.set(slot, bagIds, bagFreqs, bagIds.length);
    // A vector never holds more terms than its bag or maxTermsPerDoc: re-weighing then rewrites it in place.
    const room = Math.min(bagIds.length, this.o.maxTermsPerDoc);
    if (vec) {
      this.slots.vectors.set(slot, vec.ids, vec.weights, vec.ids.length, Math.max(room, vec.ids.length));
      this.slots.markWeighed(slot);
    } else {
      this.slots.vectors.reserve(slot, room);
    }
    this.slotOf.set(record.id, slot);
    this.totalLength += record.length;
    for (const label of this.labelKeys(slot)) {
      let set = this.labels.get(label);
      if (!set) this.labels.set(label, (set = new Set()));
      set.add(slot);
    }
    if (live) {
      this.ensureScratch();
      this.reweigh(slot);
      for (const s of stale) if (s !== slot) this.reweigh(s);
    }
    return slot;
  }

  private detach(slot: number, live: boolean): void {
    if (!this.slots.isLive(slot)) return;
    if (live) {
      this.unpost(slot);
      this.unlearn(slot);
    }
    const bags = this.slots.bags;
    const from = bags.start[slot] as number;
    const to = from + (bags.length[slot] as number);
    for (let i = from; i < to; i++) {
      const t = bags.terms[i] as number;
      // The remaining holder of a df-1 term is unknown without a scan; the rolling refresh catches it.
      if (--this.df[t]! <= 1) this.sole[t] = -1;
    }
    for (const label of this.labelKeys(slot)) {
      const set = this.labels.get(label);
      set?.delete(slot);
      if (set && set.size === 0) this.labels.delete(label);
    }
    this.totalLength -= this.slots.length(slot);
    this.slotOf.delete(this.slots.id(slot));
    this.slots.release(slot);
  }

  private labelKeys(slot: number): string[] {
    const keys = this.slots.tags(slot).map((t) => `#${t}`);
    const categoryId = this.slots.categoryId(slot);
    if (categoryId !== null) keys.push(categoryKey(categoryId));
    return keys;
  }

  private stats(): { docCount: number; avgLength: number } {
    const n = this.slotOf.size;
    // The idf flattening follows the site's idf range, ln N.
    this.weighParams.idfOffset = this.o.idfOffset + this.o.idfOffsetPerLogN * Math.log(1 + n);
    return { docCount: n, avgLength: n > 0 ? this.totalLength / n : 1 };
  }

  /** Adds the slot's current vector to the latent space and embeds it. */
  private learn(slot: number): void {
    if (!this.latent || !this.slots.isWeighed(slot)) return;
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    const to = from + (vectors.length[slot] as number);
    this.latent.absorb(vectors.terms, vectors.values, from, to, 1);
    this.latent.embed(slot, vectors.terms, vectors.values, from, to);
  }

  /** Takes the slot's current vector back out of the latent space. */
  private unlearn(slot: number): void {
    if (!this.latent || !this.slots.isWeighed(slot)) return;
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    this.latent.absorb(vectors.terms, vectors.values, from, from + (vectors.length[slot] as number), -1);
    this.latent.forget(slot);
  }

  /** Recomputes the slot's latent vector from the current context vectors. */
  private reembed(slot: number): void {
    if (!this.latent || !this.slots.isWeighed(slot)) return;
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    this.latent.embed(slot, vectors.terms, vectors.values, from, from + (vectors.length[slot] as number));
  }

  private unpost(slot: number): void {
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    const to = from + (vectors.length[slot] as number);
    for (let i = from; i < to; i++) this.postings[vectors.terms[i] as number]?.remove(slot, vectors.values[i] as number);
  }

  /** Weighs the slot's bag into the scratch vector; returns its number of terms. */
  private weighSlot(slot: number, stats: { docCount: number; avgLength: number }, idfs?: Float64Array): number {
    const bags = this.slots.bags;
    const from = bags.start[slot] as number;
    const to = from + (bags.length[slot] as number);
    return weighInto(bags.terms, bags.values, from, to, this.slots.length(slot), this.df, stats, this.weighParams, idfs, this.weighedIds, this.weighedWeights);
  }

  /** True when the scratch vector has the slot's terms in the same order and no weight moved by more than tol. */
  private scratchMatches(slot: number, n: number, tol: number): boolean {
    const vectors = this.slots.vectors;
    if ((vectors.length[slot] as number) !== n) return false;
    const from = vectors.start[slot] as number;
    for (let i = 0; i < n; i++) {
      if (vectors.terms[from + i] !== this.weighedIds[i]) return false;
      if (Math.abs((vectors.values[from + i] as number) - (this.weighedWeights[i] as number)) > tol) return false;
    }
    return true;
  }

  /**
   * Recomputes one article's vector with current IDF and swaps its postings. A posting insert moves
   * part of a list that grows with N, so when `onlyIfDrifted` is set and no weight moved by more than
   * REWEIGH_TOLERANCE the old postings stay: drift is caught once it is large enough to matter.
   */
  private reweigh(slot: number, onlyIfDrifted = false): void {
    if (!this.slots.isLive(slot)) return;
    const n = this.weighSlot(slot, this.stats());
    if (onlyIfDrifted && this.slots.isWeighed(slot) && this.scratchMatches(slot, n, REWEIGH_TOLERANCE)) return;
    this.unpost(slot);
    this.unlearn(slot);
    this.slots.vectors.set(slot, this.weighedIds, this.weighedWeights, n);
    this.slots.markWeighed(slot);
    this.learn(slot);
    for (let i = 0; i < n; i++) {
      const t = this.weighedIds[i] as number;
      let list = this.postings[t];
      if (!list) this.postings[t] = list = new ImpactPostings();
      list.insert(slot, this.weighedWeights[i] as number, this.maxPostings);
    }
  }

  /** Re-weighs a few articles per update so IDF drift is absorbed without a stop-the-world rebuild. */
  private rollingRefresh(skip: number): void {
    const n = this.slots.highWater;
    if (n === 0) return;
    const visited: number[] = [];
    for (let done = 0, tries = 0; done < this.o.refreshPerUpdate && tries < n; tries++) {
      this.refreshCursor = (this.refreshCursor + 1) % n;
      if (this.refreshCursor === skip || !this.slots.isLive(this.refreshCursor)) continue;
      this.reweigh(this.refreshCursor, true);
      visited.push(this.refreshCursor);
      done++;
    }
    // Their words may have kept their weights while the company they keep moved: re-embedded once
    // every re-weighing of this update has reached the context vectors.
    if (skip >= 0) visited.push(skip);
    for (const slot of visited) this.reembed(slot);
  }

  /** Weighs every article that has no vector yet (a snapshot brings its own), then bulk-loads postings. */
  private weighAllAndLoad(): void {
    for (const step of this.loadSteps(Infinity)) void step;
  }

  /**
   * weighAllAndLoad() in steps of about `step` articles (or 4 × `step` posting lists): a caller
   * that builds while serving yields to its requests between steps. The index must not be queried
   * or updated until the last step is done. A caller with nothing to yield to passes Infinity.
   *
   * Each phase's loop is a method of its own that the steps call range by range. One generator
   * holding every loop was compiled by V8 five times per build (once per loop reached, each time
   * throwing away code made before the next loop had run); the small methods compile once each,
   * which on a news site of 13k articles was more CPU than the work itself. Called once (one range),
   * a method is compiled only while its loop runs; called range after range it is compiled a second
   * time as a hot function, which is why build() does not step.
   */
  private *loadSteps(step: number): Generator<void, void, void> {
    const stats = this.stats();
    const slots = this.slots;
    const sizes = new Int32Array(this.vocab.size);
    let idfs: Float64Array | null = null;
    for (let from = 0; from < slots.highWater; from += step) {
      if (from > 0) yield;
      idfs = this.weighRange(from, Math.min(slots.highWater, from + step), stats, idfs, sizes);
    }
    const fill = this.allocatePostings(sizes);
    for (let from = 0; from < slots.highWater; from += 4 * step) {
      yield;
      this.postRange(from, Math.min(slots.highWater, from + 4 * step), fill);
    }
    for (let from = 0; from < this.postings.length; from += 4 * step) {
      yield;
      this.sortPostings(from, Math.min(this.postings.length, from + 4 * step));
    }
    slots.bags.trim();
    slots.vectors.trim();
    this.ensureScratch();
    yield* this.loadLatent(step);
  }

  /**
   * Weighs the slots in [from, to) that have no vector yet and counts every vector's terms into
   * `sizes`; returns the idf table (made on first need, then passed back in).
   */
  private weighRange(from: number, to: number, stats: CollectionStats, idfs: Float64Array | null, sizes: Int32Array): Float64Array | null {
    const slots = this.slots;
    const vectors = slots.vectors;
    for (let slot = from; slot < to; slot++) {
      if (!slots.isLive(slot)) continue;
      if (!slots.isWeighed(slot)) {
        idfs ??= idfTable(this.df, this.vocab.size, stats, this.weighParams);
        const n = this.weighSlot(slot, stats, idfs);
        vectors.set(slot, this.weighedIds, this.weighedWeights, n);
        slots.markWeighed(slot);
      }
      const start = vectors.start[slot] as number;
      const end = start + (vectors.length[slot] as number);
      for (let i = start; i < end; i++) sizes[vectors.terms[i] as number]!++;
    }
    return idfs;
  }

  /**
   * One posting list per term that has postings, each a view into one pair of buffers, left empty
   * for postRange() to fill; returns where each term's list starts in the buffers.
   */
  private allocatePostings(sizes: Int32Array): PostingsFill {
    let total = 0;
    for (let t = 0; t < sizes.length; t++) total += sizes[t] as number;
    const fill: PostingsFill = { slots: new Int32Array(total), weights: new Float32Array(total), next: new Int32Array(sizes.length) };
    let at = 0;
    for (let t = 0; t < sizes.length; t++) {
      const n = sizes[t] as number;
      fill.next[t] = at;
      if (n === 0) continue;
      this.postings[t] = new ImpactPostings(n, fill.slots.subarray(at, at + n), fill.weights.subarray(at, at + n));
      this.postings[t]!.length = n;
      at += n;
    }
    return fill;
  }

  /**
   * Writes the vectors of the slots in [from, to) into their terms' places in the buffers, in slot
   * order (what appending to each list would give, without visiting a list object per posting).
   */
  private postRange(from: number, to: number, fill: PostingsFill): void {
    const slots = this.slots;
    const vectors = slots.vectors;
    const next = fill.next;
    for (let slot = from; slot < to; slot++) {
      if (!slots.isLive(slot)) continue;
      const start = vectors.start[slot] as number;
      const end = start + (vectors.length[slot] as number);
      for (let i = start; i < end; i++) {
        const at = next[vectors.terms[i] as number]!++;
        fill.slots[at] = slot;
        fill.weights[at] = vectors.values[i] as number;
      }
    }
  }

  /** Orders the posting lists of terms [from, to) by impact, keeping what a query can reach. */
  private sortPostings(from: number, to: number): void {
    for (let t = from; t < to; t++) this.postings[t]?.sortAll(this.maxPostings);
  }

  /** Learns the latent space from every article's vector: context vectors first, then embeddings. */
  private *loadLatent(step: number): Generator<void, void, void> {
    const latent = this.latent;
    if (!latent) return;
    const highWater = this.slots.highWater;
    for (let from = 0; from < highWater; from += step) {
      yield;
      this.absorbRange(latent, from, Math.min(highWater, from + step));
    }
    // Every article embedded with the same context vectors, whose lengths are computed once.
    latent.freezeNorms();
    for (let from = 0; from < highWater; from += step) {
      yield;
      this.embedRange(latent, from, Math.min(highWater, from + step));
    }
  }

  /** Adds the vectors of the live slots in [from, to) to the context vectors. */
  private absorbRange(latent: LatentSpace, from: number, to: number): void {
    const slots = this.slots;
    const vectors = slots.vectors;
    for (let slot = from; slot < to; slot++) {
      if (!slots.isLive(slot)) continue;
      const start = vectors.start[slot] as number;
      latent.absorb(vectors.terms, vectors.values, start, start + (vectors.length[slot] as number), 1);
    }
  }

  /** Embeds the live, weighed slots in [from, to). */
  private embedRange(latent: LatentSpace, from: number, to: number): void {
    const slots = this.slots;
    const vectors = slots.vectors;
    for (let slot = from; slot < to; slot++) {
      if (!slots.isLive(slot) || !slots.isWeighed(slot)) continue;
      const start = vectors.start[slot] as number;
      latent.embed(slot, vectors.terms, vectors.values, start, start + (vectors.length[slot] as number));
    }
  }

  private ensureScratch(): void {
    this.scores.ensure(this.slots.highWater);
    if (this.dense.length < this.vocab.size) {
      const cap = Math.max(1024, this.vocab.size * 2);
      this.dense = new Float32Array(cap);
      this.dense2 = new Float32Array(cap);
      this.queryMarks = new Uint8Array(cap);
    }
  }

  private collectNeighbours(slot: number, into: Set<number>): void {
    if (!this.slots.isLive(slot)) return;
    this.ensureScratch();
    this.scores.block(slot);
    this.scores.add(this.slots.vector(slot), this.postings, this.o.queryTerms, this.o.postingsPerTerm, null);
    const first = this.scores.bestAndReset(AFFECTED_NEIGHBOURS);
    this.scores.unblock(slot);
    for (const s of first.slots) into.add(this.slots.id(s));
  }

  // ---- querying ---------------------------------------------------------------------------

  /** Candidate slots for a query: first-order candidates, widened by pseudo-relevance feedback terms. */
  private candidatesFor(query: Query, limit: number): { expanded: SparseVector | null; pool: Ranked } {
    const q = query.vec;
    const scores = this.scores;
    this.ensureScratch();
    for (const s of query.selfSlots) scores.block(s);
    try {
      const used = scores.add(q, this.postings, this.o.queryTerms, this.o.postingsPerTerm, null);
      const feedback = this.o.feedbackDocs > 0 && this.o.feedbackWeight > 0;
      const first = scores.best(feedback ? this.o.feedbackDocs * FEEDBACK_SCAN : limit);
      const expanded = feedback ? this.expand(q, this.distinctStories(first, query.fingerprints)) : null;
      if (!expanded) return { expanded, pool: feedback ? scores.bestAndReset(limit) : first };
      scores.add(expanded, this.postings, this.o.queryTerms, this.o.feedbackPostingsPerTerm, used);
      return { expanded, pool: scores.bestAndReset(limit) };
    } finally {
      // Clears whatever an early return or an exception left (nothing after bestAndReset).
      scores.reset();
      for (const s of query.selfSlots) scores.unblock(s);
    }
  }

  /** Feedback neighbours, one per story: five copies of one syndicated piece would be one neighbour five times. */
  private distinctStories(first: Ranked, queryFps: readonly Fingerprint[]): Ranked {
    const slots: number[] = [];
    const scores: number[] = [];
    const threshold = this.o.nearDuplicateJaccard;
    for (let i = 0; i < first.slots.length && slots.length < this.o.feedbackDocs; i++) {
      const s = first.slots[i] as number;
      if (this.retells(s, queryFps, slots, threshold)) continue;
      slots.push(s);
      scores.push(first.scores[i] as number);
    }
    return { slots, scores };
  }

  /** True when the slot tells the same story as one of the fingerprints or one of the slots kept. */
  private retells(slot: number, fingerprints: readonly Fingerprint[], kept: readonly number[], threshold: number): boolean {
    if (!this.slots.hasSignature(slot)) return false;
    for (const fp of fingerprints) if (this.slots.sameStoryAs(slot, fp, threshold)) return true;
    for (const other of kept) if (this.slots.sameStory(slot, other, threshold)) return true;
    return false;
  }

  private addDense(target: Float32Array, v: SparseVector, scale: number): void {
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i] as number;
      target[t] = (target[t] as number) + scale * (v.weights[i] as number);
    }
  }

  private clearDense(target: Float32Array, v: SparseVector): void {
    for (let i = 0; i < v.ids.length; i++) target[v.ids[i] as number] = 0;
  }

  private dot(target: Float32Array, slot: number): number {
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    const to = from + (vectors.length[slot] as number);
    const terms = vectors.terms;
    const values = vectors.values;
    let s = 0;
    for (let i = from; i < to; i++) s += (target[terms[i] as number] as number) * (values[i] as number);
    return s;
  }

  /** Query expansion with the centroid of the first neighbours (pseudo-relevance feedback). */
  private expand(q: SparseVector, first: Ranked): SparseVector | null {
    const m = Math.min(this.o.feedbackDocs, first.slots.length);
    if (m === 0) return null;
    const sum = this.dense2;
    const terms: number[] = [];
    const add = (ids: Uint32Array, weights: Float32Array, from: number, to: number, scale: number): void => {
      for (let i = from; i < to; i++) {
        const t = ids[i] as number;
        if (sum[t] === 0) terms.push(t);
        sum[t] = (sum[t] as number) + scale * (weights[i] as number);
      }
    };
    add(q.ids, q.weights, 0, q.ids.length, 1);
    const vectors = this.slots.vectors;
    for (let j = 0; j < m; j++) {
      const slot = first.slots[j] as number;
      const from = vectors.start[slot] as number;
      add(vectors.terms, vectors.values, from, from + (vectors.length[slot] as number), this.o.feedbackWeight / m);
    }
    const vec = topTermsOf(terms, sum, this.o.expandedTerms);
    for (const t of terms) sum[t] = 0;
    return vec;
  }

  /** The latent cosine's share of a score on this site: smaller where articles are long. */
  private latentShare(): number {
    const full = this.o.latentFullLength;
    if (!(full > 0)) return this.o.latentMix;
    const n = this.slotOf.size;
    const avgLength = n > 0 ? this.totalLength / n : 0;
    return avgLength > full ? (this.o.latentMix * full) / avgLength : this.o.latentMix;
  }

  /** How many of the slot's terms are marked (the query's own), counting up to `enough`. */
  private sharedTerms(marks: Uint8Array, slot: number, enough: number): number {
    const vectors = this.slots.vectors;
    const from = vectors.start[slot] as number;
    const to = from + (vectors.length[slot] as number);
    let n = 0;
    for (let i = from; i < to && n < enough; i++) n += marks[vectors.terms[i] as number] as number;
    return n;
  }

  private labelBoost(query: Query, slot: number): number {
    let boost = 0;
    const tags = this.slots.tags(slot);
    if (query.tags.size > 0 && tags.length > 0) {
      let shared = 0;
      for (const t of tags) if (query.tags.has(t)) shared++;
      boost += (this.o.tagBoost * shared) / Math.sqrt(query.tags.size * tags.length);
    }
    const categoryId = this.slots.categoryId(slot);
    if (categoryId !== null && query.categories.has(categoryId)) boost += this.o.categoryBoost;
    return Math.min(boost, this.o.maxLabelBoost);
  }

  /**
   * Ranks a pool of candidates and picks k. When exclusions and near-duplicates eat so much of the pool
   * that fewer than k remain while more candidates exist, the pool is widened (a rare, bounded retry).
   */
  private rankAndPick(query: Query, k: number, opts?: RelatedQueryOptions): number[] {
    let c = Math.min(Math.max(this.o.candidates, 2 * Math.ceil(k)), MAX_CANDIDATES);
    for (;;) {
      const { ranked, fetched } = this.rank(query, c);
      const out = this.pick(ranked, k, query, opts);
      if (out.length >= k || fetched < c || c >= MAX_CANDIDATES) return out;
      c = Math.min(c * 4, MAX_CANDIDATES);
    }
  }

  /** Scores candidates by the blend of first-order and expanded-query cosine plus bounded label boosts. */
  private rank(query: Query, c: number): { ranked: Ranked; fetched: number } {
    const { expanded, pool: fetched } = this.candidatesFor(query, c);
    const pool = new Set<number>(fetched.slots);
    for (const label of [...[...query.tags].map((t) => `#${t}`), ...[...query.categories].map(categoryKey)]) {
      let taken = 0;
      for (const s of this.labels.get(label) ?? EMPTY_SET) {
        if (taken++ >= LABEL_CANDIDATES) break;
        if (!query.selfSlots.has(s)) pool.add(s);
      }
    }
    // (1 − mix)·cos(q, d) + mix·cos(q', d) is one dot product with the blended query.
    const mix = expanded ? this.o.feedbackMix : 0;
    this.addDense(this.dense, query.vec, 1 - mix);
    if (expanded) this.addDense(this.dense, expanded, mix);
    const latent = this.latent;
    const lq = this.latentQuery;
    lq.ready = latent !== null && latent.queryOf(query.selfSlots, lq.vector);
    const lambda = lq.ready ? this.latentShare() : 0;
    const marks = this.queryMarks;
    for (let i = 0; i < query.vec.ids.length; i++) marks[query.vec.ids[i] as number] = 1;
    const top = new TopK(Math.max(c, 1));
    for (const s of pool) {
      const lexical = this.dot(this.dense, s);
      let score = lexical;
      if (lq.ready) {
        const sim = latent!.similarity(lq.vector, s);
        // One shared word is not enough evidence unless the rest of the text agrees.
        const weak = lexical > 0 && sim < this.o.singleTermLatentFloor && this.sharedTerms(marks, s, 2) < 2;
        // Below the site's mean the rest of the text disagrees: out of every list. Otherwise it merely
        // fails to confirm: out of suggestions, last in Related.
        if (weak && (query.strict || sim < 0)) continue;
        score = (1 - lambda) * lexical + lambda * sim;
        // Related ranks such a story below every one with real evidence rather than leave a gap.
        if (weak) score *= WEAK_EVIDENCE_SCALE;
      }
      score += this.labelBoost(query, s);
      if (score > 0) top.push(s, score);
    }
    for (let i = 0; i < query.vec.ids.length; i++) marks[query.vec.ids[i] as number] = 0;
    this.clearDense(this.dense, query.vec);
    if (expanded) this.clearDense(this.dense, expanded);
    // How many the index offered: survivors may be fewer (weak evidence, negative scores).
    return { ranked: top.drain(), fetched: pool.size };
  }

  /** Applies exclusions and freshness, then keeps one telling per story. */
  private pick(ranked: Ranked, k: number, query: Query, opts?: RelatedQueryOptions): number[] {
    const exclude = opts?.exclude;
    const now = opts?.now;
    let order = ranked.slots;
    if (typeof now === 'number' && Number.isFinite(now) && this.o.freshnessWeight > 0) {
      const fw = Math.min(1, this.o.freshnessWeight);
      const half = Math.max(this.o.freshnessHalfLifeDays, 1e-9) * DAY_MS;
      const rescored = ranked.slots.map((s, i) => {
        const at = this.slots.publishedAt(s);
        const score = ranked.scores[i] as number;
        return { s, score: at === null ? score : score * (1 - fw + fw * Math.pow(2, -Math.max(0, now - at) / half)) };
      });
      rescored.sort((a, b) => b.score - a.score || a.s - b.s);
      order = rescored.map((c) => c.s);
    }
    const out: number[] = [];
    const kept: number[] = [];
    const threshold = this.o.nearDuplicateJaccard;
    for (const s of order) {
      const id = this.slots.id(s);
      if (exclude?.has(id)) continue;
      if (this.slots.hasSignature(s)) {
        if (this.retells(s, query.fingerprints, kept, threshold)) continue;
        kept.push(s);
      }
      out.push(id);
      if (out.length >= k) break;
    }
    return out;
  }
}




/** True when stored options are exactly the options in force (key by key). */
function sameOptions(stored: unknown, wanted: RelatedOptions): boolean {
  if (!stored || typeof stored !== 'object') return false;
  const keys = Object.keys(wanted) as (keyof RelatedOptions)[];
  return Object.keys(stored).length === keys.length && keys.every((k) => (stored as Record<string, unknown>)[k] === wanted[k]);
}

function assertDoc(doc: DiscoveryDoc): void {
  if (!doc || typeof doc !== 'object' || !Number.isSafeInteger(doc.id)) {
    throw new TypeError(`DiscoveryDoc.id must be a safe integer, got ${String(doc?.id)}`);
  }
}
