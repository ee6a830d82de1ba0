import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { migrateToLatest } from './migrations/index.js';

/**
 * Every table of a site, in an order that never inserts a row before the rows it refers to
 * (categories refer to themselves: their parents are set in a second step). A table of the
 * source missing here stops the copy before anything is written, so a new table can never be
 * left behind silently.
 */
export const SITE_TABLES = [
  'settings', 'users', 'media', 'categories', 'authors', 'tags', 'articles', 'article_tags', 'article_authors',
  'view_buckets', 'reactions', 'reaction_totals', 'reads', 'sessions', 'login_throttle', 'audit_log',
  'article_revisions', 'slug_redirects', 'front_pins',
] as const;

/** Tables with an identity `id` whose PostgreSQL sequence must continue after the copied ids. */
const IDENTITY_TABLES = new Set(['users', 'media', 'categories', 'authors', 'tags', 'articles', 'audit_log', 'article_revisions']);

/** Derived from `articles` by each database itself (SQLite's FTS5 index and its shadow tables), never copied. */
const DERIVED = /^articles_(search|fts)(_|$)/;

/** Rows read from the source and inserted at a time. */
const BATCH_ROWS = 500;
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

/** One table's figures: rows and an order-independent checksum on each side. */
export interface TableCopy {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
}

type Row = Record<string, unknown>;
// The copy reads and writes tables by name, whatever their row types.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A checksum of a table's rows that does not depend on their order (SQLite and PostgreSQL sort
 * text differently): the sum, modulo 2^64, of a SHA-256 prefix of each row's values as JSON in a
 * fixed column order. A sum rather than XOR, so two equal rows (reads may repeat) do not cancel.
 */
class TableChecksum {
  rows = 0;
  private sum = 0n;

  add(row: Row, columns: readonly string[]): void {
    const values = columns.map((c) => normalize(row[c]));
    this.sum = (this.sum + createHash('sha256').update(JSON.stringify(values)).digest().readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
    this.rows++;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}

/** Values as both drivers hand them over, made comparable (a bigint or a numeric string from one side, a number from the other). */
function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Buffer) return value.toString('base64');
  return value ?? null;
}

async function sqliteTables(source: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(source);
  return rows.map((r) => r.name).filter((name) => !DERIVED.test(name));
}

async function sqliteColumns(source: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(source);
  return rows.map((r) => r.name);
}

