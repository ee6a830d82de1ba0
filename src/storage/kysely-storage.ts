import type { Kysely } from 'kysely';
import { KyselyAccountStore } from './account-store.js';
import { KyselyArticleStore } from './article-store.js';
import { KyselyNewsroomStore } from './newsroom-store.js';
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
  readonly accounts: KyselyAccountStore;
  readonly newsroom: KyselyNewsroomStore;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    /** Callbacks waiting for the commit of the transaction this instance runs in (undefined outside one). */
    private readonly committed?: (() => void)[],
  ) {
    const inTransaction = committed !== undefined;
    this.articles = new KyselyArticleStore(db, inTransaction);
    this.taxonomy = new KyselyTaxonomyStore(db);
    this.settings = new KyselySettingsStore(db);
    this.counters = new KyselyCounterStore(db, inTransaction);
    this.reads = new KyselyReadStore(db);
    this.media = new KyselyMediaStore(db);
    this.accounts = new KyselyAccountStore(db);
    this.newsroom = new KyselyNewsroomStore(db, dialect);
    this.search = dialect === 'sqlite' ? new SqliteSearchStore(db) : new PostgresSearchStore(db);
  }

  async transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    if (this.committed) return work(this);
    const committed: (() => void)[] = [];
    const result = await this.db.transaction().execute((trx) => work(new KyselyStorage(trx, this.dialect, committed)));
    runAll(committed);
    return result;
  }

  afterCommit(callback: () => void): void {
    if (this.committed) this.committed.push(callback);
    else runAll([callback]);
  }

  async close(): Promise<void> {
    if (!this.committed) await this.db.destroy();
  }
}

/** Runs each callback; one that throws does not stop the others (the data is committed either way). */
function runAll(callbacks: readonly (() => void)[]): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (err) {
      console.error('a commit listener failed', err);
    }
  }
}
