import type { ColumnBuilderCallback, ColumnDataType, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** What differs between dialects in DDL, handed to each migration. */
export interface MigrationContext {
  dialect: Dialect;
  idColumn: { type: ColumnDataType; build: ColumnBuilderCallback };
  bigint: ColumnDataType;
}

export interface MastheadMigration {
  name: string;
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** The DDL differences of one dialect. */
export function migrationContext(dialect: Dialect): MigrationContext {
  return dialect === 'sqlite'
    ? {
        dialect,
        idColumn: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() },
        bigint: 'integer',
      }
    : {
        dialect,
        idColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
        bigint: 'bigint',
      };
}
