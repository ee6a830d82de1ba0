/**
 * View-counter benchmark: Masthead's counting endpoint against naive one-UPDATE-per-view
 * endpoints, measured in the same run on the same machine, all over HTTP on 127.0.0.1.
 *   npm run bench:counters -- [--seconds 5] [--rounds 2] [--connections 8] [--pipelining 8]
 *                             [--plain-connections 64] [--open-rate 2000] [--readers 100000] [--articles 200] [--no-autocannon]
 * Each server runs as its own process (`masthead serve`, and bench/lib/counters-naive-server.ts).
 * The load comes from this process: a lean keep-alive HTTP/1.1 client (bench/lib/counters-http-client.ts)
 * sends the beacon as site.js does, each request from one of many distinct simulated readers
 * (each a correctly signed cookie), in two shapes:
 *   pipelined  `connections` × `pipelining` requests in flight (HTTP/1.1 pipelining), how wrk and
 *              autocannon -p measure a server's capacity; it stands in for a CDN or an HTTP/2
 *              connection carrying many readers' beacons over few connections;
 *   plain      `plain-connections` connections, one request at a time on each;
 *   open loop  `open-rate` requests per second on a fixed schedule over the pipelined connections,
 *              each timed from when it was due (as wrk2 does): a closed loop has at most its
 *              in-flight requests waiting behind a server stall, so its p99 hides stalls that
 *              readers arriving on their own schedule would all meet.
 * Every endpoint gets the same client and the same shapes, in alternating rounds. After a graceful
 * stop the stored totals are read back and compared with what the rules allow to count (the
 * distinct reader+article pairs, every request answered 2xx). The last line printed is one JSON
 * object with every figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readerCookies, runLoad, runViewLoad } from './lib/counters-load.js';
import { freePort, startMasthead, startNaive, type ServerProcess } from './lib/counters-process.js';
import { copyDatabase, seedArticles, storedViews } from './lib/counters-seed.js';

interface Args {
  seconds: number;
  rounds: number;
  connections: number;
  pipelining: number;
  plainConnections: number;
  openRate: number;
  readers: number;
  articles: number;
  autocannon: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 5, rounds: 2, connections: 8, pipelining: 8, plainConnections: 64, openRate: 2000, readers: 100_000, articles: 200, autocannon: true };
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
    else if (a === '--pipelining') args.pipelining = Math.floor(num());
    else if (a === '--plain-connections') args.plainConnections = Math.floor(num());
    else if (a === '--open-rate') args.openRate = Math.floor(num());
    else if (a === '--readers') args.readers = Math.floor(num());
    else if (a === '--articles') args.articles = Math.floor(num());
    else if (a === '--no-autocannon') args.autocannon = false;
    else if (a !== '--') throw new Error(`unknown argument ${a}`);
  }
  // Bounded: the whole run stays within about three minutes (8 measured phases per round, 3 open-loop ones).
  if (args.seconds * (args.rounds * 8 + 3) > 135) throw new Error('--seconds × (--rounds × 8 + 3) must stay within 135 s');
  return args;
}

// The limiter stays on (it runs on every request, so its cost is measured) but with a limit no
// single address reaches: all simulated readers share 127.0.0.1, which the per-address limit
// would otherwise rightly treat as one abusive client. Per-reader limits keep their defaults.
const BENCH_ADDRESS_LIMIT = 1_000_000_000;
// At most this many requests per measured phase, whatever the duration.
const MAX_REQUESTS_PER_PHASE = 2_000_000;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Phase {
  okPerSecond: number;
  /** Views the rules counted per second (new reader+article pairs); the naive endpoints count every request. */
  countedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  non2xx: number;
  errors: number;
  serverCpuUsPerReq: number;
  clientCpuUsPerReq: number;
}

