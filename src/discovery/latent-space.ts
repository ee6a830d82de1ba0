import { metaNumber, takeSection, type SectionArray, type SectionParts } from './binary-sections.js';
import { addScaledFrom, addScaledFrom4, addScaledInto, addScaledInto4 } from './dense-rows.js';

/**
 * A latent semantic space learned from the site's own articles by reflective random indexing.
 *
 * Every term has a fixed random "index vector" R_t (a few ±1 entries in `dim` dimensions, derived from
 * the term's text, so a restart gives the same one). An article's projection is A_d·R, the weighted
 * sum of its terms' index vectors; a term's context vector C_t is the weighted sum of the projections
 * of the articles that hold it, so C = Aᵀ·A·R for the weighted article × term matrix A (the first step
 * of the randomized range finder behind a truncated SVD, whose columns lean towards the site's main
 * topics). An article's latent vector is the weighted sum of its terms' unit context vectors: two
 * articles are close when their words keep the same company across the site, even when they share few
 * words, and far apart when one shared word is all they have in common. (Orthonormalising C into a
 * proper truncated SVD basis was measured too: it scored lower on every labelled corpus, see decision
 * 005.)
 *
 * Incremental by construction: adding or removing an article adds or subtracts its projection from
 * the context vectors of its terms (`dim` operations per term) and embeds it (`dim` per term); the
 * vectors of other articles follow as the index's rolling refresh re-embeds them. Cosines are centred
 * on the mean article vector at query time (the mean is maintained exactly), so the direction every
 * article shares does not make everything look alike.
 */
export class LatentSpace {
  /** Nonzero entries of an index vector. */
  private static readonly SEED_ENTRIES = 4;
  private static readonly QUANT = 127;
  private static readonly PAGE_BITS = 12;
  private static readonly PAGE_ROWS = 1 << LatentSpace.PAGE_BITS;
  readonly dim: number;
  // Per term: SEED_ENTRIES signed positions, (position + 1) × sign; 0 = not seeded yet.
  private seeds = new Int16Array(0);
  // Per term: its row in `context`, or −1 while no article has brought it (most terms of a site
  // occur once and never need one).
  private rowOf = new Int32Array(0);
  private rows = 0;
  // Context vectors in pages of PAGE_ROWS rows: a new page never moves the others, so an update that
  // brings new terms costs what it adds, not a copy of every context vector.
  private readonly pages: Float32Array[] = [];
  // 1 / |C_t| per row while no absorb() has changed the context since freezeNorms() (bulk embedding).
  private inverseNorms: Float32Array | null = null;
  // Per slot: the unit latent vector quantized to int8 (× QUANT), and whether it is set.
  private vectors = new Int8Array(0);
  private embedded = new Uint8Array(0);
  private readonly sum: Float64Array;
  private count = 0;
  private readonly projection: Float64Array;
  private readonly scratch: Float64Array;
  // Up to four rows (page, offset, weight) waiting to be added in one pass.
  private readonly rowScratch: Float32Array[] = [];
  private readonly baseScratch = new Int32Array(4);
  private readonly weightScratch = new Float64Array(4);

  constructor(dim: number) {
    this.dim = Math.max(8, Math.min(1024, Math.round(dim)));
    this.sum = new Float64Array(this.dim);
    this.projection = new Float64Array(this.dim);
    this.scratch = new Float64Array(this.dim);
  }

  /** Gives a new term its index vector, derived from its text (FNV-1a then xorshift). */
  seedTerm(t: number, term: string): void {
    this.ensureTerms(t + 1);
    let h = 0x811c9dc5;
    for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
    const at = t * LatentSpace.SEED_ENTRIES;
    for (let j = 0; j < LatentSpace.SEED_ENTRIES; j++) {
      h ^= h << 13;
      h ^= h >>> 17;
      h ^= h << 5;
      const pos = ((h >>> 1) % this.dim) + 1;
      this.seeds[at + j] = h & 1 ? pos : -pos;
    }
  }

  private ensureTerms(n: number): void {
    if (this.rowOf.length >= n) return;
    const cap = Math.max(1024, n * 2);
    const seeds = new Int16Array(cap * LatentSpace.SEED_ENTRIES);
    seeds.set(this.seeds);
    this.seeds = seeds;
    const rowOf = new Int32Array(cap).fill(-1);
    rowOf.set(this.rowOf);
    this.rowOf = rowOf;
  }

  private rowFor(t: number): number {
    let r = this.rowOf[t] as number;
    if (r < 0) {
      r = this.rows++;
      this.rowOf[t] = r;
      if (r >> LatentSpace.PAGE_BITS >= this.pages.length) this.pages.push(new Float32Array(LatentSpace.PAGE_ROWS * this.dim));
    }
    return r;
  }

  private ensureSlots(n: number): void {
    if (this.embedded.length >= n) return;
    const cap = Math.max(1024, Math.ceil(n * 1.5));
    const vectors = new Int8Array(cap * this.dim);
    vectors.set(this.vectors);
    this.vectors = vectors;
    const embedded = new Uint8Array(cap);
    embedded.set(this.embedded);
    this.embedded = embedded;
  }

