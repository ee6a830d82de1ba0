import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { isAppError } from '../errors.js';
import { createMasthead } from '../main.js';
import { PublishWatch } from '../publish/publish-watch.js';
import { SitePublisher, type PublishCounts } from '../publish/site-publisher.js';

export interface PublishFlags {
  out: string;
  watch: boolean;
  /** With --watch: minutes between whole-site runs (0: never). */
  refreshMinutes: number;
}

function summary(dir: string, c: PublishCounts): string {
  return `${c.written} written, ${c.unchanged} unchanged, ${c.removed} removed in ${c.ms} ms (${dir})`;
}

/**
 * `masthead publish --out DIR [--watch]`: writes the public site as static files for nginx
 * (docs/deploy.md). Once, or, with --watch, again for every change until Ctrl-C.
 */
export async function runPublish(config: Config, flags: PublishFlags): Promise<void> {
  const dir = resolve(flags.out);
  // Each page is rendered once and written: a page cache would only compress every page twice more.
  const masthead = await createMasthead({ ...config, logLevel: 'silent', pageCacheMb: 0 });
  const publisher = new SitePublisher(masthead, dir);
  try {
    process.stdout.write(`Published: ${summary(dir, await publisher.publishAll())}\n`);
  } catch (err) {
    await masthead.close();
    throw err;
  }
  if (!flags.watch) {
    await masthead.close();
    return;
  }
  const watch = new PublishWatch(publisher, masthead.changes, {
    fullEveryMs: flags.refreshMinutes * 60_000,
    onRun: (counts, what) => process.stdout.write(`Published ${what}: ${summary(dir, counts)}\n`),
    onError: (err) => process.stderr.write(`masthead: publishing failed, the previous files stay in place: ${isAppError(err) ? err.message : (err as Error).message}\n`),
  });
  await watch.start();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await watch.stop();
    await masthead.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  process.stdout.write(`Watching for changes${config.redisUrl ? ' (through Redis)' : ''}; Ctrl-C stops\n`);
}
