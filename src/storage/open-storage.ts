import { migrateToLatest } from './migrations/index.js';
import { KyselyStorage } from './kysely-storage.js';
import { openPostgres } from './postgres/postgres-database.js';
import { openSqlite } from './sqlite/sqlite-database.js';

export interface StorageOptions {
  /** A `postgres://` URL; when absent the site runs on SQLite under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string | ':memory:';
  /** Told when a pooled PostgreSQL connection fails while idle (it is replaced on the next query). */
  onConnectionError?: ((err: Error) => void) | undefined;
}

/** Opens the configured database and brings its schema up to date. */
export async function openStorage(options: StorageOptions): Promise<KyselyStorage> {
  const storage = options.databaseUrl
    ? new KyselyStorage(openPostgres(options.databaseUrl, options.onConnectionError ? { onConnectionError: options.onConnectionError } : {}), 'postgres')
    : new KyselyStorage(openSqlite(options.dataDir), 'sqlite');
  try {
    await migrateToLatest(storage.db as never, storage.dialect);
  } catch (err) {
    await storage.close();
    throw err;
  }
  return storage;
}
