import { sql, type Kysely, type Selectable } from 'kysely';
import { isPublic, type Article, type ArticleCard, type ArticleStatus, type Author, type ShownArticle, type Tag } from '../content/types.js';
import { searchDocument } from '../discovery/search-analysis.js';
import type { ArticlesTable, Database } from './schema.js';
import { prepared, slot } from './prepared-query.js';
import type { ArticleChangeRow, ArticleStore, ArticleWrite, ChangedArticle, FeedArticle, IndexableArticle, ListQuery, Page } from './ports.js';

const cardColumns = [
  'articles.id', 'articles.slug', 'articles.title', 'articles.summary', 'articles.category_id',
  'articles.cover_image_url', 'articles.cover_media_id', 'articles.published_at', 'articles.view_count',
] as const;

type CardRow = Pick<Selectable<ArticlesTable>, 'id' | 'slug' | 'title' | 'summary' | 'category_id' | 'cover_image_url' | 'cover_media_id' | 'published_at' | 'view_count'>;

function toCard(r: CardRow): ArticleCard {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    categoryId: r.category_id,
    coverImageUrl: r.cover_image_url,
    coverImageId: r.cover_media_id,
    publishedAt: r.published_at,
    viewCount: Number(r.view_count),
  };
}

/** Everything an article page shows, without the bodies only the newsroom and the engines read. */
const shownColumns = [
  ...cardColumns, 'articles.import_id', 'articles.body_format', 'articles.body_html', 'articles.source_url', 'articles.status',
  'articles.created_at', 'articles.updated_at', 'articles.recommended', 'articles.recommended_until',
] as const;

// The queries behind every article page, compiled once (see prepared-query.ts).
const shownBySlug = prepared((db: Kysely<Database>) => db.selectFrom('articles').select(shownColumns).where('articles.slug', '=', slot<string>(0)));
const tagsOfArticle = prepared((db: Kysely<Database>) => db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
  .select(['tags.id', 'tags.slug', 'tags.name']).where('article_tags.article_id', '=', slot<number>(0)).orderBy('tags.name'));
const authorsOfArticle = prepared((db: Kysely<Database>) => db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
  .select(['authors.id', 'authors.slug', 'authors.name', 'authors.bio']).where('article_authors.article_id', '=', slot<number>(0))
  .orderBy('article_authors.position'));

/** Articles over Kysely; the SQL here is the same on SQLite and PostgreSQL. */
export class KyselyArticleStore implements ArticleStore {
  constructor(private readonly db: Kysely<Database>, private readonly inTransaction = false) {}

  /** Public = published or scheduled, with a publish time not in the future. */
  private publicArticles(now: number) {
    return this.db
      .selectFrom('articles')
      .where('articles.status', 'in', ['published', 'scheduled'])
      .where('articles.published_at', '<=', now);
  }

