import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';

/** A Masthead on an in-memory SQLite database, seeded with the demo newsroom unless `empty`. */
export async function demoMasthead(options: { empty?: boolean; clock?: () => number } = {}): Promise<Masthead> {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent' }, {});
  const masthead = await createMasthead(config, options.clock ? { clock: options.clock } : {});
  if (!options.empty) await masthead.seedDemoIfEmpty();
  return masthead;
}

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
