import type { Article, ArticleCard, ArticleStatus, Author, BodyFormat, Category, Tag } from '../content/types.js';
import type { ParsedQuery } from '../search/search-query.js';

/** Everything an article write carries once the service has rendered and validated it. */
export interface ArticleWrite {
  importId: string | null;
  slug: string;
  title: string;
  summary: string;
  bodySource: string;
  bodyFormat: BodyFormat;
  bodyHtml: string;
  bodyText: string;
  categoryId: number | null;
  coverImageUrl: string | null;
  sourceUrl: string | null;
  status: ArticleStatus;
  publishedAt: number | null;
  recommended: boolean;
  recommendedUntil: number | null;
  tagIds: number[];
  authorIds: number[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Which public articles a list shows. Time `now` hides scheduled articles until their time. */
export interface ListQuery {
  now: number;
  categoryIds?: number[];
  tagId?: number;
  authorId?: number;
  excludeIds?: number[];
  limit: number;
  offset?: number;
  /** Set false when only the items are needed: counting a large section costs a scan. */
  countTotal?: boolean;
}

/** An article as the discovery engine's sync sees it. */
export interface ChangedArticle extends IndexableArticle {
  visible: boolean;
  updatedAt: number;
}

/** Text of one article for the discovery engine. */
export interface IndexableArticle {
  id: number;
  title: string;
  text: string;
  tags: string[];
  categoryId: number | null;
  publishedAt: number | null;
}

/** An article as a feed shows it: the card, its dates and bylines, and at most a prefix of the body. */
export interface FeedArticle extends ArticleCard {
  /** The first `maxBodyChars` characters of the sanitized body (the whole body when it is shorter). */
  bodyHtmlHead: string;
  /** The length of the whole body, so a cut body can say so. */
  bodyLength: number;
  createdAt: number;
  updatedAt: number;
  tags: Tag[];
  authors: Author[];
}

export interface ArticleStore {
  findById(id: number): Promise<Article | undefined>;
  findBySlug(slug: string): Promise<Article | undefined>;
  findIdByImportId(importId: string): Promise<{ id: number; slug: string } | undefined>;
  slugExists(slug: string, exceptId?: number): Promise<boolean>;
  /** Inserts (id undefined) or replaces an article with its tags and authors, atomically. */
  save(write: ArticleWrite, id?: number): Promise<number>;
  listPublic(query: ListQuery): Promise<Page<ArticleCard>>;
  /**
   * The newest public articles of `query` for a feed, reading at most `maxBodyChars` of each body
   * from the database, so one huge article cannot make every feed rebuild huge.
   */
  feedArticles(query: ListQuery, maxBodyChars: number): Promise<FeedArticle[]>;
  /** Slugs and last change of public tags / authors (newest article of each), for sitemaps. */
  taxonomySitemap(kind: 'tag' | 'author', now: number): Promise<{ slug: string; lastmod: number }[]>;
  /** Public articles published at or after `since`, newest first, for the news sitemap. */
  publishedSince(since: number, now: number, limit: number): Promise<{ slug: string; title: string; publishedAt: number }[]>;
  /** Cards for the ids, in the order given; ids that are not public at `now` are dropped. */
  cardsByIds(ids: readonly number[], now: number): Promise<ArticleCard[]>;
  recommended(now: number, limit: number, excludeIds?: readonly number[]): Promise<ArticleCard[]>;
  /** Public articles sharing tags with the given one (most shared first, then newest). */
  sharingTags(articleId: number, now: number, limit: number, excludeIds?: readonly number[]): Promise<ArticleCard[]>;
  /** Every public article's text, for building the discovery index. */
  indexable(now: number): AsyncIterable<IndexableArticle>;
  countAll(): Promise<number>;
  /**
   * Articles saved after the cursor (updated_at, id), oldest first: keyset pagination that
   * neither skips nor repeats rows saved in the same millisecond. `visible` = public at `now`.
   */
  changedSince(cursor: { updatedAt: number; id: number }, now: number, limit: number): Promise<ChangedArticle[]>;
  /** Articles whose publish time fell in (from, to] — scheduled ones going public without an edit. */
  publishedBetween(from: number, to: number): Promise<ChangedArticle[]>;
  /** All-time view totals of public articles that have any, for the Ranking. */
  viewTotals(now: number): Promise<{ id: number; views: number }[]>;
  /**
   * The last time anything a list of articles shows could have changed: the newest save of any
   * article (a withdrawn one included) or the newest publish time reached by `now`.
   */
  lastChange(now: number): Promise<number>;
  /** The highest article id (0 when there is none). */
  maxId(): Promise<number>;
  /** Slug and last change of public articles by id order, for sitemaps. */
  sitemapEntries(now: number, afterId: number, limit: number): Promise<{ id: number; slug: string; updatedAt: number }[]>;
  /** The import ids of the given articles (articles made in Masthead have none). */
  importIds(ids: readonly number[]): Promise<Map<number, string>>;
}

export interface TaxonomyStore {
  categories(): Promise<Category[]>;
  saveCategory(c: Omit<Category, 'id'>): Promise<number>;
  tagBySlug(slug: string): Promise<Tag | undefined>;
  authorBySlug(slug: string): Promise<Author | undefined>;
  /** Ids for the tags, created when missing. */
  ensureTags(tags: { slug: string; name: string }[]): Promise<number[]>;
  ensureAuthors(authors: { slug: string; name: string; bio?: string }[]): Promise<number[]>;
}

export interface SettingsStore {
  all(): Promise<Record<string, string>>;
  set(values: Record<string, string>): Promise<void>;
  /** Stores `value` under `key` unless a value is already there; returns the value that won. */
  initOnce(key: string, value: string): Promise<string>;
}

/** What the counting endpoint needs to know about one article. */
export interface ArticleCounts {
  slug: string;
  status: ArticleStatus;
  publishedAt: number | null;
  views: number;
  /** Reaction totals by kind (kinds nobody used yet are absent). */
  reactions: Record<string, number>;
}

/** Views and reactions; the counting rules live in counters/, this only persists. */
export interface CounterStore {
  /** Adds aggregated view increments to totals and hourly buckets in one transaction. */
  addViews(increments: readonly { articleId: number; hour: number; views: number }[]): Promise<void>;
  viewCount(articleId: number): Promise<number>;
  /** Publication state and totals of an article, or undefined when there is no such article. */
  articleCounts(articleId: number): Promise<ArticleCounts | undefined>;
  /** Hourly buckets at or after `sinceHour`, for the Ranking windows. */
  viewBuckets(sinceHour: number): Promise<{ articleId: number; hour: number; views: number }[]>;
  /** Toggles one reader's reaction; returns whether it is now on and the new total. */
  toggleReaction(articleId: number, reader: string, kind: string, now: number, wanted?: boolean): Promise<{ active: boolean; count: number }>;
  reactionCounts(articleId: number): Promise<Record<string, number>>;
  hasReacted(articleId: number, reader: string): Promise<string[]>;
  /** Sets starting totals (demo content and imports of counts from another system). */
  seedCounts(articleId: number, views: number, reactions: Record<string, number>): Promise<void>;
}

/** Anonymous reading histories (keyed reader hashes) for "readers also read". */
export interface ReadStore {
  append(reads: readonly { reader: string; articleId: number; at: number }[]): Promise<void>;
  /** Reads since `since`, oldest first, for replay at start. */
  since(since: number): AsyncIterable<{ reader: string; articleId: number; at: number }>;
  /** Deletes reads older than `before` and all but the newest `keepPerReader` of each reader. */
  prune(before: number, keepPerReader: number): Promise<number>;
}

/** A search as the stores run it; the clauses come from Masthead's analysis (search/search-query.ts). */
export interface SearchRequest {
  query: ParsedQuery;
  now: number;
  limit: number;
  offset: number;
  categoryIds?: number[] | undefined;
  tagId?: number | undefined;
  authorId?: number | undefined;
  /** Published at or after / before (epoch ms). */
  from?: number | undefined;
  to?: number | undefined;
  /** Best match first (with a mild preference for recent articles), or newest first. */
  sort: 'relevance' | 'date';
}

/** One result: the card and the start of its text, for the snippet. */
export interface SearchHit extends ArticleCard {
  textHead: string;
}

/** Full-text search over the words `search-analysis.ts` wrote; each dialect compiles the query for its own index. */
export interface SearchStore {
  search(request: SearchRequest): Promise<Page<SearchHit>>;
}

/** The stores of one database connection (or of one transaction on it). */
export interface Stores {
  readonly articles: ArticleStore;
  readonly search: SearchStore;
  readonly taxonomy: TaxonomyStore;
  readonly settings: SettingsStore;
  readonly counters: CounterStore;
  readonly reads: ReadStore;
}

/** One open database with its stores. */
export interface Storage extends Stores {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it lands or none. Nested calls join the outer one. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
