/**
 * View-counter benchmark: Masthead's counting endpoint against a naive one-UPDATE-per-view
 * endpoint, measured in the same run on the same machine, both over HTTP on 127.0.0.1.
 *   npm run bench:counters -- [--seconds 8] [--rounds 2] [--connections 64] [--readers 100000] [--articles 200] [--no-durable]
 * Each server runs as its own process (`masthead serve`, and bench/lib/counters-naive-server.ts);
 * autocannon drives both from this process with the same plan of distinct simulated readers
 * (each a correctly signed cookie). After a graceful stop the stored totals are read back and
 * compared with the count the rules allow (distinct reader+article pairs answered 2xx).
 * The last line printed is one JSON object with every figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readerCookies, runLoad, type LoadResult } from './lib/counters-load.js';
import { freePort, startMasthead, startNaive, type ServerProcess } from './lib/counters-process.js';
import { copyDatabase, seedArticles, storedViews } from './lib/counters-seed.js';

interface Args {
  seconds: number;
  rounds: number;
  connections: number;
  readers: number;
  articles: number;
  durable: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 6, rounds: 2, connections: 64, readers: 100_000, articles: 200, durable: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--seconds') args.seconds = num();
    else if (a === '--rounds') args.rounds = Math.floor(num());
    else if (a === '--connections') args.connections = Math.floor(num());
    else if (a === '--readers') args.readers = Math.floor(num());
    else if (a === '--articles') args.articles = Math.floor(num());
    else if (a === '--no-durable') args.durable = false;
    else if (a !== '--') throw new Error(`unknown argument ${a}`);
  }
  // Bounded: the whole run stays within about three minutes.
  if (args.seconds * args.rounds * 3 > 120) throw new Error('--seconds × --rounds × 3 must stay within 120 s');
  return args;
}

// The limiter stays on (it runs on every request, so its cost is measured) but with a limit no
// single address reaches: all simulated readers share 127.0.0.1, which the per-address limit
// would otherwise rightly treat as one abusive client. Per-reader limits keep their defaults.
const BENCH_ADDRESS_LIMIT = 1_000_000_000;
// At most this many requests per measured phase, whatever the duration.
const MAX_REQUESTS_PER_PHASE = 2_000_000;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A load result with the CPU both sides spent on it (a figure that holds up when other work shares the machine). */
interface Measured extends LoadResult {
  serverCpuUsPerReq: number;
  clientCpuUsPerReq: number;
}

async function measured(server: ServerProcess, run: () => Promise<LoadResult & { nextSeq: number }>): Promise<Measured & { nextSeq: number }> {
  const s0 = server.cpuMs();
  const c0 = process.cpuUsage();
  const r = await run();
  const c = process.cpuUsage(c0);
  const answered = Math.max(1, r.ok + r.non2xx);
  return { ...r, serverCpuUsPerReq: ((server.cpuMs() - s0) * 1000) / answered, clientCpuUsPerReq: (c.user + c.system) / answered };
}

