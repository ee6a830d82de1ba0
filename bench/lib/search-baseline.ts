import { sql } from 'kysely';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

/**
 * The search Masthead shipped before its own analysis, rebuilt beside the new index in the same
 * database so both are timed on the same data in the same run: FTS5 `unicode61 remove_diacritics 2`
 * over title and text (SQLite), `to_tsvector('simple', …)` (PostgreSQL), queries split by a regular
 * expression, every term ANDed and the last one a prefix, full counts.
 */
export class BaselineSearch {
  constructor(private readonly storage: KyselyStorage) {}

  static terms(query: string): string[] {
    const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
    return [...new Set(words.map((w) => w.slice(0, 64)))].slice(0, 8);
  }

  async build(): Promise<void> {
    const db = this.storage.db;
    if (this.storage.dialect === 'sqlite') {
      await sql`create virtual table baseline_fts using fts5(title, body_text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
      await sql`insert into baseline_fts(baseline_fts) values ('rebuild')`.execute(db);
    } else {
      await sql`alter table articles add column baseline_search tsvector generated always as (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(body_text, '')), 'B')) stored`.execute(db);
      await sql`create index baseline_search_idx on articles using gin (baseline_search)`.execute(db);
      await sql`analyze articles`.execute(db);
    }
  }

  async search(query: string, now: number, limit: number): Promise<{ titles: string[]; total: number }> {
    const terms = BaselineSearch.terms(query);
    if (!terms.length) return { titles: [], total: 0 };
    const db = this.storage.db;
    if (this.storage.dialect === 'sqlite') {
      const match = terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
      const where = sql`baseline_fts match ${match} and a.status in ('published', 'scheduled') and a.published_at <= ${now}`;
      const rows = await sql<{ title: string }>`select a.title from baseline_fts join articles a on a.id = baseline_fts.rowid
        where ${where} order by bm25(baseline_fts, 4.0, 1.0), a.published_at desc limit ${limit}`.execute(db);
      const count = await sql<{ n: number }>`select count(*) as n from baseline_fts join articles a on a.id = baseline_fts.rowid where ${where}`.execute(db);
      return { titles: rows.rows.map((r) => r.title), total: Number(count.rows[0]?.n ?? 0) };
    }
    const q = terms.map((t, i) => `'${t.replace(/'/g, "''")}'${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
    const tsq = sql`to_tsquery('simple', ${q})`;
    const rows = await sql<{ title: string; total: string }>`select title, count(*) over () as total from articles
      where baseline_search @@ ${tsq} and status in ('published', 'scheduled') and published_at <= ${now}
      order by ts_rank(baseline_search, ${tsq}) desc, published_at desc limit ${limit}`.execute(db);
    return { titles: rows.rows.map((r) => r.title), total: Number(rows.rows[0]?.total ?? 0) };
  }

  /** Bytes of the baseline index. */
  async size(): Promise<number> {
    return indexBytes(this.storage, 'baseline');
  }
}

/** Bytes of Masthead's search index (`current`) or of the baseline's. */
export async function indexBytes(storage: KyselyStorage, which: 'current' | 'baseline'): Promise<number> {
  if (storage.dialect === 'sqlite') {
    const table = which === 'current' ? 'articles_search' : 'baseline_fts';
    // An FTS5 index lives in its _data and _idx shadow tables (the text stays in `articles`).
    const r = await sql<{ n: number }>`select (select coalesce(sum(length(block)), 0) from ${sql.table(`${table}_data`)})
      + (select coalesce(sum(length(term)) + count(*) * 16, 0) from ${sql.table(`${table}_idx`)}) as n`.execute(storage.db);
    const columns = which === 'current'
      ? await sql<{ n: number }>`select coalesce(sum(length(search_title) + length(search_body)), 0) as n from articles`.execute(storage.db)
      : { rows: [{ n: 0 }] };
    return Number(r.rows[0]?.n ?? 0) + Number(columns.rows[0]?.n ?? 0);
  }
  const [index, column] = which === 'current' ? ['articles_search_idx', 'search'] : ['baseline_search_idx', 'baseline_search'];
  const r = await sql<{ n: string }>`select pg_relation_size(${index}::regclass)
    + (select coalesce(sum(pg_column_size(${sql.ref(column)})), 0) from articles) as n`.execute(storage.db);
  const words = which === 'current'
    ? await sql<{ n: string }>`select coalesce(sum(pg_column_size(search_title) + pg_column_size(search_body) + pg_column_size(search_title_vector)), 0) as n from articles`.execute(storage.db)
    : { rows: [{ n: '0' }] };
  return Number(r.rows[0]?.n ?? 0) + Number(words.rows[0]?.n ?? 0);
}
