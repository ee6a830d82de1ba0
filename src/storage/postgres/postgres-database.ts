import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../schema.js';

// int8 columns hold epoch milliseconds and counts, all far below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresOptions {
  max?: number;
  /**
   * Told when an idle pooled connection fails (the server restarted, a failover, an idle
   * timeout, the database dropped). The pool has already discarded that connection and opens
   * a new one on the next query; without a listener Node would treat the event as fatal.
   */
  onConnectionError?: (err: Error) => void;
}

/** Connects a pool to PostgreSQL at `url`. */
export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  // A request waits at most this long for a connection when the server is unreachable, then
  // fails (503) instead of hanging; the pool keeps trying with the next request.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  const report = options.onConnectionError ?? ((err: Error) => process.stderr.write(`PostgreSQL connection lost (${err.message}); reconnecting on the next query\n`));
  pool.on('error', report);
  // The pool listens for errors only while a connection is idle. One terminated while checked
  // out between two statements (pg_terminate_backend, a failover) emits 'error' with nobody
  // listening, which would end the process: this listener keeps it alive. The connection is
  // then marked unusable, its next statement fails (503), and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
