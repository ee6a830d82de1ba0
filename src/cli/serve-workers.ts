import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { openSite } from '../main.js';

/** A worker that dies is replaced after this long, doubled after each death in a row… */
const FIRST_BACKOFF_MS = 500;
/** …up to this. */
const MAX_BACKOFF_MS = 30_000;
/** A worker that served this long before it died was healthy: its replacement starts after FIRST_BACKOFF_MS again. */
const HEALTHY_AFTER_MS = 30_000;
/** Workers still running this long after the stop signal are killed. */
const STOP_GRACE_MS = 30_000;
/** The exit code of a worker that stopped on an expected failure (bin/masthead.js: an AppError). */
const CONFIG_FAILURE_EXIT = 2;

/** Why `--workers` is refused for this configuration, or undefined when it can run. */
export function workersRefusal(config: Config): string | undefined {
  const n = config.workers;
  if (!config.databaseUrl) {
    return `--workers ${n} needs PostgreSQL (MASTHEAD_DATABASE_URL): on SQLite each process blocks while another writes the file, so one process serves a SQLite site (move it with masthead migrate --to postgres://…)`;
  }
  if (!config.redisUrl) {
    return `--workers ${n} needs Redis (MASTHEAD_REDIS_URL): the workers share view dedupe, rate limits, reading histories and the change channel through it, and without it a reader would count once per worker`;
  }
  return undefined;
}

function log(line: string): void {
  process.stderr.write(`masthead: ${line}\n`);
}

/** One place for a worker: the one running in it now and how quickly a dead one is replaced. */
interface Slot {
  index: number;
  worker: Worker | undefined;
  startedAt: number;
  backoffMs: number;
  listening: boolean;
  everListened: boolean;
  restartTimer: NodeJS.Timeout | undefined;
}

/**
 * `masthead serve --workers N`: this process (the primary) serves nothing itself. It prepares
 * the site once (migrations, the shared secret and site id, a Redis check), forks N workers that
 * share the port (node:cluster hands each new connection to the next worker in turn), replaces a
 * worker that dies (with backoff, logged), and on SIGTERM/SIGINT stops them all: each worker
 * closes its server and writes its counted views and reading histories before it exits.
 */
export async function runServePrimary(config: Config): Promise<void> {
  const refusal = workersRefusal(config);
  if (refusal) throw new AppError('MH_ERR_CONFIG', refusal);

  // Once, before any worker: the schema is brought up to date by one process, the cookie
  // secret and site id are made once, and an unreachable PostgreSQL or Redis is one clear line.
  const core = await openSite(config);
  const hasOwner = await core.accounts.hasOwner().catch(() => true);
  await core.close();

  const slots: Slot[] = Array.from({ length: config.workers }, (_, index) => ({
    index: index + 1, worker: undefined, startedAt: 0, backoffMs: FIRST_BACKOFF_MS, listening: false, everListened: false, restartTimer: undefined,
  }));
  let stopping = false;
  let announced = false;
  let port = config.port;
  let exitCode = 0;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const finished = new Promise<void>((resolveFinished) => {
    const fork = (slot: Slot) => {
      slot.restartTimer = undefined;
      // Workers run this same command line; servesAsWorker() tells them apart.
      const worker = cluster.fork();
      slot.worker = worker;
      slot.startedAt = Date.now();
      slot.listening = false;
      worker.on('listening', (address) => {
        slot.listening = true;
        slot.everListened = true;
        if (address.port) port = address.port;
        if (announced) log(`worker ${slot.index} (pid ${worker.process.pid}) serving again`);
        if (!announced && slots.every((s) => s.listening)) {
          announced = true;
          if (!hasOwner) {
            const data = config.databaseUrl ? '' : ` --data ${config.dataDir}`;
            process.stdout.write(`No newsroom owner yet. Create one, then sign in at /admin:\n  masthead user add you@example.com --role owner${data}\n`);
          }
          const pids = slots.map((s) => s.worker?.process.pid).join(', ');
          process.stdout.write(`Masthead is serving http://${host}:${port}/ (data: PostgreSQL, ${slots.length} workers: pids ${pids})\n`);
        }
      });
      worker.on('exit', (code, signal) => {
        if (slot.worker === worker) slot.worker = undefined;
        slot.listening = false;
        if (stopping) {
          // A failed start keeps its exit code 2; any other unclean stop is 1.
          if (code !== 0 && exitCode === 0) exitCode = 1;
          if (slots.every((s) => !s.worker)) resolveFinished();
          return;
        }
        const how = signal ? `on ${signal}` : `with code ${code}`;
        const ranMs = Date.now() - slot.startedAt;
        if (!slot.everListened && code === CONFIG_FAILURE_EXIT) {
          // It printed why (a port in use, a bad setting): starting it again would fail the same way.
          log(`worker ${slot.index} could not start (it exited ${how}); stopping`);
          exitCode = CONFIG_FAILURE_EXIT;
          void stopAll('a worker failed to start');
          if (slots.every((s) => !s.worker)) resolveFinished();
          return;
        }
        if (ranMs >= HEALTHY_AFTER_MS) slot.backoffMs = FIRST_BACKOFF_MS;
        const wait = slot.backoffMs;
        slot.backoffMs = Math.min(MAX_BACKOFF_MS, slot.backoffMs * 2);
        log(`worker ${slot.index} (pid ${worker.process.pid}) exited ${how} after ${(ranMs / 1000).toFixed(1)} s; starting another in ${wait} ms`);
        slot.restartTimer = setTimeout(() => fork(slot), wait);
      });
    };

    const stopAll = async (why: string) => {
      if (stopping) return;
      stopping = true;
      log(`${why}: stopping ${slots.filter((s) => s.worker).length} workers`);
      for (const slot of slots) {
        if (slot.restartTimer) clearTimeout(slot.restartTimer);
        slot.restartTimer = undefined;
        // Each worker's own SIGTERM handler closes its server and flushes its counters.
        slot.worker?.process.kill('SIGTERM');
      }
      const killer = setTimeout(() => {
        for (const slot of slots) {
          if (!slot.worker) continue;
          log(`worker ${slot.index} (pid ${slot.worker.process.pid}) still running after ${STOP_GRACE_MS / 1000} s; killing it`);
          slot.worker.process.kill('SIGKILL');
        }
      }, STOP_GRACE_MS);
      killer.unref();
      if (slots.every((s) => !s.worker)) resolveFinished();
    };

    process.once('SIGTERM', () => void stopAll('SIGTERM'));
    process.once('SIGINT', () => void stopAll('SIGINT'));
    for (const slot of slots) fork(slot);
  });

  await finished;
  log(`all workers stopped`);
  process.exit(exitCode);
}

/** In a worker of `serve --workers`: whether this worker seeds the demo (only the first one forked, so they never race). */
export function workerRole(): { inCluster: boolean; seeds: boolean } {
  if (!cluster.isWorker) return { inCluster: false, seeds: true };
  return { inCluster: true, seeds: cluster.worker?.id === 1 };
}
