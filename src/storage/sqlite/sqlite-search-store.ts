import { sql, type Kysely } from 'kysely';
import type { ArticleCard } from '../../content/types.js';
import type { Database } from '../schema.js';
import type { Page, SearchStore } from '../ports.js';

/** FTS5 search: each term quoted (so no user text is read as FTS syntax), the last one as a prefix. */
export class SqliteSearchStore implements SearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async search(terms: readonly string[], now: number, limit: number, offset: number): Promise<Page<ArticleCard>> {
    if (!terms.length) return { items: [], total: 0 };
    const match = terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
    const where = sql`articles_fts match ${match} and a.status in ('published', 'scheduled') and a.published_at <= ${now}`;
    const rows = await sql<{ id: number; slug: string; title: string; summary: string; category_id: number | null; cover_image_url: string | null; cover_media_id: number | null; published_at: number | null; view_count: number }>`
      select a.id, a.slug, a.title, a.summary, a.category_id, a.cover_image_url, a.cover_media_id, a.published_at, a.view_count
      from articles_fts join articles a on a.id = articles_fts.rowid
      where ${where}
      order by bm25(articles_fts, 4.0, 1.0), a.published_at desc
      limit ${limit} offset ${offset}`.execute(this.db);
    const count = await sql<{ n: number }>`
      select count(*) as n from articles_fts join articles a on a.id = articles_fts.rowid where ${where}`.execute(this.db);
    return {
      items: rows.rows.map((r) => ({
        id: r.id, slug: r.slug, title: r.title, summary: r.summary, categoryId: r.category_id,
        coverImageUrl: r.cover_image_url, coverImageId: r.cover_media_id, publishedAt: r.published_at, viewCount: Number(r.view_count),
      })),
      total: Number(count.rows[0]?.n ?? 0),
    };
  }
}
