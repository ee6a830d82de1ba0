import { describe, expect, it } from 'vitest';
import { LatentSpace } from './latent-space.js';

// Articles as weighted term ids: 0..3 are about boats, 4..7 about bread, 8 shows up in both.
const WORDS = ['harbour', 'sail', 'boat', 'crew', 'flour', 'oven', 'bread', 'baker', 'weekend'];
const ARTICLES: number[][] = [
  [0, 1, 2],
  [1, 2, 3],
  [0, 3, 8],
  [4, 5, 6],
  [5, 6, 7],
  [4, 7, 8],
];

function space(): LatentSpace {
  const s = new LatentSpace(64);
  WORDS.forEach((w, t) => s.seedTerm(t, w));
  return s;
}

function vector(terms: number[]): { ids: Uint32Array; weights: Float32Array } {
  const w = 1 / Math.sqrt(terms.length);
  return { ids: Uint32Array.from(terms), weights: new Float32Array(terms.length).fill(w) };
}

function learnAll(s: LatentSpace): void {
  for (const a of ARTICLES) {
    const v = vector(a);
    s.absorb(v.ids, v.weights, 0, v.ids.length, 1);
  }
  ARTICLES.forEach((a, slot) => {
    const v = vector(a);
    s.embed(slot, v.ids, v.weights, 0, v.ids.length);
  });
}

describe('LatentSpace', () => {
  it('puts articles whose words keep the same company closer than articles that share only one word', () => {
    const s = space();
    learnAll(s);
    const q = new Float64Array(s.dim);
    // Article 2 shares "harbour" and "crew" with the boat stories and "weekend" with a bread story.
    expect(s.queryOf([2], q)).toBe(true);
    const boats = [s.similarity(q, 0), s.similarity(q, 1)];
    const bread = s.similarity(q, 5);
    for (const b of boats) expect(b).toBeGreaterThan(bread);
  });

  it('taking an article back restores the space it left', () => {
    const s = space();
    learnAll(s);
    const q = new Float64Array(s.dim);
    s.queryOf([0], q);
    const before = [1, 2, 3, 4].map((slot) => s.similarity(q, slot));
    const extra = vector([0, 4, 6]);
    s.absorb(extra.ids, extra.weights, 0, 3, 1);
    s.embed(6, extra.ids, extra.weights, 0, 3);
    s.absorb(extra.ids, extra.weights, 0, 3, -1);
    s.forget(6);
    s.queryOf([0], q);
    const after = [1, 2, 3, 4].map((slot) => s.similarity(q, slot));
    after.forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 5));
  });

  it('gives the same index vectors to the same words in another process (derived from the text)', () => {
    const a = space();
    const b = space();
    learnAll(a);
    learnAll(b);
    const qa = new Float64Array(a.dim);
    const qb = new Float64Array(b.dim);
    a.queryOf([0], qa);
    b.queryOf([0], qb);
    expect(a.similarity(qa, 3)).toBe(b.similarity(qb, 3));
  });

  it('has nothing to say about an article it never embedded', () => {
    const s = space();
    learnAll(s);
    const q = new Float64Array(s.dim);
    expect(s.queryOf([42], q)).toBe(false);
    s.queryOf([0], q);
    expect(s.similarity(q, 42)).toBe(0);
  });
});
