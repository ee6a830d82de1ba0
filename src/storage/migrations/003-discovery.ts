import type { Kysely } from 'kysely';

/** Lets the discovery engine find changed articles without scanning the table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_updated_idx').on('articles').columns(['updated_at']).execute();
  await db.schema.createIndex('articles_publish_time_idx').on('articles').columns(['published_at']).execute();
  await db.schema.createIndex('articles_recommended_idx').on('articles').columns(['recommended', 'published_at']).execute();
}
