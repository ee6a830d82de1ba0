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
  media: MediaTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  article_revisions: ArticleRevisionsTable;
  slug_redirects: SlugRedirectsTable;
  front_pins: FrontPinsTable;
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
  /** An http(s) address of the byline's photo. */
  photo_url: Generated<string | null>;
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
  cover_media_id: number | null;
  source_url: string | null;
  status: ArticleStatus;
  published_at: number | null;
  created_at: number;
  updated_at: number;
  recommended: number;
  recommended_until: number | null;
  view_count: Generated<number>;
  /** The account that created the article in the newsroom (null for imports). */
  created_by: Generated<number | null>;
  /** When the article went to the bin (null while it is not there). */
  deleted_at: Generated<number | null>;
  /** Title and text in Masthead's search analysis (discovery/search-analysis.ts): tokens joined by spaces. */
  search_title: Generated<string>;
  search_body: Generated<string>;
  /** Where the article is in review: 'submitted' (waiting for an editor), 'returned' (sent back), or null. */
  review_state: Generated<ReviewState | null>;
  /** The editor's note when the article was sent back. */
  review_note: Generated<string>;
}

export type ReviewState = 'submitted' | 'returned';

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

export interface MediaTable {
  id: Generated<number>;
  sha256: string;
  filename: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  /** JSON list of the variants (name, format, width, height, bytes). */
  variants: string;
  created_at: number;
}
export type Role = 'owner' | 'editor' | 'author' | 'contributor';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  /** Wrong passwords in a row since the last successful sign-in. */
  failed_logins: Generated<number>;
  locked_until: number | null;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself lives only in the browser's cookie. */
  token_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface LoginThrottleTable {
  /** Keyed hash of the client's address key. */
  key: string;
  window_start: number;
  failures: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  /** Who did it, as shown (the account's email at the time, or "scheduler"). */
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  saved_at: number;
  user_id: number | null;
  /** "save", "autosave", "publish", "restore"… */
  kind: string;
  status: string;
  slug: string;
  title: string;
  summary: string;
  body_source: string;
  /** The other editor fields as JSON (section, tags, authors, cover, recommended). */
  fields: string;
}

export interface SlugRedirectsTable {
  old_slug: string;
  article_id: number;
}

export interface FrontPinsTable {
  /** 0 is the lead story; 1… the top stories. */
  slot: number;
  article_id: number;
  pinned_at: number;
}
