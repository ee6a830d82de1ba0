import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openStorage } from '../../src/storage/open-storage.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

export type DialectName = 'sqlite' | 'postgres';

/** Where the PostgreSQL tests connect; each test suite gets a database of its own there. */
export const PG_ADMIN_URL = process.env.MASTHEAD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** SQLite always; PostgreSQL when it answers (it does on the development machines and in CI). */
export const DIALECTS: DialectName[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
if (process.env.CI && !DIALECTS.includes('postgres')) {
  throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}; CI must test both dialects`);
}

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string | ':memory:';
  drop(): Promise<void>;
}

/** A fresh, empty database of the dialect. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') return { databaseUrl: undefined, dataDir: ':memory:', drop: async () => {} };
  const name = `mh_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: ':memory:',
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Opened, migrated storage on a fresh database; `close` also drops it. */
export async function openTestStorage(dialect: DialectName): Promise<{ storage: KyselyStorage; close(): Promise<void> }> {
  const db = await createTestDatabase(dialect);
  const storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  return {
    storage,
    async close() {
      await storage.close();
      await db.drop();
    },
  };
}
