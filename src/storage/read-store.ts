import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ReadStore } from './ports.js';

/** Reading histories over Kysely; the window-function prune is the same SQL on both dialects. */
export class KyselyReadStore implements ReadStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(reads: readonly { reader: string; articleId: number; at: number }[]): Promise<void> {
    for (let i = 0; i < reads.length; i += 500) {
      const chunk = reads.slice(i, i + 500).map((r) => ({ reader: r.reader, article_id: r.articleId, read_at: r.at }));
      await this.db.insertInto('reads').values(chunk).execute();
    }
  }

  async *since(since: number): AsyncIterable<{ reader: string; articleId: number; at: number }> {
    const pageSize = 5000;
    let after: { reader: string; at: number } | undefined;
    for (;;) {
      let q = this.db.selectFrom('reads').select(['reader', 'article_id', 'read_at']).where('read_at', '>=', since);
      if (after) {
        const { reader, at } = after;
        q = q.where((eb) => eb.or([eb('reader', '>', reader), eb.and([eb('reader', '=', reader), eb('read_at', '>', at)])]));
      }
      const rows = await q.orderBy('reader').orderBy('read_at').limit(pageSize).execute();
      for (const r of rows) yield { reader: r.reader, articleId: r.article_id, at: Number(r.read_at) };
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { reader: last.reader, at: Number(last.read_at) };
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
