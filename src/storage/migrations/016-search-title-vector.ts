import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration.js';

/**
 * PostgreSQL: the title's words as a tsvector of their own (`search_title_vector`, weight A, the
 * same words and positions as the title part of `search`), to rank a broad query's candidates.
 * `ts_rank` over `search` reads each candidate's whole tsvector, the body's included (a long
 * newsgroup post is tens of kilobytes of it, stored compressed out of line); the title's is a
 * few dozen bytes kept in the row. docs/decisions/017-search-broad-queries.md.
 *
 * SQLite needs nothing: FTS5 ranks from its own postings, not from a stored document.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  await sql`alter table articles add column search_title_vector tsvector
    generated always as (setweight(masthead_search_positions(search_title), 'A')) stored`.execute(db);
}
