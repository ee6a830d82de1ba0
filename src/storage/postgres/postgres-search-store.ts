import { sql, type Kysely, type RawBuilder } from 'kysely';
import { toTsquery } from '../../search/search-query.js';
import type { Database } from '../schema.js';
import type { Page, SearchHit, SearchRequest, SearchStore } from '../ports.js';
import { BROAD_CANDIDATES, hitColumns, MAX_COUNTED, rankNewestOnly, searchFilters, toHit, type HitRow } from '../search-filters.js';

const DAY = 86_400_000;
/** The newest rows a broad query looks among for its candidates, before it looks at all (newestMatches). */
const WINDOWS = [4 * BROAD_CANDIDATES, 16 * BROAD_CANDIDATES] as const;

/**
 * tsvector search over the analysed words (see migrations/005-search-analysis.ts). The query is
 * a tsquery literal compiled from the same analysis and cast with `::tsquery`, which takes the
 * lexemes as written; `to_tsquery` would split them again with PostgreSQL's own parser.
 * Relevance is ts_rank (title weight A) scaled up to 20% for articles of the last week or so.
 */
export class PostgresSearchStore implements SearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async search(r: SearchRequest): Promise<Page<SearchHit>> {
    if (!r.query.clauses.length) return { items: [], total: 0 };
    return this.planned((db, tuned) => this.run(db, r, tuned));
  }

  /**
   * Runs the search in a transaction with sequential scans priced out. Testing a row against the
   * query reads its whole tsvector, a cost the planner does not count, so it reads the table from
   * the start to find a common word's first 1,000 matches, taking them as spread evenly where
   * words cluster (a wire service's jargon sits in the rows of its import) and testing tens of
   * thousands of rows. A bitmap scan takes the matching rows from the GIN index, exact, for about
   * what those rows cost.
   */
  private async planned<T>(work: (db: Kysely<Database>, tuned: boolean) => Promise<T>): Promise<T> {
    // Inside a caller's transaction a setting would outlive the search: run it as planned.
    if (this.db.isTransaction) return work(this.db, false);
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
      return work(trx, true);
    });
  }

  private async run(db: Kysely<Database>, r: SearchRequest, tuned: boolean): Promise<Page<SearchHit>> {
    const tsq = sql`${toTsquery(r.query)}::tsquery`;
    const where = sql`a.search @@ ${tsq} and ${searchFilters(r)}`;
    const count = await sql<{ n: string }>`
      select count(*) as n from (select 1 from articles a where ${where} limit ${MAX_COUNTED}) as matched`.execute(db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (!total) return { items: [], total };
    const broad = rankNewestOnly(r, total);
    const source = broad ? sql`articles a where a.id = any(${await this.newestMatches(db, where, tuned)}::int[])` : sql`articles a where ${where}`;
    // A broad query's candidates are ranked on their titles (migration 016): the whole tsvector
    // of a thousand of them costs more than the rest of the search, and a word that common is
    // told apart by where it stands, not by how often the text repeats it.
    const rank = broad ? sql`ts_rank(a.search_title_vector, ${tsq})` : sql`ts_rank(a.search, ${tsq})`;
    const score = r.sort === 'date'
      ? sql`0::float8`
      : sql`${rank} * (1.0 + 0.2 / (1.0 + greatest(0, ${r.now}::bigint - a.published_at)::float8 / ${7 * DAY}))`;
    // Ranked ids first, columns after: the text is read for the page's rows only, not every match.
    const rows = await sql<HitRow>`
      with ranked as (
        select a.id as id, ${score} as score, a.published_at as published from ${source}
        order by score desc, published desc, a.id desc
        limit ${r.limit} offset ${r.offset})
      select ${hitColumns} from ranked join articles a on a.id = ranked.id
      order by ranked.score desc, ranked.published desc, a.id desc`.execute(db);
    return { items: rows.rows.map(toHit), total };
  }

  /**
   * The newest BROAD_CANDIDATES matches of a broad query. Testing a row against the query reads
   * its whole tsvector, so neither obvious plan is cheap: walking the primary key newest first
   * tests every row it passes, taking every match from the GIN index pays for each of them
   * (45,000 for "the" at 56k articles). Instead the GIN bitmap is ANDed with the bitmap of the
   * newest ids, in windows of growing size: only the matches inside a window are read, and a
   * common word fills the candidates in the first one. Words cluster (a wire service's jargon
   * sits in the rows of its import), so a window that falls short hands over to a larger one.
   */
  private async newestMatches(db: Kysely<Database>, where: RawBuilder<unknown>, tuned: boolean): Promise<number[]> {
    // The windows by id (deleted articles leave gaps: a window holds at most that many rows). No
    // plain index scan from here on either: it would walk the primary key testing each row.
    const { rows: [top] } = await sql<{ id: number | null }>`
      select max(id) as id${tuned ? sql`, set_config('enable_indexscan', 'off', true)` : sql``} from articles`.execute(db);
    for (const size of WINDOWS) {
      // A window reaching the first id is the whole table: the last step below.
      const edge = (top?.id ?? 0) - size;
      if (edge <= 0) break;
      const { rows } = await sql<{ id: number }>`
        select a.id from articles a where ${where} and a.id > ${edge} order by a.id desc limit ${BROAD_CANDIDATES}`.execute(db);
      if (rows.length >= BROAD_CANDIDATES) return rows.map((row) => row.id);
    }
    const { rows } = await sql<{ id: number }>`
      select a.id from articles a where ${where} order by a.id desc limit ${BROAD_CANDIDATES}`.execute(db);
    return rows.map((row) => row.id);
  }
}
