/**
 * Scaling benchmark: one site served by 1 process on SQLite (the baseline), and by 1 and 2
 * workers on PostgreSQL + Redis, measured in the same run on the same machine over HTTP on
 * 127.0.0.1.
 *   npm run bench:scale -- [--corpus FILE.jsonl] [--rounds 1] [--seconds 8] [--connections 16] [--readers 20000]
 * With several rounds the setups run in turn, round after round (so a burst of load from
 * elsewhere on the machine falls on all of them), and each figure is the median of its rounds.
 * For each setup:
 *   pages     the article-page mix (autocannon): 80 % article pages, 10 % the front page, 10 % a
 *             reader's Recommendation list (/articles/:id/recommended), readers with cookies;
 *   counting  POST /articles/:id/views from many signed reader cookies (the lean client of
 *             bench:counters); after a graceful stop the stored totals are compared with the
 *             distinct reader+article pairs sent (counted/expected);
 *   recovery  (PostgreSQL) under the page mix, every connection of the site's database is
 *             terminated (pg_terminate_backend); a probe asks for a page no cache holds every
 *             20 ms: the time until it answers 200 again, and the requests that failed meanwhile.
 * The site is imported once into SQLite and moved to each PostgreSQL database with
 * `masthead migrate`. The last line printed is one JSON object with every figure.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { BROWSER_UA, readerCookies, runViewLoad } from './lib/counters-load.js';
import { freePort, processCpuMs, startMasthead, type ServerProcess } from './lib/counters-process.js';
import { openStorage } from '../src/storage/open-storage.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/masthead.js');
const PG_ADMIN = process.env.MASTHEAD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.MASTHEAD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';

interface Args {
  corpus: string;
  rounds: number;
  seconds: number;
  connections: number;
  readers: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { corpus: join(ROOT, 'test/fixtures/huffpost_tiny300.jsonl'), rounds: 1, seconds: 8, connections: 16, readers: 20_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--corpus') args.corpus = resolve(argv[++i] ?? '');
    else if (a === '--seconds') args.seconds = num();
    else if (a === '--rounds') args.rounds = Math.floor(num());
    else if (a === '--connections') args.connections = Math.floor(num());
    else if (a === '--readers') args.readers = Math.floor(num());
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

interface Setup {
  name: string;
  database: 'sqlite' | 'postgres';
  workers: number;
}

const SETUPS: Setup[] = [
  { name: 'sqlite-1', database: 'sqlite', workers: 1 },
  { name: 'pg-redis-1', database: 'postgres', workers: 1 },
  { name: 'pg-redis-2', database: 'postgres', workers: 2 },
];

interface Figures {
  pagesReqPerS: number;
  pagesP99Ms: number;
  pagesNon2xx: number;
  countingReqPerS: number;
  countingP99Ms: number;
  counted: number;
  expected: number;
  exact: boolean;
  recoveryMs?: number;
  failedDuringRecovery?: number;
  cpuMsPerKReq?: number;
}

async function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The page mix: which path request number n asks for. */
function pagePath(n: number, slugs: readonly string[], ids: readonly number[]): string {
  const r = n % 10;
  if (r === 0) return '/';
  if (r === 1) return `/articles/${ids[(n * 7919) % ids.length]}/recommended`;
  return `/articles/${slugs[(n * 104_729) % slugs.length]}`;
}

async function pageMix(url: string, seconds: number, connections: number, slugs: readonly string[], ids: readonly number[], cookies: readonly string[]): Promise<autocannon.Result> {
  let n = 0;
  return new Promise((resolveRun, reject) => {
    autocannon({
      url, connections, duration: seconds,
      requests: [{
        setupRequest: (req: autocannon.Request) => {
          const i = n++;
          return { ...req, method: 'GET', path: pagePath(i, slugs, ids), headers: { 'user-agent': BROWSER_UA, accept: 'text/html,application/json', cookie: cookies[i % cookies.length]! } };
        },
      } as autocannon.Request],
    }, (err, res) => (err ? reject(err) : resolveRun(res)));
  });
}

/**
 * Terminates every connection the site holds to its database while the page mix runs; a probe
 * asks for a search no cache holds every 20 ms. Recovery: from the termination to the first 200
 * after which the probe never failed again.
 */