function line(label: string, r: Measured): string {
  return `  ${label.padEnd(22)} ${fmt(r.okPerSecond).padStart(8)} views/s   p50 ${fmt(r.p50Ms, 1).padStart(5)} ms   p99 ${fmt(r.p99Ms, 1).padStart(6)} ms   max ${fmt(r.maxMs).padStart(5)} ms   server CPU ${fmt(r.serverCpuUsPerReq).padStart(4)} µs/req, client ${fmt(r.clientCpuUsPerReq).padStart(3)} µs/req   (${fmt(r.ok)} ok, ${r.non2xx} non-2xx, ${r.errors} errors)`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'mh-counters-bench-'));
  const secret = randomBytes(24).toString('base64url');
  const servers: ServerProcess[] = [];
  const out = (s: string) => process.stdout.write(`${s}\n`);
  try {
    out(`counters bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
    out(`plan: ${args.articles} articles, ${fmt(args.readers)} distinct readers (signed cookies), ${args.connections} connections, ${args.rounds} rounds × ${args.seconds} s per endpoint; 1 request in 10 repeats a recent reader+article (must not count)`);
    out(`rate limit: per-address limit raised to ${fmt(BENCH_ADDRESS_LIMIT)}/min for this bench (all readers share 127.0.0.1); per-reader limits at their defaults`);
    const mastheadDir = join(root, 'masthead');
    const naiveDir = join(root, 'naive');
    const durableDir = join(root, 'naive-durable');
    const ids = await seedArticles(mastheadDir, args.articles);
    copyDatabase(mastheadDir, naiveDir);
    copyDatabase(mastheadDir, durableDir);
    const cookies = readerCookies(args.readers, secret);

    const masthead = await startMasthead({
      dataDir: mastheadDir, port: await freePort(),
      env: { MASTHEAD_SECRET: secret, MASTHEAD_COUNTER_RATE_LIMIT: String(BENCH_ADDRESS_LIMIT) },
    });
    servers.push(masthead);
    const naive = await startNaive({ dataDir: naiveDir, port: await freePort() });
    servers.push(naive);
    const ceiling = await startNaive({ dataDir: durableDir, port: await freePort(), mode: 'ceiling' });
    servers.push(ceiling);
    const load = (server: ServerProcess, startSeq: number, seconds: number) => measured(server, () =>
      runLoad({ url: server.url, articleIds: ids, cookies, startSeq, connections: args.connections, seconds, maxRequests: MAX_REQUESTS_PER_PHASE }));

    // Warm both (JIT, SQLite page cache); these views count too and are part of the expected total.
    let seq = 0;
    const allowed = new Set<number>();
    const mWarm = await load(masthead, seq, 3);
    seq = mWarm.nextSeq;
    for (const p of mWarm.pairs) allowed.add(p);
    let naiveOk = (await load(naive, 0, 2)).ok;
    await load(ceiling, 0, 1);

    // Alternate the two endpoints so background load on the machine hits both alike.
    const mRuns: Measured[] = [];
    const nRuns: Measured[] = [];
    const cRuns: Measured[] = [];
    let naiveSeq = 1_000_000_000;
    for (let round = 1; round <= args.rounds; round++) {
      const m = await load(masthead, seq, args.seconds);
      seq = m.nextSeq;
      for (const p of m.pairs) allowed.add(p);
      mRuns.push(m);
      out(line(`masthead round ${round}`, m));
      const n = await load(naive, naiveSeq, args.seconds);
      naiveSeq = n.nextSeq;
      naiveOk += n.ok;
      nRuns.push(n);
      out(line(`naive round ${round}`, n));
      const c = await load(ceiling, naiveSeq, args.seconds);
      naiveSeq = c.nextSeq;
      cRuns.push(c);
      out(line(`HTTP ceiling round ${round}`, c));
    }

    // Graceful stop: SIGTERM makes Masthead flush every counted view before it exits.
    const mExit = await masthead.stop('SIGTERM');
    const nExit = await naive.stop('SIGTERM');
    await ceiling.stop('SIGTERM');
    const stored = await storedViews(mastheadDir, ids);
    const naiveStored = await storedViews(naiveDir, ids);
    const expected = allowed.size;

    let durable: Measured | undefined;
    if (args.durable) {
      const d = await startNaive({ dataDir: durableDir, port: await freePort(), mode: 'durable' });
      servers.push(d);
      durable = await load(d, 0, Math.min(5, args.seconds));
      await d.stop('SIGTERM');
      out(line('naive, fsync per view', durable));
    }

    const mean = (rs: Measured[], f: (r: Measured) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const viewsPerS = mean(mRuns, (r) => r.okPerSecond);
    const p99 = Math.max(...mRuns.map((r) => r.p99Ms));
    const naivePerS = mean(nRuns, (r) => r.okPerSecond);
    const sentTotal = mWarm.sent + mRuns.reduce((s, r) => s + r.sent, 0);
    const exact = mWarm.exact && mRuns.every((r) => r.exact);
    out('');
    out(`masthead: ${fmt(viewsPerS)} accepted views/s (each a report the rules judged; about 7 in 10 counted, the rest were reloads), p99 ${fmt(p99, 1)} ms (worst round)`);
    out(`naive:    ${fmt(naivePerS)} views/s, one UPDATE per view on the same SQLite setup (WAL, synchronous=NORMAL, via Kysely)`);
    const ceilingPerS = mean(cRuns, (r) => r.okPerSecond);
    out(`ceiling:  ${fmt(ceilingPerS)} requests/s from a route that answers without any work (same client, same machine): Masthead reaches ${fmt((100 * viewsPerS) / ceilingPerS)}% of it`);
    out(`ratio:    ${fmt(viewsPerS / naivePerS, 1)}× the naive endpoint${durable ? `; ${fmt(viewsPerS / durable.okPerSecond, 0)}× the fsync-per-view variant (${fmt(durable.okPerSecond)} views/s)` : ''}`);
    out(`totals:   expected ${fmt(expected)} (distinct reader+article pairs among ${fmt(sentTotal)} reports${exact ? '' : '; NOT exact: some planned report failed or was slower than the tail'}), stored ${fmt(stored.total)} (hourly buckets ${fmt(stored.buckets)}) → ${stored.total === expected && stored.buckets === expected ? 'EQUAL' : 'MISMATCH'}`);
    out(`naive stored ${fmt(naiveStored.total)} (${fmt(naiveOk)} answered; it also counts the requests in flight when a phase ends); exits: masthead ${mExit}, naive ${nExit}`);
    out(`targets: ≥ 20,000 views/s ${viewsPerS >= 20_000 ? 'met' : 'NOT met'}, p99 < 20 ms ${p99 < 20 ? 'met' : 'NOT met'}, ≥ 10× naive ${viewsPerS / naivePerS >= 10 ? 'met' : 'NOT met'}, stored = expected ${stored.total === expected ? 'met' : 'NOT met'}`);
    out(JSON.stringify({
      views_per_s: Math.round(viewsPerS),
      p99_ms: p99,
      p50_ms: Math.max(...mRuns.map((r) => r.p50Ms)),
      expected,
      stored: stored.total,
      expected_exact: exact,
      stored_buckets: stored.buckets,
      naive_views_per_s: Math.round(naivePerS),
      naive_p99_ms: Math.max(...nRuns.map((r) => r.p99Ms)),
      ratio: Number((viewsPerS / naivePerS).toFixed(2)),
      naive_durable_views_per_s: durable ? Math.round(durable.okPerSecond) : null,
      http_ceiling_per_s: Math.round(ceilingPerS),
      ceiling_server_cpu_us_per_request: Math.round(mean(cRuns, (r) => r.serverCpuUsPerReq)),
      server_cpu_us_per_view: Math.round(mean(mRuns, (r) => r.serverCpuUsPerReq)),
      naive_server_cpu_us_per_view: Math.round(mean(nRuns, (r) => r.serverCpuUsPerReq)),
      client_cpu_us_per_request: Math.round(mean(mRuns, (r) => r.clientCpuUsPerReq)),
      rounds: args.rounds,
      seconds_per_round: args.seconds,
      connections: args.connections,
      readers: args.readers,
      articles: args.articles,
      rate_limit_per_address_per_min: BENCH_ADDRESS_LIMIT,
      cpus: cpus().length,
    }));
  } finally {
    for (const s of servers) await s.stop('SIGKILL', 1000).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