  /** Adds (sign 1) or takes back (sign −1) an article's weighted terms from the context vectors. */
  absorb(terms: Uint32Array, weights: Float32Array, from: number, to: number, sign: 1 | -1): void {
    if (to <= from) return;
    this.inverseNorms = null;
    const d = this.dim;
    const p = this.projection;
    p.fill(0);
    const seeds = this.seeds;
    for (let i = from; i < to; i++) {
      const w = weights[i] as number;
      const at = (terms[i] as number) * LatentSpace.SEED_ENTRIES;
      for (let j = 0; j < LatentSpace.SEED_ENTRIES; j++) {
        const s = seeds[at + j] as number;
        if (s > 0) p[s - 1] = (p[s - 1] as number) + w;
        else if (s < 0) p[-s - 1] = (p[-s - 1] as number) - w;
      }
    }
    const mask = LatentSpace.PAGE_ROWS - 1;
    const rows = this.rowScratch;
    const bases = this.baseScratch;
    const ws = this.weightScratch;
    let n = 0;
    for (let i = from; i < to; i++) {
      const r = this.rowFor(terms[i] as number);
      rows[n] = this.pages[r >> LatentSpace.PAGE_BITS] as Float32Array;
      bases[n] = (r & mask) * d;
      ws[n] = sign * (weights[i] as number);
      // An article's terms are distinct, so the four rows are too.
      if (++n === 4) {
        addScaledInto4(p, d, rows[0]!, bases[0]!, ws[0]!, rows[1]!, bases[1]!, ws[1]!, rows[2]!, bases[2]!, ws[2]!, rows[3]!, bases[3]!, ws[3]!);
        n = 0;
      }
    }
    for (let j = 0; j < n; j++) addScaledInto(rows[j]!, bases[j]!, p, ws[j]!, d);
  }

  /** Computes and stores the slot's latent vector from its weighted terms; false when it has none. */
  embed(slot: number, terms: Uint32Array, weights: Float32Array, from: number, to: number): boolean {
    this.ensureSlots(slot + 1);
    this.forget(slot);
    const z = this.scratch;
    if (!this.compose(terms, weights, from, to, z)) return false;
    const d = this.dim;
    const base = slot * d;
    const q = LatentSpace.QUANT;
    for (let k = 0; k < d; k++) {
      const v = Math.round((z[k] as number) * q);
      this.vectors[base + k] = v;
      this.sum[k] = (this.sum[k] as number) + v / q;
    }
    this.embedded[slot] = 1;
    this.count++;
    return true;
  }

  /** Drops the slot's latent vector (the article left or changed). */
  forget(slot: number): void {
    if (slot >= this.embedded.length || this.embedded[slot] === 0) return;
    const d = this.dim;
    const base = slot * d;
    const q = LatentSpace.QUANT;
    for (let k = 0; k < d; k++) this.sum[k] = (this.sum[k] as number) - (this.vectors[base + k] as number) / q;
    this.embedded[slot] = 0;
    this.count--;
  }

  /** Computes every context vector's length once, for embedding many articles before the next absorb(). */
  freezeNorms(): void {
    const d = this.dim;
    const norms = new Float32Array(this.rows);
    const mask = LatentSpace.PAGE_ROWS - 1;
    for (let r = 0; r < this.rows; r++) {
      const context = this.pages[r >> LatentSpace.PAGE_BITS] as Float32Array;
      let n2 = 0;
      for (let k = (r & mask) * d, end = k + d; k < end; k++) n2 += (context[k] as number) ** 2;
      norms[r] = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
    }
    this.inverseNorms = norms;
  }

