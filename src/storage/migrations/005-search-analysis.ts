import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../discovery/search-analysis.js';
import type { MigrationContext } from './migration.js';

const BATCH = 500;

/**
 * One text analysis for search on both dialects (docs/decisions/010-search-analysis.md).
 * Each article keeps its title and text in Masthead's own analysis (`search_title`,
 * `search_body`: folded tokens joined by spaces), and the database only indexes those
 * words as they are:
 * - SQLite: FTS5 with the `ascii` tokenizer, which splits at the spaces and nowhere else
 *   (every non-ASCII character is a token character), kept in step by triggers;
 * - PostgreSQL: a tsvector generated from the same words with their positions, built by a
 *   cast (`'word':1`::tsvector) rather than `to_tsvector`, whose parser splits differently.
 * This replaces the index of 002-search, where each database split the raw text its own way.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('search_title', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('articles').addColumn('search_body', 'text', (c) => c.notNull().defaultTo('')).execute();
  await backfill(db);
  if (ctx.dialect === 'sqlite') {
    for (const t of ['articles_fts_insert', 'articles_fts_delete', 'articles_fts_update']) await sql`drop trigger if exists ${sql.ref(t)}`.execute(db);
    await sql`drop table if exists articles_fts`.execute(db);
    await sql`create virtual table articles_search using fts5(
      search_title, search_body, content='articles', content_rowid='id', tokenize='ascii'
    )`.execute(db);
    await sql`create trigger articles_search_insert after insert on articles begin
      insert into articles_search(rowid, search_title, search_body) values (new.id, new.search_title, new.search_body);
    end`.execute(db);
    await sql`create trigger articles_search_delete after delete on articles begin
      insert into articles_search(articles_search, rowid, search_title, search_body) values ('delete', old.id, old.search_title, old.search_body);
    end`.execute(db);
    await sql`create trigger articles_search_update after update of search_title, search_body on articles begin
      insert into articles_search(articles_search, rowid, search_title, search_body) values ('delete', old.id, old.search_title, old.search_body);
      insert into articles_search(rowid, search_title, search_body) values (new.id, new.search_title, new.search_body);
    end`.execute(db);
    await sql`insert into articles_search(articles_search) values ('rebuild')`.execute(db);
  } else {
    await sql`alter table articles drop column if exists search`.execute(db);
    // Positions keep phrase search; tsvector caps them at 16383, as the analysis caps each field.
    await sql`create function masthead_search_positions(words text) returns tsvector
      language sql immutable parallel safe as $$
        select coalesce(
          (select string_agg(quote_literal(w) || ':' || least(p, 16383), ' ')
             from unnest(string_to_array(words, ' ')) with ordinality as u(w, p) where w <> '')::tsvector,
          ''::tsvector)
      $$`.execute(db);
    await sql`create function masthead_search_vector(title text, body text) returns tsvector
      language sql immutable parallel safe as $$
        select setweight(masthead_search_positions(title), 'A') || setweight(masthead_search_positions(body), 'B')
      $$`.execute(db);
    await sql`alter table articles add column search tsvector
      generated always as (masthead_search_vector(search_title, search_body)) stored`.execute(db);
    await sql`create index articles_search_idx on articles using gin (search)`.execute(db);
  }
}

/** Writes the analysed fields of every existing article, in batches by id. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await sql<{ id: number; title: string; summary: string; body_text: string }>`
      select id, title, summary, body_text from articles where id > ${after} order by id limit ${BATCH}`.execute(db)).rows;
    if (!rows.length) return;
    for (const r of rows) {
      const doc = searchDocument(r.title, r.summary, r.body_text);
      await sql`update articles set search_title = ${doc.title}, search_body = ${doc.body} where id = ${r.id}`.execute(db);
    }
    after = rows[rows.length - 1]!.id;
  }
}
