import type { Generated } from 'kysely';

/**
 * Table types shared by both dialects. Times are epoch milliseconds in integer
 * columns (bigint on PostgreSQL) so both dialects compare and sort them alike.
 */
export interface Database {
  settings: SettingsTable;
  categories: CategoriesTable;
  authors: AuthorsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  view_buckets: ViewBucketsTable;
  reactions: ReactionsTable;
  reaction_totals: ReactionTotalsTable;
  reads: ReadsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  parent_id: number | null;
  description: string;
  position: number;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published';
export type BodyFormat = 'markdown' | 'html';

export interface ArticlesTable {
  id: Generated<number>;
  /** The id an importer gave the article (e.g. `huffpost-123`); re-imports update by it. */
  import_id: string | null;
  slug: string;
  title: string;
  summary: string;
  body_source: string;
  body_format: BodyFormat;
  body_html: string;
  /** Plain text of title + body for search and the discovery engine. */
  body_text: string;
  category_id: number | null;
  cover_image_url: string | null;
  source_url: string | null;
  status: ArticleStatus;
  published_at: number | null;
  created_at: number;
  updated_at: number;
  recommended: number;
  recommended_until: number | null;
  view_count: Generated<number>;
  /** Title and text in Masthead's search analysis (discovery/search-analysis.ts): tokens joined by spaces. */
  search_title: Generated<string>;
  search_body: Generated<string>;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ViewBucketsTable {
  article_id: number;
  /** Epoch hour: floor(ms / 3_600_000). */
  hour: number;
  views: number;
}

export interface ReactionsTable {
  article_id: number;
  /** Keyed hash of the reader identity; never a raw IP address. */
  reader: string;
  kind: string;
  created_at: number;
}

export interface ReactionTotalsTable {
  article_id: number;
  kind: string;
  count: number;
}

export interface ReadsTable {
  /** Keyed hash of the anonymous visitor id. */
  reader: string;
  article_id: number;
  read_at: number;
}
