import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../schema.js';
import { allowDirectReads } from '../direct-reads.js';

/** Opens (creating when needed) the site database under `dataDir`, in WAL mode. */
export function openSqlite(dataDir: string | ':memory:'): Kysely<Database> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch (err) {
      throw new AppError('MH_ERR_CONFIG', `Data folder ${dataDir} is not writable: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    file = join(dataDir, 'masthead.db');
  }
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 8 MiB of pages per connection: hot pages are served from memory by the page and card caches
  // above it, and the OS keeps the file's pages; a bigger cache mostly holds bodies read once
  // (16 MiB read the 1,000-article mix of bench:pages no faster, and counted in the RSS).
  sqlite.pragma('cache_size = -8000');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  allowDirectReads(db, (source, parameters) => {
    // An open transaction on this one connection holds writes not yet committed: a read now would
    // see them. It waits behind Kysely's lock instead, as every query did.
    if (sqlite.inTransaction) return undefined;
    const statement = cached.prepare(source);
    return statement.reader ? (statement.all(parameters) as unknown[]) : undefined;
  });
  return db;
}

/** Prepared statements kept per database; a page runs a handful of distinct ones, a site a few hundred. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query again each time it runs; preparing (parsing and planning the SQL)
 * costs more than running most of Masthead's point queries. This keeps prepared statements by
 * SQL text and hands them back, except while one is still being iterated (a stream), when a
 * fresh one is prepared for the second user.
 */
function withStatementCache(db: Sqlite.Database): Sqlite.Database {
  const statements = new Map<string, Sqlite.Statement>();
  const prepare = (source: string): Sqlite.Statement => {
    const kept = statements.get(source);
    if (kept && !kept.busy) return kept;
    const fresh = db.prepare(source);
    if (!kept) {
      statements.set(source, fresh);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    return fresh;
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
