// Simulated readers for bench/recommend-bench.ts: corpus loading, a seeded PRNG, Zipf sampling.
// The simulation knows categories; the recommender never sees them (only ids and text).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface BenchArticle {
  id: number;
  sourceId: string;
  title: string;
  text: string;
  category: string;
  date: string;
}

/** Reads a (gzipped) JSONL corpus with id,title,summary|body,category,date; ids become 1..N in file order. */
export function loadCorpus(file: string): BenchArticle[] {
  const buf = readFileSync(file);
  const raw = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  const out: BenchArticle[] = [];
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    const category = typeof r.category === 'string' ? r.category : null;
    if (!category) continue; // readers' tastes are defined over categories
    out.push({
      id: out.length + 1,
      sourceId: String(r.id),
      title: String(r.title ?? ''),
      text: String(r.summary ?? r.body ?? ''),
      category,
      date: String(r.date ?? ''),
    });
  }
  return out;
}

/** Samples from fixed weights by binary search over the cumulative sums. */
export class WeightedSampler<T> {
  private readonly cum: Float64Array;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    weights.forEach((w, i) => {
      s += w;
      this.cum[i] = s;
    });
  }
  sample(rnd: () => number): T {
    const x = rnd() * this.cum[this.cum.length - 1]!;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

export function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

export interface SimOptions {
  zipf: number;
  /** Share of reads that ignore the reader's taste and follow global popularity. */
  explore: number;
  /** Share of articles (the newest by date) published after the training period. */
  fresh: number;
  meanReads: number;
}

export interface Reader {
  categories: string[];
  reads: number[];
}

/**
 * The simulated world: per category a Zipf popularity over a random order of its articles, a
 * global popularity for exploring reads, and the newest articles marked fresh (unseen in training).
 */
export class World {
  readonly byCategory = new Map<string, BenchArticle[]>();
  readonly categorySampler: WeightedSampler<string>;
  private readonly established = new Map<string, WeightedSampler<number>>();
  private readonly everything = new Map<string, WeightedSampler<number>>();
  private readonly globalEstablished: WeightedSampler<number>;
  private readonly globalEverything: WeightedSampler<number>;
  readonly fresh = new Set<number>();

  constructor(
    readonly articles: readonly BenchArticle[],
    readonly opts: SimOptions,
    rnd: () => number,
  ) {
    const byDate = [...articles].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
    for (const a of byDate.slice(0, Math.round(opts.fresh * articles.length))) this.fresh.add(a.id);

    for (const a of articles) {
      let list = this.byCategory.get(a.category);
      if (!list) this.byCategory.set(a.category, (list = []));
      list.push(a);
    }
    const cats = [...this.byCategory.keys()].sort();
    // Readers pick tastes in proportion to how much a category publishes (POLITICS is big).
    this.categorySampler = new WeightedSampler(cats, cats.map((c) => this.byCategory.get(c)!.length));

    const gIds: number[] = [];
    const gW: number[] = [];
    const gWAll: number[] = [];
    for (const c of cats) {
      const order = shuffle([...this.byCategory.get(c)!], rnd);
      const ids = order.map((a) => a.id);
      const w = order.map((_, rank) => 1 / Math.pow(rank + 1, opts.zipf));
      this.everything.set(c, new WeightedSampler(ids, w));
      this.established.set(c, new WeightedSampler(ids, w.map((x, i) => (this.fresh.has(ids[i]!) ? 0 : x))));
      // Global popularity: a category's share of reads follows its size, spread by the same Zipf law.
      const share = order.length / articles.length;
      const norm = w.reduce((s, x) => s + x, 0);
      ids.forEach((id, i) => {
        gIds.push(id);
        gW.push((share * w[i]!) / norm);
        gWAll.push(this.fresh.has(id) ? 0 : (share * w[i]!) / norm);
      });
    }
    this.globalEverything = new WeightedSampler(gIds, gW);
    this.globalEstablished = new WeightedSampler(gIds, gWAll);
  }

  /** A reader with 1-3 tastes and random weights over them; `training` readers never meet fresh articles. */
  reader(rnd: () => number, nReads: number, training: boolean): Reader {
    const m = 1 + Math.floor(rnd() * 3);
    const categories: string[] = [];
    for (let guard = 0; categories.length < m && guard < 100; guard++) {
      const c = this.categorySampler.sample(rnd);
      if (!categories.includes(c)) categories.push(c);
    }
    const weights = categories.map(() => -Math.log(1 - rnd())); // Dirichlet(1,...,1) up to scale
    const taste = new WeightedSampler(categories, weights);
    const reads: number[] = [];
    const seen = new Set<number>();
    for (let guard = 0; reads.length < nReads && guard < nReads * 50; guard++) {
      const explore = rnd() < this.opts.explore;
      const id = explore
        ? (training ? this.globalEstablished : this.globalEverything).sample(rnd)
        : (training ? this.established : this.everything).get(taste.sample(rnd))!.sample(rnd);
      if (seen.has(id)) continue; // nobody reads the same article twice in a session of new reads
      seen.add(id);
      reads.push(id);
    }
    return { categories, reads };
  }

  /** Session length: 2 + geometric, mean about opts.meanReads, capped at 50. */
  sessionLength(rnd: () => number): number {
    const p = 1 / Math.max(1, this.opts.meanReads - 1);
    let n = 2;
    while (n < 50 && rnd() > p) n++;
    return n;
  }
}
