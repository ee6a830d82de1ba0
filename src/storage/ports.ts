import type { ReviewState, Role } from './schema.js';
import type { Article, ArticleCard, ArticleStatus, Author, BodyFormat, Category, MediaImage, ShownArticle, Tag } from '../content/types.js';
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
  coverImageId: number | null;
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

/** One article's change, as the store records it. */
export interface ArticleChangeRow {
  id: number;
  slug: string;
  status: ArticleStatus;
  publishedAt: number | null;
  categoryId: number | null;
  updatedAt: number;
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
  /** What a reader's page shows of the article at `slug` (no source or plain text), public or not. */
  findShownBySlug(slug: string): Promise<ShownArticle | undefined>;
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
  /** Cards of these ids whatever their status, with it (callers decide visibility; CardCache keeps them). */
  cardsWithStatus(ids: readonly number[]): Promise<{ card: ArticleCard; status: ArticleStatus }[]>;
  recommended(now: number, limit: number, excludeIds?: readonly number[]): Promise<ArticleCard[]>;
  /** Public articles sharing tags with the given one (most shared first, then newest). */
  sharingTags(articleId: number, now: number, limit: number, excludeIds?: readonly number[]): Promise<ArticleCard[]>;
  /** Every public article's text, for building the discovery index. */
  indexable(now: number): AsyncIterable<IndexableArticle>;
  countAll(): Promise<number>;
  /** Ids of every public article (a restored index compares them with its own). */
  publicIds(now: number): Promise<number[]>;
  /**
   * What changed at or after `since` (by updated_at), oldest first, at most `limit` rows: the
   * light rows the change watcher compares against what it was told.
   */
  changesSince(since: number, limit: number): Promise<ArticleChangeRow[]>;
  /** The given articles as the discovery engine indexes them; ids with no article are left out. */
  changedByIds(ids: readonly number[], now: number): Promise<ChangedArticle[]>;
  /** Articles whose publish time fell in (from, to] — scheduled ones going public without an edit. */
  publishedBetween(from: number, to: number): Promise<ArticleChangeRow[]>;
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

  // ---- managed in the newsroom (tags and bylines pages) ----

  /** Tags or authors by name (`search` matches name or slug), most used first, with how many articles use each. */
  taxonomyList(kind: TaxonomyKind, q: { search?: string | undefined; limit: number; offset: number }): Promise<Page<TaxonomyEntry>>;
  taxonomyEntry(kind: TaxonomyKind, id: number): Promise<TaxonomyEntry | undefined>;
  /** The entry holding `slug`, if any. */
  taxonomyBySlug(kind: TaxonomyKind, slug: string): Promise<TaxonomyEntry | undefined>;
  /** Creates (no id) or changes a tag or an author; returns its id. `bio` and `photoUrl` apply to authors. */
  saveTaxonomy(kind: TaxonomyKind, entry: Omit<TaxonomyEntry, 'id' | 'articles'>, id?: number): Promise<number>;
  /** Moves every article of `fromId` to `intoId` (an article with both keeps one), then deletes `fromId`. */
  mergeTaxonomy(kind: TaxonomyKind, fromId: number, intoId: number): Promise<void>;
  /** Deletes the entry; its articles simply lose it. */
  deleteTaxonomy(kind: TaxonomyKind, id: number): Promise<void>;
}

export type TaxonomyKind = 'tag' | 'author';

