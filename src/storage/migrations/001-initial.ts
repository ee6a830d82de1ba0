import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration.js';

/** Categories, authors, tags, articles and the counters that hang off them. */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = ctx.idColumn;
  const big = ctx.bigint;

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('categories')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('authors')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema.createTable('tags')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('articles')
    .addColumn('id', id.type, id.build)
    .addColumn('import_id', 'text', (c) => c.unique())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_format', 'text', (c) => c.notNull().defaultTo('markdown'))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('cover_image_url', 'text')
    .addColumn('source_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('recommended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recommended_until', big)
    .addColumn('view_count', big, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('articles_published_idx').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_category_idx').on('articles').columns(['category_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_views_idx').on('articles').columns(['status', 'view_count']).execute();

  await db.schema.createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema.createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author_idx').on('article_authors').columns(['author_id', 'article_id']).execute();

  await db.schema.createTable('view_buckets')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('views', big, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('view_buckets_pk', ['article_id', 'hour'])
    .execute();
  await db.schema.createIndex('view_buckets_hour_idx').on('view_buckets').columns(['hour']).execute();

  await db.schema.createTable('reactions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['article_id', 'reader', 'kind'])
    .execute();

  await db.schema.createTable('reaction_totals')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', big, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('reaction_totals_pk', ['article_id', 'kind'])
    .execute();

  await db.schema.createTable('reads')
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('read_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reads_reader_idx').on('reads').columns(['reader', 'read_at']).execute();

}
