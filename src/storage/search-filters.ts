import { sql, type RawBuilder } from 'kysely';
import type { SearchRequest } from './ports.js';

/** How many characters of each result's text come back for its snippet. */
export const SNIPPET_SOURCE_CHARS = 4000;
/** Totals above this are reported as this (counting every match of a common word costs a scan). */
export const MAX_COUNTED = 1000;
/**
 * A query matching MAX_COUNTED articles or more (a common word) is ranked among its newest
 * matches by id, this many, instead of all of them: scoring every article that holds "people"
 * costs hundreds of milliseconds and a word that broad cannot single out an old article anyway.
 * As many as are counted, so every page a total of 1,000 can have is ranked the same way.
 */
export const BROAD_CANDIDATES = MAX_COUNTED;

/** True when a counted search is broad enough to rank among its newest matches only (see BROAD_CANDIDATES). */
export function rankNewestOnly(r: SearchRequest, total: number): boolean {
  const filtered = r.categoryIds !== undefined || r.tagId !== undefined || r.authorId !== undefined || r.from !== undefined || r.to !== undefined;
  return total >= MAX_COUNTED && !filtered && r.sort === 'relevance' && r.offset + r.limit <= BROAD_CANDIDATES;
}

/** The visibility and filter conditions of a search, on the `articles` row aliased `a` (same SQL on both dialects). */
export function searchFilters(r: SearchRequest): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.status in ('published', 'scheduled')`, sql`a.published_at <= ${r.now}`];
  if (r.categoryIds) parts.push(r.categoryIds.length ? sql`a.category_id in (${sql.join(r.categoryIds)})` : sql`1 = 0`);
  if (r.tagId !== undefined) parts.push(sql`a.id in (select article_id from article_tags where tag_id = ${r.tagId})`);
  if (r.authorId !== undefined) parts.push(sql`a.id in (select article_id from article_authors where author_id = ${r.authorId})`);
  if (r.from !== undefined) parts.push(sql`a.published_at >= ${r.from}`);
  if (r.to !== undefined) parts.push(sql`a.published_at < ${r.to}`);
  return sql.join(parts, sql` and `);
}

export interface HitRow {
  id: number; slug: string; title: string; summary: string; category_id: number | null; cover_image_url: string | null;
  cover_media_id: number | null; published_at: number | null; view_count: number; text_head: string;
}

export const hitColumns = sql`a.id, a.slug, a.title, a.summary, a.category_id, a.cover_image_url, a.cover_media_id, a.published_at, a.view_count,
  substr(a.body_text, 1, ${SNIPPET_SOURCE_CHARS}) as text_head`;

export function toHit(r: HitRow) {
  return {
    id: r.id, slug: r.slug, title: r.title, summary: r.summary, categoryId: r.category_id, coverImageUrl: r.cover_image_url, coverImageId: r.cover_media_id,
    publishedAt: r.published_at === null ? null : Number(r.published_at), viewCount: Number(r.view_count), textHead: r.text_head ?? '',
  };
}
