import { sql, type Kysely } from 'kysely';
import { toTsquery } from '../../search/search-query.js';
import type { Database } from '../schema.js';
import type { Page, SearchHit, SearchRequest, SearchStore } from '../ports.js';
import { BROAD_CANDIDATES, hitColumns, MAX_COUNTED, rankNewestOnly, searchFilters, toHit, type HitRow } from '../search-filters.js';

const DAY = 86_400_000;

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
    const tsq = sql`${toTsquery(r.query)}::tsquery`;
    const where = sql`a.search @@ ${tsq} and ${searchFilters(r)}`;
    const count = await sql<{ n: string }>`
      select count(*) as n from (select 1 from articles a where ${where} limit ${MAX_COUNTED}) as matched`.execute(this.db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (!total) return { items: [], total };
    // The matches of a broad query come from the GIN index as a set (materialized, so the planner
    // cannot walk the primary key instead and test every row); only the newest are ranked.
    const source = rankNewestOnly(r, total)
      ? sql`(with m as materialized (select a.id from articles a where ${where})
          select id from m order by id desc limit ${BROAD_CANDIDATES}) as c join articles a on a.id = c.id`
      : sql`articles a where ${where}`;
    const score = r.sort === 'date'
      ? sql`0::float8`
      : sql`ts_rank(a.search, ${tsq}) * (1.0 + 0.2 / (1.0 + greatest(0, ${r.now}::bigint - a.published_at)::float8 / ${7 * DAY}))`;
    // Ranked ids first, columns after: the text is read for the page's rows only, not every match.
    const rows = await sql<HitRow>`
      with ranked as (
        select a.id as id, ${score} as score, a.published_at as published from ${source}
        order by score desc, published desc, a.id desc
        limit ${r.limit} offset ${r.offset})
      select ${hitColumns} from ranked join articles a on a.id = ranked.id
      order by ranked.score desc, ranked.published desc, a.id desc`.execute(this.db);
    return { items: rows.rows.map(toHit), total };
  }
}
