import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration.js';

/** Images in the media store, and the cover picture of an article. */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = ctx.idColumn;
  await db.schema.createTable('media')
    .addColumn('id', id.type, id.build)
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('filename', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', ctx.bigint, (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('created_at', ctx.bigint, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('articles')
    .addColumn('cover_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
}