function line(label: string, r: Phase): string {
  return `  ${label.padEnd(30)} ${fmt(r.okPerSecond).padStart(7)}/s   p50 ${fmt(r.p50Ms, 1).padStart(5)} ms   p99 ${fmt(r.p99Ms, 1).padStart(6)} ms   max ${fmt(r.maxMs).padStart(5)} ms   server CPU ${fmt(r.serverCpuUsPerReq).padStart(4)} µs/req, client ${fmt(r.clientCpuUsPerReq).padStart(3)} µs/req   (${fmt(r.ok)} ok, ${r.non2xx} non-2xx, ${r.errors} errors)`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'mh-counters-bench-'));
  const secret = randomBytes(24).toString('base64url');
  const servers: ServerProcess[] = [];
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const piped = `${args.connections} connections × ${args.pipelining} pipelined`;
  const plain = `${args.plainConnections} connections × 1`;
  try {
    out(`counters bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine shares these cores)`);
    out(`plan: ${args.articles} articles, ${fmt(args.readers)} distinct readers (signed cookies); 1 request in 10 repeats a recent reader+article (must not count); ${args.rounds} rounds × ${args.seconds} s per endpoint and shape`);
    out(`shapes: "pipelined" = ${piped} (HTTP/1.1 pipelining, how wrk/autocannon -p measure capacity; stands in for a CDN or HTTP/2 carrying many beacons per connection), "plain" = ${plain} request in flight each`);
    out(`client: bench/lib/counters-http-client.ts in this process (the servers are separate processes); rate limit per address raised to ${fmt(BENCH_ADDRESS_LIMIT)}/min (all readers share 127.0.0.1), per-reader limits at their defaults`);
    const mastheadDir = join(root, 'masthead');
    const ids = await seedArticles(mastheadDir, args.articles);
    for (const dir of ['durable', 'wal', 'ceiling']) copyDatabase(mastheadDir, join(root, dir));
    const cookies = readerCookies(args.readers, secret);

    const masthead = await startMasthead({
      dataDir: mastheadDir, port: await freePort(),
      env: { MASTHEAD_SECRET: secret, MASTHEAD_COUNTER_RATE_LIMIT: String(BENCH_ADDRESS_LIMIT) },
    });
    servers.push(masthead);
    const durable = await startNaive({ dataDir: join(root, 'durable'), port: await freePort(), mode: 'durable' });
    servers.push(durable);
    const wal = await startNaive({ dataDir: join(root, 'wal'), port: await freePort(), mode: 'wal' });
    servers.push(wal);
    const ceiling = await startNaive({ dataDir: join(root, 'ceiling'), port: await freePort(), mode: 'ceiling' });
    servers.push(ceiling);
    out(`naive endpoints: ${durable.output().trim().replace(/^naive counter listening on \d+ /, '')}; ${wal.output().trim().replace(/^naive counter listening on \d+ /, '')}`);

    let seq = 0;
    let naiveSeq = 1_000_000_000;
    let exact = true;
    let sentToMasthead = 0;
    const allowed = new Set<number>();
    /** One measured phase: `server` under the lean client; Masthead's pairs join the expected total. */
    const phase = async (server: ServerProcess, connections: number, pipelining: number, seconds: number, ratePerSecond?: number): Promise<Phase> => {
      const isMasthead = server === masthead;
      const s0 = server.cpuMs();
      const c0 = process.cpuUsage();
      const r = await runViewLoad({
        host: '127.0.0.1', port: server.port, articleIds: ids, cookies, startSeq: isMasthead ? seq : naiveSeq,
        connections, pipelining, seconds, maxRequests: MAX_REQUESTS_PER_PHASE, ...(ratePerSecond ? { ratePerSecond } : {}),
      });
      const c = process.cpuUsage(c0);
      const answered = Math.max(1, r.ok + r.non2xx);
      let fresh = r.ok;
      if (isMasthead) {
        seq = r.nextSeq;
        sentToMasthead += r.sent;
        exact &&= r.exact;
        const before = allowed.size;
        for (const p of r.pairs) allowed.add(p);
        fresh = allowed.size - before;
      } else {
        naiveSeq = r.nextSeq;
      }
      return {
        okPerSecond: r.okPerSecond, countedPerSecond: fresh / r.seconds, p50Ms: r.p50Ms, p99Ms: r.p99Ms, maxMs: r.maxMs,
        ok: r.ok, non2xx: r.non2xx, errors: r.errors,
        serverCpuUsPerReq: ((server.cpuMs() - s0) * 1000) / answered, clientCpuUsPerReq: (c.user + c.system) / answered,
      };
    };

    // Warm every server (JIT, caches); Masthead's warm-up views count too and are part of the expected total.
    await phase(masthead, args.connections, args.pipelining, 4);
    await phase(durable, args.connections, args.pipelining, 1);
    await phase(wal, args.connections, args.pipelining, 2);
    await phase(ceiling, args.connections, args.pipelining, 1);

    // Alternate endpoints and shapes so background load on the machine hits all alike.
    const runs = { mP: [] as Phase[], dP: [] as Phase[], wP: [] as Phase[], cP: [] as Phase[], mS: [] as Phase[], dS: [] as Phase[], wS: [] as Phase[], cS: [] as Phase[] };
    const durableSeconds = Math.min(3, args.seconds);
    for (let round = 1; round <= args.rounds; round++) {
      const record = (list: Phase[], label: string, r: Phase) => { list.push(r); out(line(`${label} ${round}`, r)); };
      record(runs.mP, 'masthead, pipelined', await phase(masthead, args.connections, args.pipelining, args.seconds));
      record(runs.dP, 'naive durable, pipelined', await phase(durable, args.connections, args.pipelining, durableSeconds));
      record(runs.wP, 'naive WAL, pipelined', await phase(wal, args.connections, args.pipelining, args.seconds));
      record(runs.cP, 'HTTP ceiling, pipelined', await phase(ceiling, args.connections, args.pipelining, args.seconds));
      record(runs.mS, 'masthead, plain', await phase(masthead, args.plainConnections, 1, args.seconds));
      record(runs.dS, 'naive durable, plain', await phase(durable, args.plainConnections, 1, durableSeconds));
      record(runs.wS, 'naive WAL, plain', await phase(wal, args.plainConnections, 1, args.seconds));
      record(runs.cS, 'HTTP ceiling, plain', await phase(ceiling, args.plainConnections, 1, args.seconds));
    }

    // Open loop at a fixed, modest rate: every request's latency counts from when it was due.
    const open = { m: await phase(masthead, args.connections, args.pipelining, args.seconds, args.openRate) };
    out(line(`masthead, open loop ${fmt(args.openRate)}/s`, open.m));
    const openW = await phase(wal, args.connections, args.pipelining, args.seconds, args.openRate);
    out(line(`naive WAL, open loop ${fmt(args.openRate)}/s`, openW));
    const openC = await phase(ceiling, args.connections, args.pipelining, args.seconds, args.openRate);
    out(line(`HTTP ceiling, open loop ${fmt(args.openRate)}/s`, openC));

    // The same Masthead under autocannon (the load tool DESIGN names), for comparison with the
    // lean client: autocannon's own CPU per request is most of what it would measure here.
    let cannon: { okPerSecond: number; p99Ms: number; clientCpuUsPerReq: number; serverCpuUsPerReq: number } | undefined;
    if (args.autocannon) {
      const s0 = masthead.cpuMs();
      const c0 = process.cpuUsage();
      const r = await runLoad({ url: masthead.url, articleIds: ids, cookies, startSeq: seq, connections: args.plainConnections, seconds: 4, maxRequests: MAX_REQUESTS_PER_PHASE });
      const c = process.cpuUsage(c0);
      seq = r.nextSeq;
      sentToMasthead += r.sent;
      exact &&= r.exact;
      for (const p of r.pairs) allowed.add(p);
      const answered = Math.max(1, r.ok + r.non2xx);
      cannon = { okPerSecond: r.okPerSecond, p99Ms: r.p99Ms, clientCpuUsPerReq: (c.user + c.system) / answered, serverCpuUsPerReq: ((masthead.cpuMs() - s0) * 1000) / answered };
      out(`  ${'masthead, plain, autocannon'.padEnd(30)} ${fmt(r.okPerSecond).padStart(7)}/s   p99 ${fmt(r.p99Ms, 1)} ms   server CPU ${fmt(cannon.serverCpuUsPerReq)} µs/req, client (autocannon) ${fmt(cannon.clientCpuUsPerReq)} µs/req`);
    }

    // Graceful stop: SIGTERM makes Masthead flush every counted view before it exits.
    const mExit = await masthead.stop('SIGTERM');
    for (const s of [durable, wal, ceiling]) await s.stop('SIGTERM');
    const stored = await storedViews(mastheadDir, ids);
    const expected = allowed.size;

    const mean = (rs: Phase[], f: (r: Phase) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const worst = (rs: Phase[], f: (r: Phase) => number) => Math.max(...rs.map(f));
    const ok = (rs: Phase[]) => mean(rs, (r) => r.okPerSecond);
    const viewsPerS = ok(runs.mP);
    const countedPerS = mean(runs.mP, (r) => r.countedPerSecond);
    const p99 = worst(runs.mP, (r) => r.p99Ms);
    const plainPerS = ok(runs.mS);
    const plainP99 = worst(runs.mS, (r) => r.p99Ms);
    const durablePerS = ok(runs.dP);
    const walPerS = ok(runs.wP);
    const ratio = viewsPerS / durablePerS;
    const ratioWal = viewsPerS / walPerS;
    const plainRatio = plainPerS / ok(runs.dS);
    const plainRatioWal = plainPerS / ok(runs.wS);
    const equal = stored.total === expected && stored.buckets === expected;
    out('');
    out(`masthead:  ${fmt(viewsPerS)} accepted views/s pipelined (${fmt(countedPerS)} counted/s: new reader+article pairs; the rest were reloads the rules refused), p99 ${fmt(p99, 1)} ms (worst round)`);
    out(`           ${fmt(plainPerS)} accepted views/s plain (${plain}), p99 ${fmt(plainP99, 1)} ms`);
    out(`naive:     durable (SQLite defaults: rollback journal, synchronous=FULL, one durable commit per view) ${fmt(durablePerS)}/s pipelined, ${fmt(ok(runs.dS))}/s plain`);
    out(`           WAL, synchronous=NORMAL (no fsync per view) ${fmt(walPerS)}/s pipelined, ${fmt(ok(runs.wS))}/s plain`);
    out(`open loop: ${fmt(args.openRate)} reports/s offered on a fixed schedule: masthead p99 ${fmt(open.m.p99Ms, 1)} ms (max ${fmt(open.m.maxMs)}), naive WAL p99 ${fmt(openW.p99Ms, 1)} ms, HTTP ceiling p99 ${fmt(openC.p99Ms, 1)} ms`);
    out(`ceiling:   a Fastify route doing nothing: ${fmt(ok(runs.cP))}/s pipelined, ${fmt(ok(runs.cS))}/s plain (same client and machine)`);
    out(`ratio:     ${fmt(ratio, 1)}× naive durable (the target's baseline), ${fmt(ratioWal, 1)}× naive WAL, pipelined; plain ${fmt(plainRatio, 1)}× and ${fmt(plainRatioWal, 1)}×`);
    out(`totals:    expected ${fmt(expected)} (distinct reader+article pairs among ${fmt(sentToMasthead)} reports${exact ? ', every report answered 2xx' : '; NOT exact: some report failed or went unanswered'}), stored ${fmt(stored.total)} (hourly buckets ${fmt(stored.buckets)}) → ${equal ? 'EQUAL' : 'MISMATCH'}; masthead exit ${mExit}`);
    out(`targets:   ≥ 20,000 views/s ${viewsPerS >= 20_000 ? 'met' : 'NOT met'} (pipelined; plain ${plainPerS >= 20_000 ? 'met' : 'not met'}), p99 < 20 ms ${p99 < 20 ? 'met' : 'NOT met'} (closed loop; open loop at ${fmt(args.openRate)}/s ${open.m.p99Ms < 20 ? 'met' : 'NOT met'}), ≥ 10× naive durable ${ratio >= 10 ? 'met' : 'NOT met'}, stored = expected ${equal ? 'met' : 'NOT met'}`);
    out(JSON.stringify({
      views_per_s: Math.round(viewsPerS),
      counted_views_per_s: Math.round(countedPerS),
      p99_ms: p99,
      p50_ms: worst(runs.mP, (r) => r.p50Ms),
      expected,
      stored: stored.total,
      stored_buckets: stored.buckets,
      expected_exact: exact,
      naive_views_per_s: Math.round(durablePerS),
      naive_baseline: 'sqlite defaults: rollback journal, synchronous=FULL, one UPDATE per view',
      ratio: Number(ratio.toFixed(2)),
      naive_wal_views_per_s: Math.round(walPerS),
      ratio_wal: Number(ratioWal.toFixed(2)),
      plain_views_per_s: Math.round(plainPerS),
      plain_p99_ms: plainP99,
      plain_naive_views_per_s: Math.round(ok(runs.dS)),
      plain_naive_wal_views_per_s: Math.round(ok(runs.wS)),
      plain_ratio: Number(plainRatio.toFixed(2)),
      plain_ratio_wal: Number(plainRatioWal.toFixed(2)),
      open_loop_rate_per_s: args.openRate,
      open_loop_p99_ms: open.m.p99Ms,
      open_loop_max_ms: Math.round(open.m.maxMs),
      open_loop_naive_wal_p99_ms: openW.p99Ms,
      open_loop_ceiling_p99_ms: openC.p99Ms,
      http_ceiling_per_s: Math.round(ok(runs.cP)),
      plain_http_ceiling_per_s: Math.round(ok(runs.cS)),
      server_cpu_us_per_view: Math.round(mean(runs.mP, (r) => r.serverCpuUsPerReq)),
      plain_server_cpu_us_per_view: Math.round(mean(runs.mS, (r) => r.serverCpuUsPerReq)),
      ceiling_server_cpu_us_per_request: Math.round(mean(runs.cP, (r) => r.serverCpuUsPerReq)),
      client_cpu_us_per_request: Math.round(mean(runs.mP, (r) => r.clientCpuUsPerReq)),
      autocannon_plain_views_per_s: cannon ? Math.round(cannon.okPerSecond) : null,
      autocannon_client_cpu_us_per_request: cannon ? Math.round(cannon.clientCpuUsPerReq) : null,
      pipelining: args.pipelining,
      connections: args.connections,
      plain_connections: args.plainConnections,
      rounds: args.rounds,
      seconds_per_round: args.seconds,
      readers: args.readers,
      articles: args.articles,
      rate_limit_per_address_per_min: BENCH_ADDRESS_LIMIT,
      cpus: cpus().length,
      load_average_1m: Number(loadavg()[0]!.toFixed(2)),
    }));
  } finally {
    for (const s of servers) await s.stop('SIGKILL', 1000).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
