import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { CounterStore } from './ports.js';

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
    await this.tx(async (s) => {
      const totals = new Map<number, number>();
      for (const inc of increments) totals.set(inc.articleId, (totals.get(inc.articleId) ?? 0) + inc.views);
      for (const inc of increments) {
        await s.db.insertInto('view_buckets').values({ article_id: inc.articleId, hour: inc.hour, views: inc.views })
          .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql`view_buckets.views + excluded.views` }))
          .execute();
      }
      for (const [articleId, views] of totals) {
        await s.db.updateTable('articles').set({ view_count: sql`view_count + ${views}` }).where('id', '=', articleId).execute();
      }
    });
  }

  async viewCount(articleId: number): Promise<number> {
    const row = await this.db.selectFrom('articles').select('view_count').where('id', '=', articleId).executeTakeFirst();
    return Number(row?.view_count ?? 0);
  }

  async viewBuckets(sinceHour: number): Promise<{ articleId: number; hour: number; views: number }[]> {
    const rows = await this.db.selectFrom('view_buckets').select(['article_id', 'hour', 'views']).where('hour', '>=', sinceHour).execute();
    return rows.map((r) => ({ articleId: r.article_id, hour: r.hour, views: Number(r.views) }));
  }

  async toggleReaction(articleId: number, reader: string, kind: string, now: number, wanted?: boolean): Promise<{ active: boolean; count: number }> {
    return this.tx(async (s) => {
      const existing = await s.db.selectFrom('reactions').select('reader')
        .where('article_id', '=', articleId).where('reader', '=', reader).where('kind', '=', kind).executeTakeFirst();
      const active = wanted ?? !existing;
      let delta = 0;
      if (active && !existing) {
        await s.db.insertInto('reactions').values({ article_id: articleId, reader, kind, created_at: now }).execute();
        delta = 1;
      } else if (!active && existing) {
        await s.db.deleteFrom('reactions').where('article_id', '=', articleId).where('reader', '=', reader).where('kind', '=', kind).execute();
        delta = -1;
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
