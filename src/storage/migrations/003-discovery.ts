import type { Kysely } from 'kysely';

/**
 * Lets the discovery engine find changed articles without scanning the table, and keys
 * reading histories by time only: every counted view appends a read, and an index that
 * grows at its right edge costs far less per insert than one keyed by random reader hashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reads_reader_idx').execute();
  await db.schema.createIndex('reads_time_idx').on('reads').columns(['read_at']).execute();
  await db.schema.createIndex('articles_updated_idx').on('articles').columns(['updated_at']).execute();
  await db.schema.createIndex('articles_publish_time_idx').on('articles').columns(['published_at']).execute();
  await db.schema.createIndex('articles_recommended_idx').on('articles').columns(['recommended', 'published_at']).execute();
}
