import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';

/**
 * Where tests keep the demo pictures' variants between runs: they are content-addressed, so
 * only the first run on a machine encodes them.
 */
export const DEMO_MEDIA_CACHE = join(tmpdir(), 'masthead-test-demo-media');

/**
 * A Masthead on an in-memory SQLite database, seeded with the demo newsroom unless `empty`;
 * with `pictures`, the demo articles have their cover pictures.
 */
export async function demoMasthead(options: { empty?: boolean; clock?: () => number; pictures?: boolean } = {}): Promise<Masthead> {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent' }, options.pictures ? { MASTHEAD_MEDIA_DIR: DEMO_MEDIA_CACHE } : {});
  const masthead = await createMasthead(config, options.clock ? { clock: options.clock } : {});
  if (!options.empty) await masthead.seedDemoIfEmpty();
  return masthead;
}

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