  /** Unit vector of Σ w_t·C_t/|C_t| into `out`; false when none of the terms has a context. */
  private compose(terms: Uint32Array, weights: Float32Array, from: number, to: number, out: Float64Array): boolean {
    const d = this.dim;
    const mask = LatentSpace.PAGE_ROWS - 1;
    out.fill(0);
    // Terms are summed four at a time (addScaledFrom4), in their order.
    const rows = this.rowScratch;
    const bases = this.baseScratch;
    const ws = this.weightScratch;
    let n = 0;
    for (let i = from; i < to; i++) {
      const r = this.rowOf[terms[i] as number] as number;
      if (r < 0) continue;
      const context = this.pages[r >> LatentSpace.PAGE_BITS] as Float32Array;
      const base = (r & mask) * d;
      // Each term speaks with its weight in the article: the context vector of a common word is long
      // only because the word is common.
      let inv: number;
      if (this.inverseNorms) inv = this.inverseNorms[r] as number;
      else {
        let n2 = 0;
        for (let k = 0; k < d; k++) n2 += (context[base + k] as number) ** 2;
        inv = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
      }
      if (inv === 0) continue;
      rows[n] = context;
      bases[n] = base;
      ws[n] = (weights[i] as number) * inv;
      if (++n === 4) {
        addScaledFrom4(out, d, rows[0]!, bases[0]!, ws[0]!, rows[1]!, bases[1]!, ws[1]!, rows[2]!, bases[2]!, ws[2]!, rows[3]!, bases[3]!, ws[3]!);
        n = 0;
      }
    }
    for (let j = 0; j < n; j++) addScaledFrom(out, rows[j]!, bases[j]!, ws[j]!, d);
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (out[k] as number) ** 2;
    if (!(norm > 0)) return false;
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < d; k++) out[k] = (out[k] as number) * inv;
    return true;
  }

  /**
   * A query: the centred mean of the slots' latent vectors, unit length, or null when none has one.
   * `out` must hold `dim` numbers.
   */
  queryOf(slots: Iterable<number>, out: Float64Array): boolean {
    const d = this.dim;
    out.fill(0);
    let n = 0;
    for (const slot of slots) {
      if (slot >= this.embedded.length || this.embedded[slot] === 0) continue;
      const base = slot * d;
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) + (this.vectors[base + k] as number);
      n++;
    }
    if (n === 0 || this.count === 0) return false;
    const q = LatentSpace.QUANT;
    let norm = 0;
    for (let k = 0; k < d; k++) {
      const v = (out[k] as number) / (n * q) - (this.sum[k] as number) / this.count;
      out[k] = v;
      norm += v * v;
    }
    if (norm === 0) return false;
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < d; k++) out[k] = (out[k] as number) * inv;
    return true;
  }

  /** Centred cosine between a query from queryOf() and the slot; 0 when the slot has no latent vector. */
  similarity(query: Float64Array, slot: number): number {
    if (slot >= this.embedded.length || this.embedded[slot] === 0 || this.count === 0) return 0;
    const d = this.dim;
    const base = slot * d;
    const q = LatentSpace.QUANT;
    const inv = 1 / this.count;
    let dot = 0;
    let norm = 0;
    for (let k = 0; k < d; k++) {
      const v = (this.vectors[base + k] as number) / q - (this.sum[k] as number) * inv;
      dot += v * (query[k] as number);
      norm += v * v;
    }
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  }

  /** Bytes held (for memory reports). */
  get bytes(): number {
    const pages = this.pages.length * LatentSpace.PAGE_ROWS * this.dim * 4;
    return this.seeds.byteLength + this.rowOf.byteLength + pages + this.vectors.byteLength + this.embedded.byteLength;
  }

  /** Puts the whole state into `out` under `prefix` (context vectors of used rows only); returns its counters. */
  saveTo(prefix: string, out: Map<string, SectionArray | SectionParts>): { dim: number; rows: number; count: number } {
    const d = this.dim;
    // The used rows of every page, one page after another, straight from the pages.
    const pages = this.pages;
    const values = this.rows * d;
    const pageValues = LatentSpace.PAGE_ROWS * d;
    out.set(`${prefix}.context`, {
      kind: Float32Array,
      count: values,
      *parts() {
        for (let p = 0; p < pages.length && p * pageValues < values; p++) {
          const page = pages[p] as Float32Array;
          yield page.subarray(0, Math.min(page.length, values - p * pageValues));
        }
      },
    });
    out.set(`${prefix}.seeds`, this.seeds);
    out.set(`${prefix}.rowOf`, this.rowOf);
    out.set(`${prefix}.vectors`, this.vectors);
    out.set(`${prefix}.embedded`, this.embedded);
    out.set(`${prefix}.sum`, this.sum);
    return { dim: d, rows: this.rows, count: this.count };
  }

  /** A space as saveTo() left it; throws TypeError when the parts do not fit together. */
  static restore(prefix: string, sections: ReadonlyMap<string, SectionArray>, meta: unknown): LatentSpace {
    const space = new LatentSpace(metaNumber(meta, 'dim'));
    const d = space.dim;
    const rows = metaNumber(meta, 'rows');
    const context = takeSection(sections, `${prefix}.context`, Float32Array);
    const sum = takeSection(sections, `${prefix}.sum`, Float64Array);
    space.seeds = takeSection(sections, `${prefix}.seeds`, Int16Array);
    space.rowOf = takeSection(sections, `${prefix}.rowOf`, Int32Array);
    space.vectors = takeSection(sections, `${prefix}.vectors`, Int8Array);
    space.embedded = takeSection(sections, `${prefix}.embedded`, Uint8Array);
    if (d !== metaNumber(meta, 'dim') || context.length !== rows * d || sum.length !== d) throw new TypeError('invalid snapshot file: latent sizes differ');
    if (space.seeds.length !== space.rowOf.length * LatentSpace.SEED_ENTRIES || space.vectors.length !== space.embedded.length * d) {
      throw new TypeError('invalid snapshot file: latent sizes differ');
    }
    for (const r of space.rowOf) if (r >= rows) throw new TypeError('invalid snapshot file: latent row out of range');
    const pageSize = LatentSpace.PAGE_ROWS * d;
    for (let from = 0; from < context.length; from += pageSize) {
      const page = new Float32Array(pageSize);
      page.set(context.subarray(from, Math.min(context.length, from + pageSize)));
      space.pages.push(page);
    }
    space.rows = rows;
    space.sum.set(sum);
    space.count = metaNumber(meta, 'count');
    return space;
  }
}