/** A tag or a byline as the newsroom manages it. */
export interface TaxonomyEntry {
  id: number;
  slug: string;
  name: string;
  /** Authors only ('' for tags). */
  bio: string;
  /** Authors only: an http(s) address of the photo. */
  photoUrl: string | null;
  /** How many articles (any status) carry it. */
  articles: number;
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

/** Remembers which reader counted a view of which article, for one window. */
export interface ViewDedupe {
  /**
   * True when `reader` has not counted a view of `articleId` within `windowMs` before `now`; the
   * view is then remembered as counted. `alias` (the reader key of a cookie issued with this very
   * request) is remembered too, so the reader's next request, now with the cookie, is the same reader.
   */
  claim(reader: string, articleId: number, now: number, windowMs: number, alias?: string): boolean | Promise<boolean>;
  /** Forgets everything (tests, and settings changes that shrink the window need nothing more). */
  clear(): void | Promise<void>;
}

/** Where a salt for one UTC day comes from; shared (Redis) when several processes count together. */
export interface SaltSource {
  /** The salt of `day` (epoch days); the same value for every caller on that day. */
  saltFor(day: number): Buffer | Promise<Buffer>;
}

/** One budget to spend from: a key (a keyed hash, never an address), its limit and window. */
export interface RateCheck {
  key: string;
  limit: number;
  windowMs: number;
}

/** Fixed windows of hits per key shared by every process of a site (the counting endpoints' budgets). */
export interface RateWindows {
  /**
   * Spends one hit from each check in order, stopping at the first already at its limit (its
   * hit and the later ones are not spent): that check's index and the ms until its window ends,
   * or undefined when every check had room.
   */
  spend(checks: readonly RateCheck[]): Promise<{ index: number; waitMs: number } | undefined>;
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

/** What an editor says about an image. */
export interface MediaDescription {
  alt: string;
  caption: string;
  credit: string;
}

/** Image records; the files themselves are in MediaFiles. */
export interface MediaStore {
  findById(id: number): Promise<MediaImage | undefined>;
  findBySha(sha256: string): Promise<MediaImage | undefined>;
  byIds(ids: readonly number[]): Promise<Map<number, MediaImage>>;
  /** The images of these SHA-256 addresses (the ones an article body points at), keyed by address. */
  bySha(shas: readonly string[]): Promise<Map<string, MediaImage>>;
  /** The newest images first: the editor's "choose a recent image". */
  recent(limit: number): Promise<MediaImage[]>;
  /** Inserts a record; when one with the same SHA-256 exists (another process won), returns its id. */
  insert(image: Omit<MediaImage, 'id'>): Promise<number>;
  describe(id: number, description: MediaDescription): Promise<void>;
}

/**
 * Where variant files live: a folder under the data directory by default, shared by every
 * process of a site. Names are content addresses (`variant-plan.ts`), so writing one twice
 * writes the same bytes and a reader never sees a half-written file.
 */
export interface MediaFiles {
  exists(name: string): Promise<boolean>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes, or undefined when there is no such file. */
  read(name: string): Promise<Buffer | undefined>;
}

/** The stores of one database connection (or of one transaction on it). */
export interface Stores {
  readonly articles: ArticleStore;
  readonly search: SearchStore;
  readonly taxonomy: TaxonomyStore;
  readonly settings: SettingsStore;
  readonly counters: CounterStore;
  readonly reads: ReadStore;
  readonly accounts: AccountStore;
  readonly newsroom: NewsroomStore;
  /**
   * Runs `callback` once the surrounding transaction has committed (at once outside one);
   * a transaction that rolls back never runs it. Change notices go out this way, so nobody
   * hears of a change that did not happen.
   */
  afterCommit(callback: () => void): void;
  readonly media: MediaStore;
}

/** One open database with its stores. */
export interface Storage extends Stores {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it lands or none. Nested calls join the outer one. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type { Role } from './schema.js';

/** An account of the newsroom, without its password hash. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
}

/** Accounts, their sessions and the sign-in throttles. */
export interface AccountStore {
  createUser(u: { email: string; name: string; role: Role; passwordHash: string; now: number }): Promise<number>;
  userByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  userById(id: number): Promise<User | undefined>;
  users(): Promise<User[]>;
  countOwners(): Promise<number>;
  setPassword(userId: number, passwordHash: string): Promise<void>;
  /** Counts one more wrong password; locks the account until `lockUntil` when given. Returns the new count. */
  recordFailedLogin(userId: number, lockUntil: (failures: number) => number | null): Promise<number>;
  clearFailedLogins(userId: number): Promise<void>;
  createSession(s: { tokenHash: string; userId: number; now: number; expiresAt: number }): Promise<void>;
  /** The live session with this token hash and its account, or undefined. */
  session(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number; lastSeenAt: number } | undefined>;
  touchSession(tokenHash: string, now: number, expiresAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Revokes every session of the account; returns how many there were. */
  deleteSessionsOf(userId: number): Promise<number>;
  /** Failed sign-ins from one address key in the window that started at or after `windowStart`. */
  addressFailures(key: string, windowStart: number): Promise<number>;
  recordAddressFailure(key: string, now: number, windowMs: number): Promise<number>;
}

export type AdminStatusFilter = ArticleStatus | 'bin';

/** The newsroom's list of articles: every status, filtered and searched. */
export interface AdminListQuery {
  status?: AdminStatusFilter | undefined;
  /** In review (submitted, waiting for an editor), whatever the status filter. */
  inReview?: boolean | undefined;
  /** Only articles whose `dateField` is at or after `from` and before `to` (epoch ms). */
  from?: number | undefined;
  to?: number | undefined;
  dateField?: 'updated' | 'published' | undefined;
  categoryId?: number | undefined;
  authorId?: number | undefined;
  /** Only articles this account created (authors and contributors see their own). */
  createdBy?: number | undefined;
  search?: string | undefined;
  limit: number;
  offset: number;
  /** Count matches up to this many (a list of a large site does not scan every row for its total). */
  countCap: number;
}

export interface AdminArticleRow {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: number | null;
  updatedAt: number;
  deletedAt: number | null;
  categoryId: number | null;
  createdBy: number | null;
  reviewState: ReviewState | null;
}

export type { ReviewState } from './schema.js';

/** Where an article stands in review, with the note of the editor who sent it back. */
export interface ReviewMark {
  state: ReviewState | null;
  note: string;
}

export interface Revision {
  id: number;
  articleId: number;
  savedAt: number;
  userId: number | null;
  userName: string | null;
  kind: string;
  status: ArticleStatus;
  slug: string;
  title: string;
  summary: string;
  bodySource: string;
  fields: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: number;
  userId: number | null;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

/** What the newsroom keeps beside the articles: revisions, old slugs, the bin and the audit log. */
export interface NewsroomStore {
  /** One page of the list; `total` is exact up to `countCap`, and `countCap + 1` beyond it. */
  list(query: AdminListQuery): Promise<Page<AdminArticleRow>>;
  /** Who created the article and whether it is in the bin (undefined: no such article). */
  ownership(articleId: number): Promise<{ createdBy: number | null; deletedAt: number | null; status: ArticleStatus; slug: string; reviewState: ReviewState | null; reviewNote: string } | undefined>;
  /** Sets where the article is in review and the note; the article counts as changed at `now`. */
  setReview(articleId: number, mark: ReviewMark, now: number): Promise<void>;
  /** How many articles wait for review (out of the bin). */
  reviewCount(): Promise<number>;
  /** The front page's pinned article ids by slot (0 the lead), as stored: an id may no longer be public. */
  frontPins(): Promise<{ slot: number; articleId: number }[]>;
  /** Replaces every pin at once. */
  setFrontPins(pins: readonly { slot: number; articleId: number }[], now: number): Promise<void>;
  setCreatedBy(articleId: number, userId: number): Promise<void>;
  /** Changes the status (and publish time when given); returns false when the article is not there. */
  setStatus(articleId: number, status: ArticleStatus, publishedAt: number | null | undefined, now: number): Promise<boolean>;
  setDeleted(articleId: number, deletedAt: number | null, now: number): Promise<void>;
  /**
   * Flips every scheduled article whose time has come to published in one UPDATE and returns
   * them: each row is flipped by exactly one caller, however many run at once.
   */
  publishDue(now: number): Promise<ArticleChangeRow[]>;
  addRevision(r: Omit<Revision, 'id' | 'userName'>): Promise<number>;
  /** Replaces the newest revision when it is an autosave by the same account; otherwise adds one. */
  putAutosave(r: Omit<Revision, 'id' | 'userName' | 'kind'>): Promise<number>;
  revisions(articleId: number, limit: number): Promise<Revision[]>;
  revision(articleId: number, revisionId: number): Promise<Revision | undefined>;
  /** Points `oldSlug` at the article (an old slug keeps answering) and frees `newSlug`. */
  moveSlug(articleId: number, oldSlug: string, newSlug: string): Promise<void>;
  /** The current slug of the article an old slug belonged to. */
  redirectTarget(oldSlug: string): Promise<string | undefined>;
  /** Renames, moves or reorders a section (sections are created through TaxonomyStore.saveCategory). */
  updateSection(id: number, c: Omit<Category, 'id'>): Promise<void>;
  /** The most used tag names, for the editor's typeahead. */
  popularTags(limit: number): Promise<string[]>;
  audit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  auditLog(limit: number, offset: number): Promise<Page<AuditEntry>>;
}
