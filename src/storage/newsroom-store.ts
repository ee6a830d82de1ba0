import { sql, type Kysely, type Selectable } from 'kysely';
import type { ArticleStatus, Category } from '../content/types.js';
import type { ArticleRevisionsTable, Database } from './schema.js';
import type { AdminArticleRow, AdminListQuery, ArticleChangeRow, AuditEntry, NewsroomStore, Page, Revision, ReviewMark } from './ports.js';

function toRevision(r: Selectable<ArticleRevisionsTable> & { user_name: string | null }): Revision {
  let fields: Record<string, unknown> = {};
  try {
    fields = JSON.parse(r.fields) as Record<string, unknown>;
  } catch {
    // An unreadable field set shows as empty; title and body are still there.
  }
  return {
    id: r.id, articleId: r.article_id, savedAt: Number(r.saved_at), userId: r.user_id, userName: r.user_name, kind: r.kind,
    status: r.status as ArticleStatus, slug: r.slug, title: r.title, summary: r.summary, bodySource: r.body_source, fields,
  };
}

/** Revisions, old slugs, the bin, scheduling and the audit log over Kysely (both dialects). */
export class KyselyNewsroomStore implements NewsroomStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async list(q: AdminListQuery): Promise<Page<AdminArticleRow>> {
    let base = this.db.selectFrom('articles');
    base = q.status === 'bin' ? base.where('deleted_at', 'is not', null) : base.where('deleted_at', 'is', null);
    if (q.status && q.status !== 'bin') base = base.where('status', '=', q.status);
    if (q.inReview) base = base.where('review_state', '=', 'submitted');
    const dateColumn = q.dateField === 'published' ? 'published_at' : 'updated_at';
    if (q.from !== undefined) base = base.where(dateColumn, '>=', q.from);
    if (q.to !== undefined) base = base.where(dateColumn, '<', q.to);
    if (q.categoryId !== undefined) base = base.where('category_id', '=', q.categoryId);
    if (q.createdBy !== undefined) base = base.where('created_by', '=', q.createdBy);
    if (q.authorId !== undefined) {
      base = base.where('id', 'in', this.db.selectFrom('article_authors').select('article_id').where('author_id', '=', q.authorId!));
    }
    const search = q.search?.trim();
    if (search) {
      // Title words, case-insensitively (SQLite's LIKE already is, for ASCII); LIKE wildcards
      // typed by the editor are taken literally.
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = this.dialect === 'postgres'
        ? base.where(sql<boolean>`title ilike ${pattern} escape '\\'`)
        : base.where(sql<boolean>`title like ${pattern} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      base.select(['id', 'slug', 'title', 'status', 'published_at', 'updated_at', 'deleted_at', 'category_id', 'created_by', 'review_state'])
        .orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
      this.db.selectFrom(base.select('id').limit(q.countCap + 1).as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        id: r.id, slug: r.slug, title: r.title, status: r.status, publishedAt: r.published_at === null ? null : Number(r.published_at),
        updatedAt: Number(r.updated_at), deletedAt: r.deleted_at === null ? null : Number(r.deleted_at), categoryId: r.category_id, createdBy: r.created_by,
        reviewState: r.review_state,
      })),
    };
  }

  async ownership(articleId: number) {
    const row = await this.db.selectFrom('articles').select(['created_by', 'deleted_at', 'status', 'slug', 'review_state', 'review_note']).where('id', '=', articleId).executeTakeFirst();
    return row
      ? { createdBy: row.created_by, deletedAt: row.deleted_at === null ? null : Number(row.deleted_at), status: row.status, slug: row.slug, reviewState: row.review_state, reviewNote: row.review_note }
      : undefined;
  }

  async setReview(articleId: number, mark: ReviewMark, now: number): Promise<void> {
    await this.db.updateTable('articles').set({ review_state: mark.state, review_note: mark.note, updated_at: now }).where('id', '=', articleId).execute();
  }

  async reviewCount(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_state', '=', 'submitted').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async frontPins(): Promise<{ slot: number; articleId: number }[]> {
    const rows = await this.db.selectFrom('front_pins').select(['slot', 'article_id']).orderBy('slot').execute();
    return rows.map((r) => ({ slot: r.slot, articleId: r.article_id }));
  }

  async setFrontPins(pins: readonly { slot: number; articleId: number }[], now: number): Promise<void> {
    await this.db.deleteFrom('front_pins').execute();
    if (pins.length) await this.db.insertInto('front_pins').values(pins.map((p) => ({ slot: p.slot, article_id: p.articleId, pinned_at: now }))).execute();
  }

  async setCreatedBy(articleId: number, userId: number): Promise<void> {
    await this.db.updateTable('articles').set({ created_by: userId }).where('id', '=', articleId).execute();
  }

  async setStatus(articleId: number, status: ArticleStatus, publishedAt: number | null | undefined, now: number): Promise<boolean> {
    const result = await this.db.updateTable('articles')
      .set({ status, updated_at: now, ...(publishedAt !== undefined ? { published_at: publishedAt } : {}) })
      .where('id', '=', articleId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setDeleted(articleId: number, deletedAt: number | null, now: number): Promise<void> {
    await this.db.updateTable('articles').set({ deleted_at: deletedAt, updated_at: now, ...(deletedAt !== null ? { status: 'draft' as const } : {}) })
      .where('id', '=', articleId).execute();
  }

  async publishDue(now: number): Promise<ArticleChangeRow[]> {
    // A single UPDATE … RETURNING: on PostgreSQL a second process blocked on the same rows
    // re-checks the WHERE clause after the first commits and finds nothing left to flip.
    const rows = await this.db.updateTable('articles').set({ status: 'published', updated_at: now })
      .where('status', '=', 'scheduled').where('published_at', '<=', now).where('deleted_at', 'is', null)
      .returning(['id', 'slug', 'status', 'published_at', 'category_id', 'updated_at']).execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, status: r.status, publishedAt: r.published_at === null ? null : Number(r.published_at), categoryId: r.category_id, updatedAt: Number(r.updated_at) }));
  }

  async addRevision(r: Omit<Revision, 'id' | 'userName'>): Promise<number> {
    const row = await this.db.insertInto('article_revisions').values({
      article_id: r.articleId, saved_at: r.savedAt, user_id: r.userId, kind: r.kind, status: r.status, slug: r.slug,
      title: r.title, summary: r.summary, body_source: r.bodySource, fields: JSON.stringify(r.fields),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async putAutosave(r: Omit<Revision, 'id' | 'userName' | 'kind'>): Promise<number> {
    const last = await this.db.selectFrom('article_revisions').select(['id', 'kind', 'user_id'])
      .where('article_id', '=', r.articleId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (last && last.kind === 'autosave' && last.user_id === r.userId) {
      await this.db.updateTable('article_revisions').set({
        saved_at: r.savedAt, status: r.status, slug: r.slug, title: r.title, summary: r.summary, body_source: r.bodySource, fields: JSON.stringify(r.fields),
      }).where('id', '=', last.id).execute();
      return last.id;
    }
    return this.addRevision({ ...r, kind: 'autosave' });
  }

  private revisionQuery() {
    return this.db.selectFrom('article_revisions').leftJoin('users', 'users.id', 'article_revisions.user_id')
      .selectAll('article_revisions').select('users.name as user_name');
  }

  async revisions(articleId: number, limit: number): Promise<Revision[]> {
    const rows = await this.revisionQuery().where('article_revisions.article_id', '=', articleId)
      .orderBy('article_revisions.id', 'desc').limit(limit).execute();
    return rows.map(toRevision);
  }

  async revision(articleId: number, revisionId: number): Promise<Revision | undefined> {
    const row = await this.revisionQuery().where('article_revisions.article_id', '=', articleId)
      .where('article_revisions.id', '=', revisionId).executeTakeFirst();
    return row ? toRevision(row) : undefined;
  }

  async moveSlug(articleId: number, oldSlug: string, newSlug: string): Promise<void> {
    await this.db.deleteFrom('slug_redirects').where('old_slug', '=', newSlug).execute();
    if (oldSlug === newSlug) return;
    await this.db.insertInto('slug_redirects').values({ old_slug: oldSlug, article_id: articleId })
      .onConflict((oc) => oc.column('old_slug').doUpdateSet({ article_id: articleId })).execute();
  }

  async redirectTarget(oldSlug: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('slug_redirects').innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
      .select('articles.slug').where('slug_redirects.old_slug', '=', oldSlug).executeTakeFirst();
    return row?.slug;
  }

  async updateSection(id: number, c: Omit<Category, 'id'>): Promise<void> {
    await this.db.updateTable('categories')
      .set({ slug: c.slug, name: c.name, parent_id: c.parentId, description: c.description, position: c.position })
      .where('id', '=', id).execute();
  }

  async popularTags(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.name']).select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['tags.id', 'tags.name']).orderBy('n', 'desc').orderBy('tags.name').limit(limit).execute();
    return rows.map((r) => r.name);
  }

  async audit(e: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db.insertInto('audit_log').values({ at: e.at, user_id: e.userId, actor: e.actor, action: e.action, subject: e.subject, detail: e.detail }).execute();
  }

  async auditLog(limit: number, offset: number): Promise<Page<AuditEntry>> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: rows.map((r) => ({ id: r.id, at: Number(r.at), userId: r.user_id, actor: r.actor, action: r.action, subject: r.subject, detail: r.detail })) };
  }
}