  async findById(id: number): Promise<Article | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.hydrate(row) : undefined;
  }

  async findBySlug(slug: string): Promise<Article | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? this.hydrate(row) : undefined;
  }

  async findShownBySlug(slug: string): Promise<ShownArticle | undefined> {
    const [row] = await shownBySlug(this.db, [slug]);
    if (!row) return undefined;
    const [tags, authors] = await this.bylines(row.id);
    return { ...this.shown(row), tags, authors };
  }

  async findIdByImportId(importId: string): Promise<{ id: number; slug: string } | undefined> {
    return this.db.selectFrom('articles').select(['id', 'slug']).where('import_id', '=', importId).executeTakeFirst();
  }

  async slugExists(slug: string, exceptId?: number): Promise<boolean> {
    let q = this.db.selectFrom('articles').select('id').where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** An article's tags (by name) and authors (in byline order). */
  private bylines(articleId: number): Promise<[Tag[], Author[]]> {
    return Promise.all([tagsOfArticle(this.db, [articleId]), authorsOfArticle(this.db, [articleId])]);
  }

  private shown(row: Omit<Selectable<ArticlesTable>, 'body_source' | 'body_text' | 'search_title' | 'search_body' | 'created_by' | 'deleted_at' | 'review_state' | 'review_note'>): Omit<ShownArticle, 'tags' | 'authors'> {
    return {
      ...toCard(row),
      importId: row.import_id,
      bodyFormat: row.body_format,
      bodyHtml: row.body_html,
      sourceUrl: row.source_url,
      status: row.status,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      recommended: row.recommended === 1,
      recommendedUntil: row.recommended_until,
    };
  }

  private async hydrate(row: Selectable<ArticlesTable>): Promise<Article> {
    const [tags, authors] = await this.bylines(row.id);
    return { ...this.shown(row), bodySource: row.body_source, bodyText: row.body_text, tags, authors };
  }

  async save(w: ArticleWrite, id?: number): Promise<number> {
    if (!this.inTransaction) {
      return this.db.transaction().execute((trx) => new KyselyArticleStore(trx, true).save(w, id));
    }
    const now = Date.now();
    const search = searchDocument(w.title, w.summary, w.bodyText);
    const values = {
      import_id: w.importId,
      slug: w.slug,
      title: w.title,
      summary: w.summary,
      body_source: w.bodySource,
      body_format: w.bodyFormat,
      body_html: w.bodyHtml,
      body_text: w.bodyText,
      category_id: w.categoryId,
      cover_image_url: w.coverImageUrl,
      cover_media_id: w.coverImageId,
      source_url: w.sourceUrl,
      status: w.status,
      published_at: w.publishedAt,
      recommended: w.recommended ? 1 : 0,
      recommended_until: w.recommendedUntil,
      updated_at: now,
      // Both dialects index these words as they are (see migrations/005-search-analysis.ts).
      search_title: search.title,
      search_body: search.body,
    };
    let articleId: number;
    if (id === undefined) {
      const row = await this.db.insertInto('articles').values({ ...values, created_at: now }).returning('id').executeTakeFirstOrThrow();
      articleId = row.id;
    } else {
      await this.db.updateTable('articles').set(values).where('id', '=', id).execute();
      articleId = id;
      await this.db.deleteFrom('article_tags').where('article_id', '=', id).execute();
      await this.db.deleteFrom('article_authors').where('article_id', '=', id).execute();
    }
    const tagIds = [...new Set(w.tagIds)];
    if (tagIds.length) {
      await this.db.insertInto('article_tags').values(tagIds.map((tag_id) => ({ article_id: articleId, tag_id }))).execute();
    }
    const authorIds = [...new Set(w.authorIds)];
    if (authorIds.length) {
      await this.db.insertInto('article_authors')
        .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position }))).execute();
    }
    return articleId;
  }

  /** Public articles narrowed by a list query's section, tag, author and exclusions. */
  private filtered(q: ListQuery) {
    let base = this.publicArticles(q.now);
    if (q.categoryIds) base = q.categoryIds.length ? base.where('articles.category_id', 'in', q.categoryIds) : base.where(sql<boolean>`1 = 0`);
    if (q.tagId !== undefined) {
      base = base.where('articles.id', 'in', this.db.selectFrom('article_tags').select('article_id').where('tag_id', '=', q.tagId!));
    }
    if (q.authorId !== undefined) {
      base = base.where('articles.id', 'in', this.db.selectFrom('article_authors').select('article_id').where('author_id', '=', q.authorId!));
    }
    if (q.excludeIds?.length) base = base.where('articles.id', 'not in', q.excludeIds);
    return base;
  }

  async listPublic(q: ListQuery): Promise<Page<ArticleCard>> {
    const base = this.filtered(q);
    const [rows, count] = await Promise.all([
      base.select(cardColumns).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
        .limit(q.limit).offset(q.offset ?? 0).execute(),
      q.countTotal === false ? undefined : base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toCard), total: count ? Number(count.n) : rows.length };
  }

  async feedArticles(q: ListQuery, maxBodyChars: number): Promise<FeedArticle[]> {
    const limit = Math.max(1, Math.floor(maxBodyChars));
    const rows = await this.filtered(q)
      .select([...cardColumns, 'articles.created_at', 'articles.updated_at'])
      // substr and length count characters on both dialects; only the head leaves the database.
      .select(sql<string>`substr(articles.body_html, 1, ${limit})`.as('body_head'))
      .select(sql<number>`length(articles.body_html)`.as('body_length'))
      .orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc')
      .limit(q.limit).offset(q.offset ?? 0).execute();
    const ids = rows.map((r) => r.id);
    const [tagsOf, authorsOf] = await Promise.all([this.tagsOf(ids), this.authorsOf(ids)]);
    return rows.map((r) => ({
      ...toCard(r),
      bodyHtmlHead: r.body_head ?? '',
      bodyLength: Number(r.body_length ?? 0),
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      tags: tagsOf.get(r.id) ?? [],
      authors: authorsOf.get(r.id) ?? [],
    }));
  }

  private async tagsOf(ids: number[]): Promise<Map<number, Tag[]>> {
    const out = new Map<number, Tag[]>();
    if (!ids.length) return out;
    const rows = await this.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name']).where('article_tags.article_id', 'in', ids)
      .orderBy('tags.name').execute();
    for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), { id: r.id, slug: r.slug, name: r.name }]);
    return out;
  }

  private async authorsOf(ids: number[]): Promise<Map<number, Author[]>> {
    const out = new Map<number, Author[]>();
    if (!ids.length) return out;
    const rows = await this.db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.id', 'authors.slug', 'authors.name', 'authors.bio'])
      .where('article_authors.article_id', 'in', ids).orderBy('article_authors.position').execute();
    for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), { id: r.id, slug: r.slug, name: r.name, bio: r.bio }]);
    return out;
  }

  async taxonomySitemap(kind: 'tag' | 'author', now: number): Promise<{ slug: string; lastmod: number }[]> {
    const rows = kind === 'tag'
      ? await this.publicArticles(now).innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.slug']).select((eb) => eb.fn.max('articles.updated_at').as('lastmod'))
        .groupBy('tags.slug').orderBy('tags.slug').execute()
      : await this.publicArticles(now).innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['authors.slug']).select((eb) => eb.fn.max('articles.updated_at').as('lastmod'))
        .groupBy('authors.slug').orderBy('authors.slug').execute();
    return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.lastmod) }));
  }

  async publishedSince(since: number, now: number, limit: number): Promise<{ slug: string; title: string; publishedAt: number }[]> {
    const rows = await this.publicArticles(now).where('articles.published_at', '>=', since)
      .select(['articles.slug', 'articles.title', 'articles.published_at'])
      .orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ slug: r.slug, title: r.title, publishedAt: Number(r.published_at) }));
  }

  async cardsByIds(ids: readonly number[], now: number): Promise<ArticleCard[]> {
    const byId = new Map((await this.cardsWithStatus(ids)).filter((r) => isPublic({ status: r.status, publishedAt: r.card.publishedAt }, now)).map((r) => [r.card.id, r.card]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async cardsWithStatus(ids: readonly number[]): Promise<{ card: ArticleCard; status: ArticleStatus }[]> {
    if (!ids.length) return [];
    // Looked up by primary key and filtered by the caller: with the visibility filter in SQL,
    // SQLite prefers the (status, published_at) index and scans every public article.
    const rows = await this.db.selectFrom('articles').select([...cardColumns, 'articles.status'])
      .where('articles.id', 'in', [...ids]).execute();
    return rows.map((r) => ({ card: toCard(r), status: r.status as ArticleStatus }));
  }

  async recommended(now: number, limit: number, excludeIds: readonly number[] = []): Promise<ArticleCard[]> {
    let q = this.publicArticles(now).select(cardColumns)
      .where('articles.recommended', '=', 1)
      .where((eb) => eb.or([eb('articles.recommended_until', 'is', null), eb('articles.recommended_until', '>', now)]));
    if (excludeIds.length) q = q.where('articles.id', 'not in', [...excludeIds]);
    const rows = await q.orderBy('articles.published_at', 'desc').limit(limit).execute();
    return rows.map(toCard);
  }

  async sharingTags(articleId: number, now: number, limit: number, excludeIds: readonly number[] = []): Promise<ArticleCard[]> {
    const exclude = [articleId, ...excludeIds];
    const rows = await this.publicArticles(now)
      .innerJoin('article_tags as other', 'other.article_id', 'articles.id')
      .where('other.tag_id', 'in', this.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId))
      .where('articles.id', 'not in', exclude)
      .select(cardColumns)
      .select((eb) => eb.fn.countAll<number>().as('shared'))
      .groupBy(cardColumns)
      .orderBy('shared', 'desc').orderBy('articles.published_at', 'desc')
      .limit(limit).execute();
    return rows.map(toCard);
  }

  async *indexable(now: number): AsyncIterable<IndexableArticle> {
    const pageSize = 2000;
    let after = 0;
    for (;;) {
      const rows = await this.publicArticles(now)
        .select(['articles.id', 'articles.title', 'articles.body_text', 'articles.category_id', 'articles.published_at'])
        .where('articles.id', '>', after).orderBy('articles.id').limit(pageSize).execute();
      if (!rows.length) return;
      const tagsOf = await this.tagNamesOf(rows.map((r) => r.id));
      for (const r of rows) {
        yield { id: r.id, title: r.title, text: r.body_text, tags: tagsOf.get(r.id) ?? [], categoryId: r.category_id, publishedAt: r.published_at };
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Tag names of each article, in one query. */
  private async tagNamesOf(ids: number[]): Promise<Map<number, string[]>> {
    const tagsOf = new Map<number, string[]>();
    if (!ids.length) return tagsOf;
    const tagRows = await this.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name']).where('article_tags.article_id', 'in', ids)
      // In a fixed order: the discovery engine reads tags in the order given, and the same site
      // must get the same index (the same Related lists) on either dialect.
      .orderBy('article_tags.article_id').orderBy('tags.name').execute();
    for (const t of tagRows) tagsOf.set(t.article_id, [...(tagsOf.get(t.article_id) ?? []), t.name]);
    return tagsOf;
  }

  async publicIds(now: number): Promise<number[]> {
    // No order: the (status, published_at) index then covers the query, and no table page is read.
    const rows = await this.publicArticles(now).select('articles.id').execute();
    return rows.map((r) => r.id);
  }

  async changesSince(since: number, limit: number): Promise<ArticleChangeRow[]> {
    const rows = await this.db.selectFrom('articles')
      .select(['id', 'slug', 'status', 'published_at', 'category_id', 'updated_at'])
      .where('updated_at', '>=', since)
      .orderBy('updated_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, status: r.status, publishedAt: r.published_at, categoryId: r.category_id, updatedAt: Number(r.updated_at) }));
  }

  async changedByIds(ids: readonly number[], now: number): Promise<ChangedArticle[]> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('articles')
      .select(['id', 'title', 'body_text', 'category_id', 'published_at', 'status', 'updated_at'])
      .where('id', 'in', [...ids]).orderBy('id').execute();
    return this.changed(rows, now);
  }

  async publishedBetween(from: number, to: number): Promise<ArticleChangeRow[]> {
    const rows = await this.db.selectFrom('articles')
      .select(['id', 'slug', 'status', 'published_at', 'category_id', 'updated_at'])
      .where('published_at', '>', from).where('published_at', '<=', to).where('status', 'in', ['published', 'scheduled'])
      .orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, status: r.status, publishedAt: r.published_at, categoryId: r.category_id, updatedAt: Number(r.updated_at) }));
  }

  private async changed(rows: Pick<Selectable<ArticlesTable>, 'id' | 'title' | 'body_text' | 'category_id' | 'published_at' | 'status' | 'updated_at'>[], now: number): Promise<ChangedArticle[]> {
    if (!rows.length) return [];
    const tagsOf = await this.tagNamesOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id, title: r.title, text: r.body_text, tags: tagsOf.get(r.id) ?? [], categoryId: r.category_id,
      publishedAt: r.published_at, updatedAt: Number(r.updated_at),
      visible: (r.status === 'published' || r.status === 'scheduled') && r.published_at !== null && r.published_at <= now,
    }));
  }

  async viewTotals(now: number): Promise<{ id: number; views: number }[]> {
    const rows = await this.publicArticles(now).select(['articles.id', 'articles.view_count']).where('articles.view_count', '>', 0).execute();
    return rows.map((r) => ({ id: r.id, views: Number(r.view_count) }));
  }

  async lastChange(now: number): Promise<number> {
    // Two index lookups (articles_updated_idx, articles_publish_time_idx).
    const [saved, published] = await Promise.all([
      this.db.selectFrom('articles').select((eb) => eb.fn.max('updated_at').as('m')).executeTakeFirst(),
      this.db.selectFrom('articles').select((eb) => eb.fn.max('published_at').as('m')).where('published_at', '<=', now).executeTakeFirst(),
    ]);
    return Math.max(Number(saved?.m ?? 0), Number(published?.m ?? 0));
  }

  async maxId(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async sitemapEntries(now: number, afterId: number, limit: number): Promise<{ id: number; slug: string; updatedAt: number }[]> {
    const rows = await this.publicArticles(now).select(['articles.id', 'articles.slug', 'articles.updated_at'])
      .where('articles.id', '>', afterId).orderBy('articles.id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, updatedAt: Number(r.updated_at) }));
  }

  async importIds(ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('articles').select(['id', 'import_id'])
        .where('id', 'in', ids.slice(i, i + 500)).where('import_id', 'is not', null).execute();
      for (const r of rows) out.set(r.id, r.import_id!);
    }
    return out;
  }

  async countAll(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
