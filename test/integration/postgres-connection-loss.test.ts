import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, PG_ADMIN_URL, type TestDatabase } from '../helpers/dialects.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

// A connection closed under the pool (a restart, a failover, an idle timeout) must cost one
// reconnect, never the process: an 'error' event without a listener is fatal in Node.
describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL connections terminated under the pool', () => {
  let db: TestDatabase;
  let storage: KyselyStorage;
  const reported: Error[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:', onConnectionError: (err) => reported.push(err) });
  });
  afterAll(async () => {
    await storage.close();
    await db.drop();
  });

  it('reports the lost connection and answers the next query on a new one', async () => {
    // Several queries at once leave several idle connections in the pool.
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(storage.db)));
    const name = new URL(db.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    // Give the terminated sockets time to close and the pool time to notice.
    for (let i = 0; i < 100 && reported.length < killed.rowCount!; i++) await new Promise((r) => setTimeout(r, 20));
    expect(reported.length).toBe(killed.rowCount);
    expect(await storage.articles.countAll()).toBe(0);
  });

  it('survives a connection terminated while checked out between two statements of a transaction', async () => {
    const name = new URL(db.databaseUrl!).pathname.slice(1);
    const terminate = async () => {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await admin.end();
    };
    const failed = storage.transaction(async (stores) => {
      await stores.articles.countAll();
      await terminate();
      // The backend is gone while this transaction holds its connection and runs nothing.
      await new Promise((r) => setTimeout(r, 300));
      return stores.articles.countAll();
    });
    await expect(failed).rejects.toThrow();
    expect(await storage.articles.countAll()).toBe(0);
  });
});
