import type { Kysely } from 'kysely';
import { KyselyArticleStore } from './article-store.js';
import { KyselyCounterStore } from './counter-store.js';
import { KyselyMediaStore } from './media-store.js';
import { KyselyReadStore } from './read-store.js';
import { KyselySettingsStore } from './settings-store.js';
import { KyselyTaxonomyStore } from './taxonomy-store.js';
import type { Database } from './schema.js';
import { PostgresSearchStore } from './postgres/postgres-search-store.js';
import { SqliteSearchStore } from './sqlite/sqlite-search-store.js';
import type { SearchStore, Storage, Stores } from './ports.js';

/** The stores over one Kysely handle, for either dialect. */
export class KyselyStorage implements Storage {
  readonly articles: KyselyArticleStore;
  readonly taxonomy: KyselyTaxonomyStore;
  readonly settings: KyselySettingsStore;
  readonly counters: KyselyCounterStore;
  readonly search: SearchStore;
  readonly reads: KyselyReadStore;
  readonly media: KyselyMediaStore;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly inTransaction = false,
  ) {
    this.articles = new KyselyArticleStore(db, inTransaction);
    this.taxonomy = new KyselyTaxonomyStore(db);
    this.settings = new KyselySettingsStore(db);
    this.counters = new KyselyCounterStore(db, inTransaction);
    this.reads = new KyselyReadStore(db);
    this.media = new KyselyMediaStore(db);
    this.search = dialect === 'sqlite' ? new SqliteSearchStore(db) : new PostgresSearchStore(db);
  }

  async transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new KyselyStorage(trx, this.dialect, true)));
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.db.destroy();
  }
}
