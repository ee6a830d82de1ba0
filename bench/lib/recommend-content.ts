// The content-similarity engine the recommendation benchmark uses: the Related engine itself,
// seen through the recommend() seam.
import { RelatedIndex } from '../../src/discovery/related-index.js';
import type { SimilarTo } from '../../src/discovery/recommend.js';

export interface ContentEngine {
  name: string;
  similarTo: SimilarTo;
  related: (id: number, k: number) => number[];
}

/** Builds the Related engine over docs (ids, titles and text only: no categories, no dates). */
export function loadContentEngine(docs: readonly { id: number; title: string; text: string }[]): ContentEngine {
  const index = RelatedIndex.build(docs);
  return {
    name: 'RelatedIndex (src/discovery/related-index.ts)',
    similarTo: (ids, k, exclude) => index.similarTo(ids, k, { exclude }),
    related: (id, k) => index.related(id, k),
  };
}
