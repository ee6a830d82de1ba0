import { AppError, isAppError } from '../errors.js';
import { migrateToLatest } from './migrations/index.js';
import { KyselyStorage } from './kysely-storage.js';
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
  // pg is loaded only by a PostgreSQL site.
  const storage = options.databaseUrl
    ? new KyselyStorage((await import('./postgres/postgres-database.js')).openPostgres(options.databaseUrl, options.onConnectionError ? { onConnectionError: options.onConnectionError } : {}), 'postgres')
    : new KyselyStorage(openSqlite(options.dataDir), 'sqlite');
  try {
    await migrateToLatest(storage.db as never, storage.dialect);
  } catch (err) {
    await storage.close().catch(() => {});
    throw options.databaseUrl ? startupError(options.databaseUrl, err) : err;
  }
  return storage;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  '3D000': 'no such database',
  '28P01': 'password authentication failed',
  '28000': 'not allowed to connect',
};

/** "PostgreSQL at host:port/db: connection refused": the service, the address (no password) and why. */
function startupError(url: string, err: unknown): Error {
  if (isAppError(err)) return err;
  let where = 'the configured address';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    // keep the generic wording
  }
  const code = (err as { code?: string }).code ?? (err instanceof AggregateError ? (err.errors[0] as { code?: string })?.code : undefined);
  const reason = (code && REASONS[code]) || (err as Error).message || 'cannot connect';
  return new AppError('MH_ERR_CONFIG', `PostgreSQL at ${where}: ${reason} (MASTHEAD_DATABASE_URL)`);
}
