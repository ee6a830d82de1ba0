import { sql, type Kysely } from 'kysely';
import type { ArticleCard } from '../../content/types.js';
import type { Database } from '../schema.js';
import type { Page, SearchStore } from '../ports.js';

/** tsvector search: every term must match, the last one as a prefix, ranked by ts_rank with title weighted. */
export class PostgresSearchStore implements SearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async search(terms: readonly string[], now: number, limit: number, offset: number): Promise<Page<ArticleCard>> {
    if (!terms.length) return { items: [], total: 0 };
    // Terms are letters and digits only (the service splits them), so they are safe lexemes.
    const query = terms.map((t, i) => `'${t.replace(/'/g, "''")}'${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
    const tsq = sql`to_tsquery('simple', ${query})`;
    const rows = await sql<{ id: number; slug: string; title: string; summary: string; category_id: number | null; cover_image_url: string | null; cover_media_id: number | null; published_at: number | null; view_count: number; total: number }>`
      select id, slug, title, summary, category_id, cover_image_url, cover_media_id, published_at, view_count, count(*) over () as total
      from articles
      where search @@ ${tsq} and status in ('published', 'scheduled') and published_at <= ${now}
      order by ts_rank(search, ${tsq}) desc, published_at desc
      limit ${limit} offset ${offset}`.execute(this.db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (!rows.rows.length && offset > 0) {
      const count = await sql<{ n: number }>`select count(*) as n from articles where search @@ ${tsq} and status in ('published', 'scheduled') and published_at <= ${now}`.execute(this.db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return {
      items: rows.rows.map((r): ArticleCard => ({
        id: r.id, slug: r.slug, title: r.title, summary: r.summary, categoryId: r.category_id,
        coverImageUrl: r.cover_image_url, coverImageId: r.cover_media_id, publishedAt: r.published_at, viewCount: Number(r.view_count),
      })),
      total,
    };
  }
}
