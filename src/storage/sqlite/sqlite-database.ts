import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../schema.js';

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
  sqlite.pragma('cache_size = -64000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
