import type { Kysely } from 'kysely';
import type { Author, Category, Tag } from '../content/types.js';
import type { Database } from './schema.js';
import type { TaxonomyStore } from './ports.js';

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
    return this.db.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).where('slug', '=', slug).executeTakeFirst();
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
}
