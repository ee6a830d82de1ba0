import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { createTestDatabase, type DialectName } from './dialects.js';

/** A Masthead without demo content on a fresh database of the dialect; `close` also drops it. */
export async function mastheadOn(dialect: DialectName, options: { clock?: () => number } = {}): Promise<{ m: Masthead; close(): Promise<void> }> {
  const db = await createTestDatabase(dialect);
  const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, db.databaseUrl ? { MASTHEAD_DATABASE_URL: db.databaseUrl } : {});
  const m = await createMasthead(config, options.clock ? { clock: options.clock } : {});
  return {
    m,
    async close() {
      await m.close();
      await db.drop();
    },
  };
}
