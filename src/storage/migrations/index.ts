import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrationContext, type Dialect, type MastheadMigration } from './migration.js';
import * as initial from './001-initial.js';
import * as search from './002-search.js';
import * as discovery from './003-discovery.js';
import * as searchAnalysis from './005-search-analysis.js';
import * as media from './006-media.js';
import * as newsroom from './007-newsroom.js';
import * as reviewTaxonomyFront from './013-review-taxonomy-front.js';
import * as searchTitleVector from './016-search-title-vector.js';

/** Every migration, in order. Append; never edit one that has shipped. */
export const migrations: readonly MastheadMigration[] = [
  { name: '001-initial', up: initial.up },
  { name: '002-search', up: search.up },
  { name: '003-discovery', up: discovery.up },
  { name: '005-search-analysis', up: searchAnalysis.up },
  { name: '006-media', up: media.up },
  { name: '007-newsroom', up: newsroom.up },
  { name: '013-review-taxonomy-front', up: reviewTaxonomyFront.up },
  { name: '016-search-title-vector', up: searchTitleVector.up },
];

class ListProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const ctx = migrationContext(this.dialect);
    return Object.fromEntries(migrations.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, ctx) }]));
  }
}

/**
 * Brings the database up to the latest schema; throws the first failure. `inTransaction`: `db`
 * is one connection inside a transaction the caller opened (and commits or rolls back).
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect, options: { inTransaction?: boolean } = {}): Promise<void> {
  // Not inside a caller's transaction: on PostgreSQL a failed read (no table yet) would abort it.
  if (!options.inTransaction && (await isLatest(db))) return;
  const migrator = new Migrator({ db, provider: new ListProvider(dialect), disableTransactions: options.inTransaction ?? false });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * True when every migration is recorded as applied and nothing else is: the common start, which
 * then skips the migrator's lock table, lock and sorting (a few tens of milliseconds of a start).
 * Any doubt (no table yet, an unknown name) leaves the decision to the migrator.
 */
export async function isLatest(db: Kysely<unknown>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return applied.size === migrations.length && migrations.every((m) => applied.has(m.name));
  } catch {
    return false;
  }
}
