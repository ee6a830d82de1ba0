import type { Config } from '../config/config.js';
import { createMasthead } from '../main.js';
import { AppError } from '../errors.js';
import { runServePrimary, workerRole } from './serve-workers.js';

/** `masthead serve`: seeds the demo when asked and empty, listens, and shuts down cleanly on a signal. */
export async function runServe(config: Config): Promise<void> {
  const role = workerRole();
  if (config.workers > 1 && !role.inCluster) return runServePrimary(config);
  const started = performance.now();
  const masthead = await createMasthead(config, { enginesInBackground: true });
  if (config.demo && role.seeds) {
    const seeded = await masthead.seedDemoIfEmpty();
    if (seeded) masthead.app.log.info(`seeded ${seeded} demo articles`);
  }
  try {
    await masthead.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await masthead.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new AppError('MH_ERR_CONFIG', `Port ${config.port} on ${config.host} is already in use; pick another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new AppError('MH_ERR_CONFIG', `Cannot listen on host ${config.host}`);
    throw err;
  }
  // Signal handlers go in before the "serving" line: a supervisor (or a test) may stop the
  // process the moment it reads that line, and the shutdown must still flush the counters.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    masthead.app.log.info(`${signal}: closing`);
    await masthead.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const address = masthead.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // bin/masthead.js's first line passes it (`npm start` runs the bin); `node bin/masthead.js serve` does not (see there).
  if (!process.execArgv.includes('--no-memory-reducer')) {
    masthead.app.log.info('started without node --no-memory-reducer: after an idle spell, pages are served up to a sixth slower for minutes (run bin/masthead.js itself or npm start)');
  }
  masthead.ready.then(() => masthead.app.log.info(`discovery engines ready in ${Math.round(performance.now() - started)} ms`), () => {});
  // A worker's primary says where the site is served, once for all of them.
  if (role.inCluster) return;
  if (!(await masthead.accounts.hasOwner().catch(() => true))) {
    const data = config.databaseUrl ? '' : ` --data ${config.dataDir}`;
    process.stdout.write(`No newsroom owner yet. Create one, then sign in at /admin:\n  masthead user add you@example.com --role owner${data}\n`);
  }
  process.stdout.write(`Masthead is serving http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/ (data: ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})\n`);
}