/** The target's columns that accept values (generated ones, like the search vector, are computed by PostgreSQL). */
async function postgresColumns(target: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`.execute(target);
  return rows.map((r) => r.name);
}

/** Pages of a SQLite table in rowid order, so memory holds one batch at a time. */
async function* sqliteRows(source: AnyDb, table: string, columns: readonly string[]): AsyncIterable<Row[]> {
  let after = -Infinity;
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (;;) {
    const { rows } = await sql<Row & { __rowid: number }>`select rowid as __rowid, ${cols} from ${sql.table(table)}
      where rowid > ${after === -Infinity ? -9007199254740991 : after} order by rowid limit ${BATCH_ROWS}`.execute(source);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.__rowid;
    yield rows;
    if (rows.length < BATCH_ROWS) return;
  }
}

/** Pages of a PostgreSQL table in physical order (ctid), read inside the copying transaction. */
async function* postgresRows(target: AnyDb, table: string, columns: readonly string[]): AsyncIterable<Row[]> {
  let after = '(0,0)';
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (;;) {
    const { rows } = await sql<Row & { __ctid: string }>`select ctid::text as __ctid, ${cols} from ${sql.table(table)}
      where ctid > ${after}::tid order by ctid limit ${BATCH_ROWS}`.execute(target);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.__ctid;
    yield rows;
    if (rows.length < BATCH_ROWS) return;
  }
}

/** Tables of the target that already hold rows, with how many. */
async function occupiedTables(target: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(target);
  const present = new Set(rows.map((r) => r.name));
  const occupied: string[] = [];
  for (const table of SITE_TABLES) {
    if (!present.has(table)) continue;
    const { rows: counted } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(target);
    const n = Number(counted[0]?.n ?? 0);
    if (n > 0) occupied.push(`${table}: ${n} ${n === 1 ? 'row' : 'rows'}`);
  }
  return occupied;
}

export interface CopyOptions {
  /** Told once the target is known to be empty, before the first table. */
  onStart?: () => void;
  /** Told after each table is copied and checked. */
  onTable?: (copy: TableCopy) => void;
  /** Says where the target is in messages (no password). */
  targetName: string;
}

/**
 * Copies a SQLite site into an empty PostgreSQL database in one transaction on the target:
 * the schema (migrations), every table in batches, the identity sequences, then the target's
 * counts and checksums, read inside the same transaction, compared with the source's. Any
 * failure (a non-empty target, an unknown table, a mismatch, a lost connection) rolls back, so
 * the target is left as it was; nothing is ever written twice.
 */
export async function copySiteToPostgres(source: AnyDb, target: AnyDb, options: CopyOptions): Promise<TableCopy[]> {
  const tables = await sqliteTables(source);
  const known = new Set<string>(SITE_TABLES);
  const unknown = tables.filter((t) => !known.has(t));
  if (unknown.length) throw new AppError('MH_ERR_CONFIG', `The SQLite site has tables this version cannot copy (${unknown.join(', ')}); nothing was written`);

  return target.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      // Two copies started at once into one database: the second waits here, then finds it occupied.
      await sql`select pg_advisory_xact_lock(hashtext('masthead migrate'))`.execute(conn);
      const occupied = await occupiedTables(conn);
      if (occupied.length) {
        throw new AppError('MH_ERR_CONFLICT', `${options.targetName} is not empty (${occupied.join(', ')}); migrate copies into an empty database only, so nothing was written`);
      }
      // The schema in the same transaction (PostgreSQL's DDL is transactional): a failed copy leaves no tables behind.
      await migrateToLatest(conn as never, 'postgres', { inTransaction: true });
      options.onStart?.();

      const copies: TableCopy[] = [];
      for (const table of SITE_TABLES) {
        if (!tables.includes(table)) continue;
        copies.push(await copyTable(source, conn, table, options.targetName));
        options.onTable?.(copies[copies.length - 1]!);
      }
      for (const table of IDENTITY_TABLES) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${sql.table(table)}`.execute(conn);
      }
      await sql`commit`.execute(conn);
      return copies;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

async function copyTable(source: AnyDb, target: AnyDb, table: string, targetName: string): Promise<TableCopy> {
  const columns = await sqliteColumns(source, table);
  const targetColumns = await postgresColumns(target, table);
  const missing = columns.filter((c) => !targetColumns.includes(c));
  const extra = targetColumns.filter((c) => !columns.includes(c));
  if (missing.length || extra.length) {
    throw new AppError('MH_ERR_CONFIG', `Table ${table} differs between the SQLite site and ${targetName} (${[...missing.map((c) => `only in SQLite: ${c}`), ...extra.map((c) => `only in PostgreSQL: ${c}`)].join(', ')}); nothing was written`);
  }
  const selfParent = table === 'categories';
  const sourceSum = new TableChecksum();
  const perStatement = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const parents: { id: unknown; parent: unknown }[] = [];
  for await (const page of sqliteRows(source, table, columns)) {
    const values = page.map((row) => {
      sourceSum.add(row, columns);
      const out: Row = {};
      for (const c of columns) out[c] = row[c];
      if (selfParent && out.parent_id !== null) {
        parents.push({ id: out.id, parent: out.parent_id });
        out.parent_id = null;
      }
      return out;
    });
    for (let i = 0; i < values.length; i += perStatement) await target.insertInto(table).values(values.slice(i, i + perStatement)).execute();
  }
  for (const p of parents) await target.updateTable(table).set({ parent_id: p.parent }).where('id', '=', p.id).execute();

  const targetSum = new TableChecksum();
  for await (const page of postgresRows(target, table, columns)) for (const row of page) targetSum.add(row, columns);
  const copy: TableCopy = { table, sourceRows: sourceSum.rows, targetRows: targetSum.rows, sourceChecksum: sourceSum.hex, targetChecksum: targetSum.hex };
  if (copy.sourceRows !== copy.targetRows || copy.sourceChecksum !== copy.targetChecksum) {
    throw new AppError('MH_ERR_CONFLICT', `Table ${table}: the SQLite site has ${copy.sourceRows} rows (checksum ${copy.sourceChecksum}) but ${targetName} would have ${copy.targetRows} (${copy.targetChecksum}); nothing was written`);
  }
  return copy;
}
