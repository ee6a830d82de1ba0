import type { Kysely } from 'kysely';

/**
 * Runs a read's compiled SQL at once on the database's own connection and returns its rows, or
 * undefined when it must not (a transaction is open on that connection, or the SQL writes): the
 * caller then goes through Kysely as usual.
 */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database schema
const readers = new WeakMap<Kysely<any>, DirectRead>();

/**
 * Lets fixed-shape reads on `db` skip Kysely's connection lock and its promise hops (on
 * embedded SQLite these cost more than the point queries of an article page take to run).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database schema
export function allowDirectReads(db: Kysely<any>, read: DirectRead): void {
  readers.set(db, read);
}

/** The direct path of a database handle (undefined for PostgreSQL and for transaction handles). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database schema
export function directReadsOf(db: Kysely<any>): DirectRead | undefined {
  return readers.get(db);
}
