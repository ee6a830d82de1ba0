import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { directReadsOf } from './direct-reads.js';

/** Marks argument `n` in a query given to `prepared` (a value no caller could pass). */
const SLOT_PREFIX = '\u0000masthead-argument-';

/**
 * Stands for the `n`-th argument of a prepared query where the builder wants a value. The type
 * is what the column takes; the value is a marker found again in the compiled parameters.
 */
export function slot<T>(n: number): T {
  return `${SLOT_PREFIX}${n}` as unknown as T;
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each compiled parameter, the argument it takes (undefined: a constant of the query). */
  from: (number | undefined)[];
}

/**
 * A query built and compiled once per database handle, then run with new arguments. Kysely
 * builds and compiles a query on every call, which on a point lookup costs more than SQLite
 * takes to answer it; the SQL text (and with it the driver's prepared statement) stays the
 * same. Only for queries of a fixed shape: no lists whose length varies between calls.
 */
export function prepared<DB, R>(build: (db: Kysely<DB>) => Compilable<R>): (db: Kysely<DB>, args: readonly unknown[]) => Promise<R[]> {
  // One per handle: a transaction's handle compiles its own (the SQL is the same).
  const kept = new WeakMap<Kysely<DB>, Compiled<R>>();
  return async (db, args) => {
    let compiled = kept.get(db);
    if (!compiled) {
      const query = build(db).compile();
      const from = query.parameters.map((p) => typeof p === 'string' && p.startsWith(SLOT_PREFIX) ? Number(p.slice(SLOT_PREFIX.length)) : undefined);
      compiled = { query, from };
      kept.set(db, compiled);
    }
    const { query, from } = compiled;
    const parameters = query.parameters.map((p, i) => (from[i] === undefined ? p : args[from[i]!]));
    // On SQLite, outside a transaction, the statement runs at once (see direct-reads.ts).
    const rows = directReadsOf(db)?.(query.sql, parameters);
    if (rows) return rows as R[];
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
