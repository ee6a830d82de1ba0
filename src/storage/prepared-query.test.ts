import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite/sqlite-database.js';
import { prepared, slot } from './prepared-query.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of the test's own
type Db = Kysely<any>;
const byId = prepared((d: Db) => d.selectFrom('notes').select(['id', 'text']).where('id', '=', slot<number>(0)));

describe('prepared queries on SQLite', () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  async function notes(): Promise<Db> {
    db = openSqlite(':memory:') as unknown as Db;
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
    await db.insertInto('notes').values([{ id: 1, text: 'first' }, { id: 2, text: 'second' }]).execute();
    return db;
  }

  it('answers with the rows Kysely answers, for each argument', async () => {
    const d = await notes();
    expect(await byId(d, [2])).toEqual(await d.selectFrom('notes').select(['id', 'text']).where('id', '=', 2).execute());
    expect(await byId(d, [1])).toEqual([{ id: 1, text: 'first' }]);
    expect(await byId(d, [3])).toEqual([]);
  });

  it('never sees a transaction\'s writes before its commit: a read meanwhile waits its turn', async () => {
    const d = await notes();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const trx = d.transaction().execute(async (t) => {
      await t.updateTable('notes').set({ text: 'edited' }).where('id', '=', 1).execute();
      wrote();
      await gate;
    });
    await written;
    let seen: string | undefined;
    const during = byId(d, [1]).then((rows) => (seen = rows[0]?.text));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The same connection holds the uncommitted write: answering now would show it.
    expect(seen).toBeUndefined();
    release();
    await trx;
    expect(await during).toBe('edited');
  });
});
