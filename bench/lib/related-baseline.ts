import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import type { DiscoveryDoc } from '../../src/discovery/types.js';

// sklearn's default token pattern \b\w\w+\b, with Python's Unicode \w.
const TOKEN_RE = /[\p{L}\p{N}_]{2,}/gu;
const STOP = new Set((stopwordsIso as unknown as Record<string, string[]>).en ?? []);

/**
 * Plain TF-IDF cosine, as scikit-learn's TfidfVectorizer(sublinear_tf, stop_words, min_df=2, max_df=0.5)
 * would score it (smooth idf, l2 norm), with exact top-k through a full inverted index.
 * Stop words come from stopwords-iso 'en', a superset of scikit-learn's list.
 */
export class TfidfBaseline {
  private readonly ids: number[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly vecTerms: Int32Array[] = [];
  private readonly vecWeights: Float32Array[] = [];
  private postSlots: Int32Array[] = [];
  private postWeights: Float32Array[] = [];
  private acc = new Float64Array(0);
  private touched = new Int32Array(0);

  constructor(docs: readonly DiscoveryDoc[]) {
    const vocab = new Map<string, number>();
    const bags: Map<number, number>[] = [];
    const df: number[] = [];
    for (const d of docs) {
      const bag = new Map<number, number>();
      const text = `${d.title}\n${d.text}`.toLowerCase();
      for (const m of text.matchAll(TOKEN_RE)) {
        const tok = m[0];
        if (STOP.has(tok)) continue;
        let t = vocab.get(tok);
        if (t === undefined) {
          vocab.set(tok, (t = vocab.size));
          df.push(0);
        }
        bag.set(t, (bag.get(t) ?? 0) + 1);
      }
      for (const t of bag.keys()) df[t] = (df[t] as number) + 1;
      this.slotOf.set(d.id, this.ids.length);
      this.ids.push(d.id);
      bags.push(bag);
    }
    const n = docs.length;
    const idf = df.map((f) => (f >= 2 && f <= 0.5 * n ? Math.log((1 + n) / (1 + f)) + 1 : 0));
    const postS: number[][] = Array.from({ length: df.length }, () => []);
    const postW: number[][] = Array.from({ length: df.length }, () => []);
    bags.forEach((bag, slot) => {
      const terms: number[] = [];
      const weights: number[] = [];
      let norm = 0;
      for (const [t, c] of bag) {
        const g = idf[t] as number;
        if (g === 0) continue;
        const w = (1 + Math.log(c)) * g;
        terms.push(t);
        weights.push(w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      const wv = Float32Array.from(weights, (w) => w / norm);
      this.vecTerms.push(Int32Array.from(terms));
      this.vecWeights.push(wv);
      terms.forEach((t, i) => {
        postS[t]!.push(slot);
        postW[t]!.push(wv[i] as number);
      });
    });
    this.postSlots = postS.map((a) => Int32Array.from(a));
    this.postWeights = postW.map((a) => Float32Array.from(a));
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  /** Exact top-k by cosine (ties by id order); never the query itself. */
  related(id: number, k: number): number[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    const terms = this.vecTerms[slot]!;
    const weights = this.vecWeights[slot]!;
    const acc = this.acc;
    let count = 0;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      const qw = weights[i] as number;
      const ps = this.postSlots[t]!;
      const pw = this.postWeights[t]!;
      for (let j = 0; j < ps.length; j++) {
        const s = ps[j] as number;
        if (acc[s] === 0) this.touched[count++] = s;
        acc[s] = (acc[s] as number) + qw * (pw[j] as number);
      }
    }
    const best: { s: number; v: number }[] = [];
    let floor = -Infinity;
    for (let i = 0; i < count; i++) {
      const s = this.touched[i] as number;
      const v = acc[s] as number;
      acc[s] = 0;
      if (s === slot || v <= 0) continue;
      if (best.length < k || v > floor) {
        best.push({ s, v });
        if (best.length > k * 4) {
          best.sort((a, b) => b.v - a.v || a.s - b.s);
          best.length = k;
          floor = best[k - 1]!.v;
        }
      }
    }
    best.sort((a, b) => b.v - a.v || a.s - b.s);
    return best.slice(0, k).map((b) => this.ids[b.s] as number);
  }
}
