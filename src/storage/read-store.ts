import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ReadStore } from './ports.js';

/** Reading histories over Kysely; the window-function prune is the same SQL on both dialects. */
export class KyselyReadStore implements ReadStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(reads: readonly { reader: string; articleId: number; at: number }[]): Promise<void> {
    // One transaction per batch: one commit instead of one per chunk.
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < reads.length; i += 300) {
        const chunk = reads.slice(i, i + 300).map((r) => ({ reader: r.reader, article_id: r.articleId, read_at: r.at }));
        await trx.insertInto('reads').values(chunk).execute();
      }
    });
  }

  async *since(since: number): AsyncIterable<{ reader: string; articleId: number; at: number }> {
    // Oldest first across all readers: replaying in time order rebuilds each history and the
    // co-visitation counts exactly as they grew.
    const pageSize = 5000;
    let after: { at: number; reader: string; articleId: number } | undefined;
    for (;;) {
      let q = this.db.selectFrom('reads').select(['reader', 'article_id', 'read_at']).where('read_at', '>=', since);
      if (after) {
        const { at, reader, articleId } = after;
        q = q.where((eb) => eb.or([
          eb('read_at', '>', at),
          eb.and([eb('read_at', '=', at), eb.or([eb('reader', '>', reader), eb.and([eb('reader', '=', reader), eb('article_id', '>', articleId)])])]),
        ]));
      }
      const rows = await q.orderBy('read_at').orderBy('reader').orderBy('article_id').limit(pageSize).execute();
      for (const r of rows) yield { reader: r.reader, articleId: r.article_id, at: Number(r.read_at) };
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { at: Number(last.read_at), reader: last.reader, articleId: last.article_id };
    }
  }

  async prune(before: number, keepPerReader: number): Promise<number> {
    const old = await this.db.deleteFrom('reads').where('read_at', '<', before).executeTakeFirst();
    const extra = await sql`
      delete from reads where (reader, read_at) in (
        select reader, read_at from (
          select reader, read_at, row_number() over (partition by reader order by read_at desc) as rn from reads
        ) ranked where rn > ${keepPerReader}
      )`.execute(this.db);
    return Number(old.numDeletedRows ?? 0) + Number(extra.numAffectedRows ?? 0);
  }
}
