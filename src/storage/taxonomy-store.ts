import { sql, type Kysely } from 'kysely';
import type { Author, Category, Tag } from '../content/types.js';
import type { Database } from './schema.js';
import type { Page, TaxonomyEntry, TaxonomyKind, TaxonomyStore } from './ports.js';

/** Each kind's table and its link table to articles. */
const TABLES = {
  tag: { table: 'tags', link: 'article_tags', key: 'tag_id' },
  author: { table: 'authors', link: 'article_authors', key: 'author_id' },
} as const;

/** Categories, tags and authors over Kysely (same SQL on both dialects). */
export class KyselyTaxonomyStore implements TaxonomyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async categories(): Promise<Category[]> {
    const rows = await this.db.selectFrom('categories').selectAll().orderBy('position').orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id, description: r.description, position: r.position }));
  }

  async saveCategory(c: Omit<Category, 'id'>): Promise<number> {
    const row = await this.db.insertInto('categories')
      .values({ slug: c.slug, name: c.name, parent_id: c.parentId, description: c.description, position: c.position })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name: c.name, parent_id: c.parentId, description: c.description, position: c.position }))
      .returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async tagBySlug(slug: string): Promise<Tag | undefined> {
    return this.db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  }

  async authorBySlug(slug: string): Promise<Author | undefined> {
    const row = await this.db.selectFrom('authors').select(['id', 'slug', 'name', 'bio', 'photo_url']).where('slug', '=', slug).executeTakeFirst();
    return row ? { id: row.id, slug: row.slug, name: row.name, bio: row.bio, photoUrl: row.photo_url } : undefined;
  }

  async ensureTags(tags: { slug: string; name: string }[]): Promise<number[]> {
    const ids: number[] = [];
    for (const t of tags) {
      // DO UPDATE (not DO NOTHING) so RETURNING yields the id of an existing row too.
      const row = await this.db.insertInto('tags').values(t)
        .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: t.slug }))
        .returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  async ensureAuthors(authors: { slug: string; name: string; bio?: string }[]): Promise<number[]> {
    const ids: number[] = [];
    for (const a of authors) {
      const row = await this.db.insertInto('authors').values({ slug: a.slug, name: a.name, bio: a.bio ?? '' })
        .onConflict((oc) => (a.bio === undefined ? oc.column('slug').doUpdateSet({ slug: a.slug }) : oc.column('slug').doUpdateSet({ bio: a.bio })))
        .returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  async taxonomyList(kind: TaxonomyKind, q: { search?: string | undefined; limit: number; offset: number }): Promise<Page<TaxonomyEntry>> {
    const { table, link, key } = TABLES[kind];
    const search = q.search?.trim().toLowerCase();
    // Counted per entry in one grouped join; a name typed by the editor is matched literally.
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    let base = this.db.selectFrom(table as 'tags');
    if (pattern) base = base.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or slug like ${pattern} escape '\\')`);
    const counts = this.db.selectFrom(link as 'article_tags').select([`${key as 'tag_id'} as eid`]).select((eb) => eb.fn.countAll<number>().as('n')).groupBy(key as 'tag_id').as('c');
    const [rows, total] = await Promise.all([
      base.leftJoin(counts, 'c.eid', 'id').selectAll(table as 'tags').select(sql<number>`coalesce(c.n, 0)`.as('articles'))
        .orderBy(sql`coalesce(c.n, 0)`, 'desc').orderBy('name').orderBy('id').limit(q.limit).offset(q.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(total.n), items: rows.map((r) => toEntry(r as unknown as EntryRow)) };
  }

  async taxonomyEntry(kind: TaxonomyKind, id: number): Promise<TaxonomyEntry | undefined> {
    return this.entryWhere(kind, 'id', id);
  }

  async taxonomyBySlug(kind: TaxonomyKind, slug: string): Promise<TaxonomyEntry | undefined> {
    return this.entryWhere(kind, 'slug', slug);
  }

  private async entryWhere(kind: TaxonomyKind, column: 'id' | 'slug', value: number | string): Promise<TaxonomyEntry | undefined> {
    const { table, link, key } = TABLES[kind];
    const row = await this.db.selectFrom(table as 'tags').selectAll()
      .select((eb) => eb.selectFrom(link as 'article_tags').select((e) => e.fn.countAll<number>().as('n')).whereRef(key as 'tag_id', '=', `${table as 'tags'}.id`).as('articles'))
      .where(column, '=', value as never).executeTakeFirst();
    return row ? toEntry(row as unknown as EntryRow) : undefined;
  }

  async saveTaxonomy(kind: TaxonomyKind, e: Omit<TaxonomyEntry, 'id' | 'articles'>, id?: number): Promise<number> {
    if (kind === 'tag') {
      const values = { slug: e.slug, name: e.name };
      if (id !== undefined) {
        await this.db.updateTable('tags').set(values).where('id', '=', id).execute();
        return id;
      }
      return (await this.db.insertInto('tags').values(values).returning('id').executeTakeFirstOrThrow()).id;
    }
    const values = { slug: e.slug, name: e.name, bio: e.bio, photo_url: e.photoUrl };
    if (id !== undefined) {
      await this.db.updateTable('authors').set(values).where('id', '=', id).execute();
      return id;
    }
    return (await this.db.insertInto('authors').values(values).returning('id').executeTakeFirstOrThrow()).id;
  }

  async mergeTaxonomy(kind: TaxonomyKind, fromId: number, intoId: number): Promise<void> {
    if (kind === 'tag') {
      // Articles that carry both keep the one link they already have to the target.
      await sql`insert into article_tags (article_id, tag_id)
        select article_id, ${intoId} from article_tags where tag_id = ${fromId}
        and article_id not in (select article_id from article_tags where tag_id = ${intoId})`.execute(this.db);
      await this.db.deleteFrom('tags').where('id', '=', fromId).execute();
      return;
    }
    // A byline keeps the place it had on the article.
    await sql`insert into article_authors (article_id, author_id, position)
      select article_id, ${intoId}, position from article_authors where author_id = ${fromId}
      and article_id not in (select article_id from article_authors where author_id = ${intoId})`.execute(this.db);
    await this.db.deleteFrom('authors').where('id', '=', fromId).execute();
  }

  async deleteTaxonomy(kind: TaxonomyKind, id: number): Promise<void> {
    // The link rows go with it (ON DELETE CASCADE), on both dialects.
    if (kind === 'tag') await this.db.deleteFrom('tags').where('id', '=', id).execute();
    else await this.db.deleteFrom('authors').where('id', '=', id).execute();
  }
}

interface EntryRow { id: number; slug: string; name: string; bio?: string; photo_url?: string | null; articles: number | string | null }

function toEntry(r: EntryRow): TaxonomyEntry {
  return { id: r.id, slug: r.slug, name: r.name, bio: r.bio ?? '', photoUrl: r.photo_url ?? null, articles: Number(r.articles ?? 0) };
}
