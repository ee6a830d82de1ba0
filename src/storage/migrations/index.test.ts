import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../sqlite/sqlite-database.js';
import { isLatest, migrateToLatest, migrations } from './index.js';

describe('migrateToLatest', () => {
  it('skips the migrator only when exactly the known migrations are recorded', async () => {
    const db = openSqlite(':memory:') as unknown as Kysely<unknown>;
    try {
      expect(await isLatest(db)).toBe(false); // no table yet
      await migrateToLatest(db, 'sqlite');
      expect(await isLatest(db)).toBe(true);
      await migrateToLatest(db, 'sqlite'); // a second start: nothing to do, nothing fails
      const last = migrations[migrations.length - 1]!.name;
      await sql`delete from kysely_migration where name = ${last}`.execute(db);
      expect(await isLatest(db)).toBe(false); // one pending: the migrator decides
      await sql`insert into kysely_migration (name, timestamp) values (${last}, '2026-01-01'), ('999-from-a-newer-build', '2026-01-01')`.execute(db);
      expect(await isLatest(db)).toBe(false); // a name this build does not know
    } finally {
      await db.destroy();
    }
  });
});
