import { sql, type Kysely } from 'kysely';
import { toFts5 } from '../../search/search-query.js';
import type { Database } from '../schema.js';
import type { Page, SearchHit, SearchRequest, SearchStore } from '../ports.js';
import { BROAD_CANDIDATES, hitColumns, MAX_COUNTED, rankNewestOnly, searchFilters, toHit, type HitRow } from '../search-filters.js';

const DAY = 86_400_000;

/**
 * FTS5 over the analysed words (`articles_search`, tokenizer `ascii`): the query is compiled from
 * the same analysis, each token quoted, so it is always valid FTS5 syntax. Relevance is BM25 with
 * the title weighted 4:1, scaled up to 20% for articles of the last week or so.
 */
export class SqliteSearchStore implements SearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async search(r: SearchRequest): Promise<Page<SearchHit>> {
    if (!r.query.clauses.length) return { items: [], total: 0 };
    const match = toFts5(r.query);
    const where = sql`articles_search match ${match} and ${searchFilters(r)}`;
    const count = await sql<{ n: number }>`
      select count(*) as n from (select 1 from articles_search join articles a on a.id = articles_search.rowid
      where ${where} limit ${MAX_COUNTED}) as matched`.execute(this.db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (!total) return { items: [], total };
    const fresh = sql`(1.0 + 0.2 / (1.0 + max(0, ${r.now} - a.published_at) * 1.0 / ${7 * DAY}))`;
    // FTS5 walks its postings by rowid, so the newest candidates of a broad query cost only themselves.
    const source = rankNewestOnly(r, total)
      ? sql`(select rowid as id, bm25(articles_search, 4.0, 1.0) as bm from articles_search
          where articles_search match ${match} order by rowid desc limit ${BROAD_CANDIDATES}) as m
          join articles a on a.id = m.id where ${searchFilters(r)}`
      : sql`(select rowid as id, bm25(articles_search, 4.0, 1.0) as bm from articles_search where articles_search match ${match}) as m
          join articles a on a.id = m.id where ${searchFilters(r)}`;
    // bm25 is negative (lower is better): a larger factor ranks a recent article higher.
    const score = r.sort === 'date' ? sql`0` : sql`m.bm * ${fresh}`;
    // Ranked ids first, columns after: the text is read for the page's rows only, not every match.
    const rows = await sql<HitRow>`
      with ranked as (
        select a.id as id, ${score} as score, a.published_at as published from ${source}
        order by score, published desc, a.id desc
        limit ${r.limit} offset ${r.offset})
      select ${hitColumns} from ranked join articles a on a.id = ranked.id
      order by ranked.score, ranked.published desc, a.id desc`.execute(this.db);
    return { items: rows.rows.map(toHit), total };
  }
}
