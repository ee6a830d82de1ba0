import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration.js';

/**
 * The review workflow (an article's place in review beside its status, and the editor's note
 * when it is sent back), a photo for each byline, and the front page's pinned slots.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  // Review is not a status: an article in review is still a draft to every public query, so
  // nothing outside the newsroom needs to know about it.
  await db.schema.alterTable('articles').addColumn('review_state', 'text').execute();
  await db.schema.alterTable('articles').addColumn('review_note', 'text', (c) => c.notNull().defaultTo('')).execute();
  // The review queue: submitted articles, newest change first.
  await db.schema.createIndex('articles_review_idx').on('articles').columns(['review_state', 'updated_at', 'id']).execute();
  // The list's filter by day of publication (the filter by day of last change has articles_admin_idx).
  await db.schema.createIndex('articles_admin_published_idx').on('articles').columns(['deleted_at', 'published_at']).execute();

  await db.schema.alterTable('authors').addColumn('photo_url', 'text').execute();

  // Slot 0 is the lead story, 1… the top stories beside it. A deleted article leaves its slot.
  await db.schema.createTable('front_pins')
    .addColumn('slot', 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('pinned_at', ctx.bigint, (c) => c.notNull())
    .execute();
}
