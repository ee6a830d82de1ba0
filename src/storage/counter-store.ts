import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ArticleCounts, CounterStore } from './ports.js';

/** Rows per multi-row statement: far below both dialects' bound-parameter limits. */
const BATCH_ROWS = 500;

/**
 * Views and reactions. `INSERT … ON CONFLICT DO UPDATE` with `excluded` is spelled the
 * same on SQLite and PostgreSQL, so one file serves both dialects.
 */
export class KyselyCounterStore implements CounterStore {
  constructor(private readonly db: Kysely<Database>, private readonly inTransaction = false) {}

  private tx<T>(work: (store: KyselyCounterStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new KyselyCounterStore(trx, true)));
  }

  async addViews(increments: readonly { articleId: number; hour: number; views: number }[]): Promise<void> {
    if (!increments.length) return;
    const totals = new Map<number, number>();
    for (const inc of increments) {
      if (!Number.isSafeInteger(inc.articleId) || !Number.isSafeInteger(inc.hour) || !Number.isSafeInteger(inc.views) || inc.views < 0) {
        throw new TypeError(`Bad view increment ${JSON.stringify(inc)}`);
      }
      totals.set(inc.articleId, (totals.get(inc.articleId) ?? 0) + inc.views);
    }
    // A few multi-row statements per flush instead of two per article: the whole batch is one
    // transaction either way, but the statement count is what a busy flush pays for.
    await this.tx(async (s) => {
      for (let i = 0; i < increments.length; i += BATCH_ROWS) {
        const rows = increments.slice(i, i + BATCH_ROWS).map((inc) => ({ article_id: inc.articleId, hour: inc.hour, views: inc.views }));
        await s.db.insertInto('view_buckets').values(rows)
          .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql`view_buckets.views + excluded.views` }))
          .execute();
      }
      const entries = [...totals];
      for (let i = 0; i < entries.length; i += BATCH_ROWS) {
        const chunk = entries.slice(i, i + BATCH_ROWS);
        // Literals, checked as safe integers above: a bare parameter in CASE has no type on PostgreSQL.
        const cases = sql.join(chunk.map(([id, n]) => sql`when ${sql.lit(id)} then ${sql.lit(n)}`), sql` `);
        await s.db.updateTable('articles').set({ view_count: sql`view_count + case id ${cases} else 0 end` })
          .where('id', 'in', chunk.map(([id]) => id)).execute();
      }
    });
  }

  async viewCount(articleId: number): Promise<number> {
    const row = await this.db.selectFrom('articles').select('view_count').where('id', '=', articleId).executeTakeFirst();
    return Number(row?.view_count ?? 0);
  }

  async articleCounts(articleId: number): Promise<ArticleCounts | undefined> {
    const row = await this.db.selectFrom('articles').select(['slug', 'status', 'published_at', 'view_count'])
      .where('id', '=', articleId).executeTakeFirst();
    if (!row) return undefined;
    return {
      slug: row.slug,
      status: row.status,
      publishedAt: row.published_at === null ? null : Number(row.published_at),
      views: Number(row.view_count),
      reactions: await this.reactionCounts(articleId),
    };
  }

  async viewBuckets(sinceHour: number): Promise<{ articleId: number; hour: number; views: number }[]> {
    const rows = await this.db.selectFrom('view_buckets').select(['article_id', 'hour', 'views']).where('hour', '>=', sinceHour).execute();
    return rows.map((r) => ({ articleId: r.article_id, hour: r.hour, views: Number(r.views) }));
  }

  async toggleReaction(articleId: number, reader: string, kind: string, now: number, wanted?: boolean): Promise<{ active: boolean; count: number }> {
    return this.tx(async (s) => {
      const match = { article_id: articleId, reader, kind };
      const active = wanted ?? !(await s.db.selectFrom('reactions').select('reader').where('article_id', '=', articleId)
        .where('reader', '=', reader).where('kind', '=', kind).executeTakeFirst());
      // The delta comes from what the statement actually changed, not from the read above:
      // two racing requests of one reader (a double click, a retry) then move the total once.
      let delta = 0;
      if (active) {
        const r = await s.db.insertInto('reactions').values({ ...match, created_at: now })
          .onConflict((oc) => oc.columns(['article_id', 'reader', 'kind']).doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) delta = 1;
      } else {
        const r = await s.db.deleteFrom('reactions').where('article_id', '=', articleId).where('reader', '=', reader)
          .where('kind', '=', kind).executeTakeFirst();
        if (Number(r.numDeletedRows) > 0) delta = -1;
      }
      if (delta !== 0) {
        await s.db.insertInto('reaction_totals').values({ article_id: articleId, kind, count: Math.max(0, delta) })
          .onConflict((oc) => oc.columns(['article_id', 'kind']).doUpdateSet({ count: sql`reaction_totals.count + ${delta}` }))
          .execute();
      }
      const row = await s.db.selectFrom('reaction_totals').select('count').where('article_id', '=', articleId).where('kind', '=', kind).executeTakeFirst();
      return { active, count: Number(row?.count ?? 0) };
    });
  }

  async reactionCounts(articleId: number): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('reaction_totals').select(['kind', 'count']).where('article_id', '=', articleId).execute();
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.count)]));
  }

  async hasReacted(articleId: number, reader: string): Promise<string[]> {
    const rows = await this.db.selectFrom('reactions').select('kind').where('article_id', '=', articleId).where('reader', '=', reader).execute();
    return rows.map((r) => r.kind);
  }

  async seedCounts(articleId: number, views: number, reactions: Record<string, number>): Promise<void> {
    await this.tx(async (s) => {
      await s.db.updateTable('articles').set({ view_count: views }).where('id', '=', articleId).execute();
      for (const [kind, count] of Object.entries(reactions)) {
        await s.db.insertInto('reaction_totals').values({ article_id: articleId, kind, count })
          .onConflict((oc) => oc.columns(['article_id', 'kind']).doUpdateSet({ count })).execute();
      }
    });
  }
}
