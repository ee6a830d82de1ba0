import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SettingsStore } from './ports.js';

/** Key/value site settings. */
export class KyselySettingsStore implements SettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<Record<string, string>> {
    const rows = await this.db.selectFrom('settings').selectAll().execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async set(values: Record<string, string>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      await this.db.insertInto('settings').values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    }
  }

  async initOnce(key: string, value: string): Promise<string> {
    await this.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  }
}
