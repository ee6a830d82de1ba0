import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration.js';

/**
 * Full-text search over title and body. SQLite: an FTS5 index kept in step with
 * `articles` by triggers. PostgreSQL: a stored tsvector column with a GIN index.
 * Both use language-neutral tokenizing ('unicode61' / 'simple'), since one site may
 * publish in several languages.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect === 'sqlite') {
    await sql`create virtual table articles_fts using fts5(
      title, body_text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger articles_fts_insert after insert on articles begin
      insert into articles_fts(rowid, title, body_text) values (new.id, new.title, new.body_text);
    end`.execute(db);
    await sql`create trigger articles_fts_delete after delete on articles begin
      insert into articles_fts(articles_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text);
    end`.execute(db);
    await sql`create trigger articles_fts_update after update of title, body_text on articles begin
      insert into articles_fts(articles_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text);
      insert into articles_fts(rowid, title, body_text) values (new.id, new.title, new.body_text);
    end`.execute(db);
    await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
  } else {
    await sql`alter table articles add column search tsvector generated always as (
      setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(body_text, '')), 'B')
    ) stored`.execute(db);
    await sql`create index articles_search_idx on articles using gin (search)`.execute(db);
  }
}
