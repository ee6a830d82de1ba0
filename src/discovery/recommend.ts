// Recommendation (8) on the article page: editor picks, then "readers also read", then the
// taste of this reader, then a fallback list. Pure: every input, including the time, is passed in.
import { activeEditorPicks } from './editor-picks.js';
import { recentReads } from './reading-history.js';
import type { CoVisitation, CoVisitationSeed } from './co-visitation.js';
import type { EditorPick } from './editor-picks.js';

/** Content similarity seam, provided by the Related engine: ids similar to `ids`, best first. */
export type SimilarTo = (ids: readonly number[], k: number, exclude: ReadonlySet<number>) => number[];

export type RecommendationSource = 'editor' | 'also-read' | 'similar' | 'fallback';

export interface RecommendOptions {
  /** Recent reads (besides the current article) that seed "also read" and similarity (default 10). */
  recentReads?: number;
  /** Weight of the newest earlier read in "also read", relative to the current article's 1 (default 0.8). */
  historyWeight?: number;
  /** Each older read weighs this fraction of the next newer one (default 0.9). */
  historyDecay?: number;
  /**
   * Places held back from "also read" for content similarity when the reader has a history
   * (default 0: similarity fills what co-visitation cannot; see docs/recommendation.md for why).
   */
  contentSlots?: number;
}

export interface RecommendInput {
  currentId: number;
  k: number;
  editorPicks: readonly EditorPick[];
  nowMs: number;
  /** This reader's recent reads, newest last (may include the current article). */
  history: readonly number[];
  /** Ids shown elsewhere on the page, e.g. Related. */
  exclude: ReadonlySet<number>;
  coVisitation: CoVisitation;
  similarTo?: SimilarTo;
  /** Filler when the other sources run dry, e.g. most viewed or newest. */
  fallback?: readonly number[];
  options?: RecommendOptions;
}

export interface Recommendation {
  articleId: number;
  source: RecommendationSource;
}

/** Recommended article ids for one page view, best first, at most k. */
export function recommend(input: RecommendInput): number[] {
  return recommendExplained(input).map((r) => r.articleId);
}

/** Like recommend(), with the source of each item (for data attributes, logs and the benchmark). */
export function recommendExplained(input: RecommendInput): Recommendation[] {
  const { currentId, k, coVisitation, similarTo } = input;
  const opts = input.options ?? {};
  const out: Recommendation[] = [];
  if (k <= 0) return out;

  // Never the current article, never what the page already shows, never what this reader has read.
  const blocked = new Set<number>(input.exclude);
  blocked.add(currentId);
  for (const id of input.history) blocked.add(id);
  const take = (id: number, source: RecommendationSource): boolean => {
    if (out.length >= k || blocked.has(id)) return false;
    blocked.add(id); // also dedupes across sources
    out.push({ articleId: id, source });
    return true;
  };

  for (const id of activeEditorPicks(input.editorPicks, input.nowMs)) take(id, 'editor');
  if (out.length >= k) return out;

  const recent = recentReads(input.history, opts.recentReads ?? 10, currentId);
  const seeds: CoVisitationSeed[] = [{ articleId: currentId, weight: 1 }];
  let w = opts.historyWeight ?? 0.8;
  for (const id of recent) {
    seeds.push({ articleId: id, weight: w });
    w *= opts.historyDecay ?? 0.9;
  }
  // Ask for a full list even when some places are meant for similarity: it backfills them if
  // similarity has nothing to offer.
  const alsoRead = coVisitation.alsoReadMany(seeds, k - out.length, blocked).map((r) => r.articleId);

  const hasTaste = similarTo !== undefined && recent.length > 0;
  const contentSlots = hasTaste ? Math.min(Math.max(0, opts.contentSlots ?? 0), k - out.length) : 0;
  const coTarget = k - contentSlots;
  let next = 0;
  while (out.length < coTarget && next < alsoRead.length) take(alsoRead[next++]!, 'also-read');

  if (similarTo !== undefined && out.length < k) {
    // The reader's taste: what they read before this page, newest first; the current article
    // closes the list, since Related already shows what is closest to it.
    const contentSeeds = [...recent, currentId];
    for (const id of similarTo(contentSeeds, k - out.length, blocked)) take(id, 'similar');
  }

  while (out.length < k && next < alsoRead.length) take(alsoRead[next++]!, 'also-read');
  for (const id of input.fallback ?? []) {
    if (out.length >= k) break;
    take(id, 'fallback');
  }
  return out;
}