async function recovery(server: ServerProcess, dbName: string, seconds: number, connections: number, slugs: readonly string[], ids: readonly number[], cookies: readonly string[]): Promise<{ recoveryMs: number; failed: number }> {
  const load = pageMix(server.url, seconds, connections, slugs, ids, cookies);
  await new Promise((r) => setTimeout(r, 1000));
  const probes: { at: number; ok: boolean }[] = [];
  let probing = true;
  const probe = (async () => {
    let q = 0;
    while (probing) {
      const at = performance.now();
      const ok = await fetch(`${server.url}/api/search?q=harbour${q++}&page=1`, { headers: { 'user-agent': BROWSER_UA }, signal: AbortSignal.timeout(10_000) })
        .then(async (res) => { await res.arrayBuffer(); return res.status === 200; }, () => false);
      probes.push({ at, ok });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  const cut = performance.now();
  await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
  const result = await load;
  probing = false;
  await probe;
  const after = probes.filter((p) => p.at >= cut);
  const lastFailure = after.reduce((i, p, k) => (p.ok ? i : k), -1);
  const firstGood = after[lastFailure + 1];
  return { recoveryMs: firstGood ? Math.max(0, firstGood.at - cut) : Number.NaN, failed: result.non2xx + result.errors + after.filter((p) => !p.ok).length };
}

async function storedTotal(setup: Setup, dataDir: string, dbUrl: string | undefined, ids: readonly number[]): Promise<number> {
  const storage = await openStorage(setup.database === 'postgres' ? { databaseUrl: dbUrl, dataDir: ':memory:' } : { dataDir });
  try {
    const rows = await storage.db.selectFrom('articles').select(['view_count']).where('id', 'in', ids as number[]).execute();
    return rows.reduce((n, r) => n + Number(r.view_count), 0);
  } finally {
    await storage.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'mh-scale-bench-'));
  const secret = randomBytes(24).toString('base64url');
  const made: string[] = [];
  try {
    const source = join(root, 'source');
    await run(process.execPath, [BIN, 'import', args.corpus, '--data', source, '--no-images'], { env: { ...process.env, MASTHEAD_DATABASE_URL: '', MASTHEAD_SECRET: secret }, maxBuffer: 64 << 20 });
    const src = await openStorage({ dataDir: source });
    const rows = await src.db.selectFrom('articles').select(['id', 'slug']).where('status', '=', 'published').orderBy('id').execute();
    await src.close();
    const slugs = rows.map((r) => r.slug);
    const ids = rows.map((r) => r.id);
    // The counting endpoint: views of 200 articles (or all, when fewer).
    const countIds = ids.slice(0, 200);
    const cookies = readerCookies(args.readers, secret);
    process.stdout.write(`corpus ${args.corpus}: ${rows.length} published articles; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}\n`);

    const rounds: Record<string, Figures[]> = Object.fromEntries(SETUPS.map((s) => [s.name, []]));
    for (let round = 1; round <= args.rounds; round++) for (const setup of SETUPS) {
      let dbName: string | undefined;
      let dbUrl: string | undefined;
      const dataDir = join(root, `${setup.name}-${round}`);
      if (setup.database === 'postgres') {
        dbName = `mh_scale_${process.pid}_${setup.name.replace(/-/g, '_')}`;
        await adminQuery(`drop database if exists ${dbName} with (force)`);
        await adminQuery(`create database ${dbName}`);
        made.push(dbName);
        dbUrl = databaseUrl(dbName);
        await run(process.execPath, [BIN, 'migrate', '--to', dbUrl, '--data', source], { env: { ...process.env, MASTHEAD_DATABASE_URL: '' } });
      } else {
        await run('cp', ['-r', source, dataDir]);
      }
      const env: Record<string, string> = {
        MASTHEAD_SECRET: secret, MASTHEAD_COUNTER_RATE_LIMIT: '100000000', MASTHEAD_LOG_LEVEL: 'error',
        ...(dbUrl ? { MASTHEAD_DATABASE_URL: dbUrl, MASTHEAD_REDIS_URL: REDIS_URL } : { MASTHEAD_DATABASE_URL: '', MASTHEAD_REDIS_URL: '' }),
      };
      const port = await freePort();
      const server = await startMasthead({ dataDir, port, env, args: ['--workers', String(setup.workers)], timeoutMs: 180_000 });
      try {
        // Warm-up: the engines load and the caches fill.
        await new Promise((r) => setTimeout(r, 3000));
        await pageMix(server.url, 2, args.connections, slugs, ids, cookies);
        const cpuBefore = cpuOfTree(server);
        const pages = await pageMix(server.url, args.seconds, args.connections, slugs, ids, cookies);
        const cpuPages = cpuOfTree(server) - cpuBefore;
        const counting = await runViewLoad({
          host: '127.0.0.1', port, articleIds: countIds, cookies, startSeq: 0,
          connections: args.connections, pipelining: 1, seconds: args.seconds, maxRequests: 2_000_000,
        });
        const figures: Figures = {
          pagesReqPerS: Math.round(pages.requests.average),
          pagesP99Ms: pages.latency.p99,
          pagesNon2xx: pages.non2xx + pages.errors,
          countingReqPerS: Math.round(counting.okPerSecond),
          countingP99Ms: Math.round(counting.p99Ms * 10) / 10,
          counted: 0,
          expected: counting.pairs.size,
          exact: counting.exact,
          cpuMsPerKReq: Math.round((cpuPages / Math.max(1, pages.requests.total)) * 1000),
        };
        if (dbName) {
          const r = await recovery(server, dbName, Math.max(4, Math.round(args.seconds / 2)), args.connections, slugs, ids, cookies);
          figures.recoveryMs = Math.round(r.recoveryMs);
          figures.failedDuringRecovery = r.failed;
        }
        expectStopped(await server.stop('SIGTERM', 60_000), setup.name, server);
        figures.counted = (await storedTotal(setup, dataDir, dbUrl, countIds));
        rounds[setup.name]!.push(figures);
        process.stdout.write(`${args.rounds > 1 ? `round ${round} ` : ''}${setup.name.padEnd(11)} pages ${String(figures.pagesReqPerS).padStart(6)} req/s p99 ${String(figures.pagesP99Ms).padStart(4)} ms (${figures.pagesNon2xx} failed)` +
          ` | counting ${String(figures.countingReqPerS).padStart(6)} req/s p99 ${String(figures.countingP99Ms).padStart(5)} ms, counted ${figures.counted}/${figures.expected}${figures.exact ? '' : ' (not exact: some requests failed)'}` +
          (figures.recoveryMs !== undefined ? ` | recovery after the connections were cut ${figures.recoveryMs} ms (${figures.failedDuringRecovery} failed)` : '') + '\n');
      } finally {
        await server.stop('SIGKILL', 1000).catch(() => {});
      }
    }
    const results = Object.fromEntries(Object.entries(rounds).map(([name, list]) => [name, medianFigures(list)]));
    const base = results['sqlite-1']!;
    const ratios = Object.fromEntries(Object.entries(results).map(([name, f]) => [name, {
      pages: Math.round((f.pagesReqPerS / base.pagesReqPerS) * 100) / 100,
      counting: Math.round((f.countingReqPerS / base.countingReqPerS) * 100) / 100,
    }]));
    for (const [name, r] of Object.entries(ratios)) process.stdout.write(`${name.padEnd(11)} × sqlite-1: pages ${r.pages.toFixed(2)}, counting ${r.counting.toFixed(2)}\n`);
    process.stdout.write(`${JSON.stringify({ bench: 'scale', corpus: args.corpus, articles: rows.length, cores: cpus().length, loadAfter: loadavg()[0], rounds: args.rounds, seconds: args.seconds, connections: args.connections, readers: args.readers, results, ratiosToSqlite1: ratios })}\n`);
  } finally {
    for (const name of made) await adminQuery(`drop database if exists ${name} with (force)`).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

/** The median of each figure over the rounds; counted and expected are summed, exact only if every round was. */
function medianFigures(list: readonly Figures[]): Figures {
  const median = (pick: (f: Figures) => number | undefined): number => {
    const v = list.map(pick).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const out: Figures = {
    pagesReqPerS: median((f) => f.pagesReqPerS), pagesP99Ms: median((f) => f.pagesP99Ms),
    pagesNon2xx: list.reduce((n, f) => n + f.pagesNon2xx, 0),
    countingReqPerS: median((f) => f.countingReqPerS), countingP99Ms: median((f) => f.countingP99Ms),
    counted: list.reduce((n, f) => n + f.counted, 0), expected: list.reduce((n, f) => n + f.expected, 0),
    exact: list.every((f) => f.exact),
    cpuMsPerKReq: median((f) => f.cpuMsPerKReq),
  };
  if (list[0]?.recoveryMs !== undefined) {
    out.recoveryMs = median((f) => f.recoveryMs);
    out.failedDuringRecovery = list.reduce((n, f) => n + (f.failedDuringRecovery ?? 0), 0);
  }
  return out;
}

/** CPU time of the server and, with workers, of each worker (Linux /proc), in ms. */
function cpuOfTree(server: ServerProcess): number {
  const pids = /pids ([\d, ]+)\)/.exec(server.output())?.[1]?.split(', ').map(Number) ?? [];
  // A worker replaced meanwhile reads as NaN and is left out.
  return [server.cpuMs(), ...pids.map(processCpuMs)].filter(Number.isFinite).reduce((a, b) => a + b, 0);
}

function expectStopped(code: number | string | null, name: string, server: ServerProcess): void {
  if (code !== 0) throw new Error(`${name}: the server exited with ${code} on SIGTERM:\n${server.output().slice(-3000)}`);
}

await main();
