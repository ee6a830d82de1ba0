/**
 * Page-speed benchmark: every corpus of ../shared/corpus imported into one temporary site (about
 * 56k articles), then, interleaved in rounds so the machine's drift hits every case alike:
 *   (a) nginx serving the saved Masthead article pages as files    (when nginx is installed)
 *   (b) bare Fastify sending the same responses from memory: Masthead's bytes and headers (the baseline)
 *   (b2) the same bodies with a Content-Type only; (a1), (b1) every URL answered with one saved
 *        page (shown beside, not baselines)
 *   (c) Masthead, cached article pages, a random mix of 1,000 articles
 *   (d) the same with the page cache off (every request renders; all three lists on every page)
 *   (e) the home page   (f) a deep section page (page 50)   (g) search pages
 *   (h) the site published with `masthead publish` under nginx      (when both are available)
 * Every article case requests the same seeded random mix of 1,000 article URLs through one wrk
 * Lua script, so the client's own cost is the same in each; nginx and bare Fastify answer each
 * URL with the bytes Masthead sent for it. Then it prints req/s, p50/p99, ratios to (b) and (a), bytes on the wire, RSS and the cold start
 * to the first article page with full lists. The last line is one JSON object.
 *
 *   npm run bench:pages -- [--site DIR] [--seconds 5] [--rounds 5] [--connections 50]
 *
 * The site is kept in DIR (default /tmp/masthead-bench-56k, shared with bench:start) and reused
 * when it holds the same corpora.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import { freePort, processCpuMs, startMasthead } from './lib/counters-process.js';
import { ensureBenchSite } from './lib/bench-site.js';
import { ensureFreshBuild, measureColdStart } from './lib/cold-start.js';
import { hasWrk, wrk, type WrkResult } from './lib/wrk.js';
import { NGINX, startNginx, type NginxServer } from './lib/nginx-server.js';
import { startNginx as startStaticNginx, type RunningNginx } from '../test/helpers/nginx.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';
import { spawn } from 'node:child_process';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS_DIR = [resolve(ROOT, '../shared/corpus'), resolve(ROOT, '../../shared/corpus')].find((d) => existsSync(d)) ?? resolve(ROOT, '../shared/corpus');
const BIN = resolve(ROOT, 'bin/masthead.js');

interface Args { site: string; seconds: number; rounds: number; connections: number }
function parseArgs(argv: string[]): Args {
  const args: Args = { site: join(tmpdir(), 'masthead-bench-56k'), seconds: 5, rounds: 5, connections: 50 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--site') args.site = resolve(next());
    else if (a === '--seconds') args.seconds = Number(next());
    else if (a === '--rounds') args.rounds = Number(next());
    else if (a === '--connections') args.connections = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** What the cases request, drawn with a fixed seed from the site itself. */
function pickPaths(dir: string) {
  const db = new Sqlite(join(dir, 'masthead.db'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT slug, title FROM articles WHERE status = 'published' ORDER BY id`).all() as { slug: string; title: string }[];
    const random = mulberry32(7);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(1000, rows.length)) chosen.add(Math.floor(random() * rows.length));
    const articles = [...chosen].map((i) => `/articles/${encodeURIComponent(rows[i]!.slug)}`);
    // The section with the most articles of its own, for a page far down its listing.
    const section = db.prepare(`SELECT c.slug AS slug, count(*) AS n FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.status = 'published' GROUP BY c.id ORDER BY n DESC LIMIT 1`).get() as { slug: string; n: number } | undefined;
    const words = new Set<string>();
    for (const i of [...chosen].slice(0, 400)) {
      const w = rows[i]!.title.split(/\s+/).map((x) => x.replace(/[^\p{L}\p{N}]/gu, '')).filter((x) => x.length >= 5);
      if (w[0]) words.add(w[0].toLowerCase());
    }
    return {
      articles,
      deepSection: section ? `/category/${encodeURIComponent(section.slug)}?page=${Math.min(50, Math.floor(section.n / 20))}` : '/',
      searches: [...words].slice(0, 200).map((w) => `/search?q=${encodeURIComponent(w)}`),
    };
  } finally {
    db.close();
  }
}

function rssOf(pid: number | undefined): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function warm(base: string, paths: readonly string[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const res = await fetch(`${base}${path}`);
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    }
  }));
}

async function wireBytes(base: string, path: string): Promise<Record<'identity' | 'gzip' | 'br', number>> {
  const out = { identity: 0, gzip: 0, br: 0 };
  for (const enc of ['identity', 'gzip', 'br'] as const) {
    // curl reports the bytes as they came over the wire (not decoded).
    const r = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{size_download}', '-H', `Accept-Encoding: ${enc}`, `${base}${path}`], { encoding: 'utf8' });
    out[enc] = Number(r.stdout);
  }
  return out;
}

/** bench/lib/bare-page-server.ts with its arguments (source, port, headers file). */
function startBare(args: string[]): Promise<{ stop: () => void; pid: number | undefined }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/lib/bare-page-server.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolveStart({ stop: () => child.kill('SIGTERM'), pid: child.pid });
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
}

/** Headers the server or Node writes per response, not part of what a page is sent with. */
const PER_RESPONSE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * Saves the page Masthead sends (uncompressed) for each path as a file under `dir` at its decoded
 * path, and the headers it sent with each into `headersFile` (by path).
 */
async function savePages(base: string, paths: readonly string[], dir: string, headersFile: string): Promise<void> {
  const headers: Record<string, Record<string, string>> = {};
  for (const path of paths) {
    const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    const file = join(dir, decodeURIComponent(path.slice(1)));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const own: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!PER_RESPONSE_HEADERS.has(name)) own[name] = value;
    });
    headers[path] = own;
  }
  writeFileSync(headersFile, JSON.stringify(headers));
  spawnSync('chmod', ['-R', 'a+rX', dir]);
}

async function hasPublish(): Promise<boolean> {
  const { stdout } = await run(process.execPath, [BIN, '--help'], { cwd: ROOT });
  return /^\s+publish\b/m.test(stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!(await hasWrk())) throw new Error('bench:pages needs wrk (Debian package wrk)');
  const work = mkdtempSync(join(tmpdir(), 'mh-bench-pages-'));
  const stops: (() => Promise<unknown> | unknown)[] = [];
  try {
    const site = ensureBenchSite(args.site, CORPUS_DIR, (line) => console.log(line));
    const dir = site.dataDir;
    const articles = site.articles;
    ensureFreshBuild();
    const paths = pickPaths(dir);
    console.log(`${articles} articles; ${paths.articles.length} article pages in the mix; deep section ${paths.deepSection}; ${paths.searches.length} searches`);

    // Cold start: spawn to the first article page with the engines' full lists. The first start
    // leaves a Related snapshot on stop (if there was none); the second is a restart from it.
    const slug = decodeURIComponent(paths.articles[0]!.slice('/articles/'.length));
    // Three restarts, the median reported: one start on a shared machine is at the mercy of its neighbours.
    const first = await measureColdStart({ dataDir: dir, articleSlug: slug });
    const restarts = [];
    for (let i = 0; i < 3; i++) restarts.push(await measureColdStart({ dataDir: dir, articleSlug: slug }));
    const cold = [...restarts].sort((x, y) => x.coldStartMs - y.coldStartMs)[1]!;
    console.log(`cold start: ${first.coldStartMs.toFixed(0)} ms (first start), ${cold.coldStartMs.toFixed(0)} ms restarting (median of ${restarts.map((r) => r.coldStartMs.toFixed(0)).join(', ')}; first byte ${cold.firstByteMs.toFixed(0)} ms, RSS ${cold.rssMb.toFixed(0)} MB)`);

    const cached = await startMasthead({ dataDir: dir, port: await freePort(), env: { MASTHEAD_LOG_LEVEL: 'info', MASTHEAD_COUNTER_RATE_LIMIT: '100000000' }, timeoutMs: 120_000 });
    stops.push(() => cached.stop());
    const rssAfterStart = rssOf(cached.child.pid);

    const uncachedPort = await freePort();
    const uncached = await startMasthead({ dataDir: dir, port: uncachedPort, env: { MASTHEAD_PAGE_CACHE_MB: '0', MASTHEAD_LOG_LEVEL: 'info', MASTHEAD_COUNTER_RATE_LIMIT: '100000000' }, timeoutMs: 120_000 });
    stops.push(() => uncached.stop());
    for (const server of [cached, uncached]) {
      while (!/discovery engines ready/.test(server.output())) await new Promise((r) => setTimeout(r, 100));
    }

    // The saved pages for nginx and bare Fastify: the bytes Masthead sends (identity) for every
    // article of the mix, so the baselines send the same bytes for each URL as Masthead does; and,
    // as a figure beside them, one page answered for every URL (one buffer, always in the CPU's
    // cache, which flatters a baseline against a thousand different pages).
    // nginx's workers run as an unprivileged user: the folders they read must be open to it.
    chmodSync(work, 0o755);
    const filesDir = join(work, 'files');
    const headersFile = join(work, 'headers.json');
    await savePages(cached.url, paths.articles, filesDir, headersFile);
    const onePage = join(work, 'one', 'page.html');
    mkdirSync(dirname(onePage), { recursive: true });
    writeFileSync(onePage, readFileSync(join(filesDir, decodeURIComponent(paths.articles[0]!.slice(1)))));
    const barePort = await freePort();
    const bare = await startBare([filesDir, String(barePort), headersFile]);
    stops.push(() => bare.stop());
    const bareBodiesPort = await freePort();
    const bareBodies = await startBare([filesDir, String(bareBodiesPort)]);
    stops.push(() => bareBodies.stop());
    const bareOnePort = await freePort();
    const bareOne = await startBare([onePage, String(bareOnePort)]);
    stops.push(() => bareOne.stop());
    let nginx: NginxServer | undefined;
    let nginxOne: NginxServer | undefined;
    if (NGINX) {
      nginx = await startNginx({ root: filesDir, port: await freePort(), workDir: join(work, 'nginx-files') });
      stops.push(() => nginx!.stop());
      nginxOne = await startNginx({ root: dirname(onePage), port: await freePort(), workDir: join(work, 'nginx-one'), singleFile: 'page.html' });
      stops.push(() => nginxOne!.stop());
    } else console.log('nginx not installed: (a) and (h) skipped (Debian package nginx-light)');

    let staticNginx: RunningNginx | undefined;
    let publishSeconds: number | null = null;
    if (NGINX && (await hasPublish())) {
      const out = join(work, 'published');
      const started = performance.now();
      await run(process.execPath, [BIN, 'publish', '--data', dir, '--out', out], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
      publishSeconds = (performance.now() - started) / 1000;
      console.log(`published the site in ${publishSeconds.toFixed(1)} s`);
      // Publishing leaves about a gigabyte of dirty pages; the kernel would write them back during
      // the first round (its threads competing with the servers measured), so they are written now.
      spawnSync('sync');
      // The tested static-mode configuration (deploy/nginx/masthead-static.conf), one worker.
      staticNginx = await startStaticNginx({ mode: 'static', root: out, upstreamPort: cached.port });
      stops.push(() => staticNginx!.stop());
    } else if (NGINX) console.log('masthead publish not available: (h) skipped');

    console.log('warming: every article of the mix once on both Masthead servers, the section and search pages');
    await warm(cached.url, [...paths.articles, '/', paths.deepSection]);
    await warm(`http://127.0.0.1:${uncachedPort}`, paths.articles);

    // Every case runs for the given seconds: the measured runs, and the unmeasured ones before them.
    const opts = (seconds: number) => ({ seconds, connections: args.connections });
    // The server process of a case, for the CPU it spends per request (nginx's workers are not counted).
    const serverPid: Record<string, number | undefined> = {
      bare: bare.pid, cached: cached.child.pid, uncached: uncached.child.pid, bare_bodies: bareBodies.pid, bare_one: bareOne.pid,
      home: cached.child.pid, section: cached.child.pid, search: cached.child.pid,
    };
    const cases: { name: string; label: string; run: (seconds: number) => Promise<WrkResult> }[] = [
      // Each target's pair runs back to back ((a) then (h), (b) then (c) and (d)), so a change in the
      // machine's load between them is as small as it can be; the targets use the per-round ratios.
      ...(nginx ? [{ name: 'nginx', label: '(a) nginx, the pages as files', run: (seconds: number) => wrk(`http://127.0.0.1:${nginx!.port}`, { ...opts(seconds), paths: paths.articles }) }] : []),
      ...(staticNginx ? [{ name: 'static', label: '(h) published site under nginx', run: (seconds: number) => wrk(`http://127.0.0.1:${staticNginx!.port}`, { ...opts(seconds), paths: paths.articles }) }] : []),
      ...(nginxOne ? [{ name: 'nginx_one', label: '(a1) nginx, one file for every URL', run: (seconds: number) => wrk(`http://127.0.0.1:${nginxOne!.port}`, { ...opts(seconds), paths: paths.articles }) }] : []),
      { name: 'bare', label: '(b) bare Fastify, the same responses', run: (seconds: number) => wrk(`http://127.0.0.1:${barePort}`, { ...opts(seconds), paths: paths.articles }) },
      { name: 'cached', label: '(c) Masthead, cached articles (1,000)', run: (seconds: number) => wrk(cached.url, { ...opts(seconds), paths: paths.articles }) },
      { name: 'uncached', label: '(d) Masthead, page cache off', run: (seconds: number) => wrk(`http://127.0.0.1:${uncachedPort}`, { ...opts(seconds), paths: paths.articles }) },
      { name: 'bare_bodies', label: '(b2) bare Fastify, bodies, 1 header', run: (seconds: number) => wrk(`http://127.0.0.1:${bareBodiesPort}`, { ...opts(seconds), paths: paths.articles }) },
      { name: 'bare_one', label: '(b1) bare Fastify, one page', run: (seconds: number) => wrk(`http://127.0.0.1:${bareOnePort}`, { ...opts(seconds), paths: paths.articles }) },
      { name: 'home', label: '(e) home page', run: (seconds: number) => wrk(`${cached.url}/`, opts(seconds)) },
      { name: 'section', label: '(f) section page 50', run: (seconds: number) => wrk(`${cached.url}${paths.deepSection}`, opts(seconds)) },
      { name: 'search', label: '(g) search pages', run: (seconds: number) => wrk(cached.url, { ...opts(seconds), paths: paths.searches }) },
    ];
    // One unmeasured pass of every case first, 3 s each: a server's hot path reaches V8's
    // optimising tier only after many thousands of requests, and the first round would time that.
    console.log('warming: every case for 3 s, not measured');
    for (const c of cases) await c.run(3);
    const results = new Map<string, WrkResult[]>();
    const cpu = new Map<string, number[]>();
    for (let round = 1; round <= args.rounds; round++) {
      for (const c of cases) {
        // One unmeasured second right before each measured run: every server waits about a
        // minute between its turns, and its first second back is slower for reasons that are not
        // its own (memory of an idle process reclaimed by the host, cold CPU caches). The same
        // second is given to every case, baselines included. For (c) it also takes the re-renders
        // of the pages that went stale while nobody asked for them (see docs/performance.md).
        await c.run(1);
        const pid = serverPid[c.name];
        const cpuBefore = processCpuMs(pid);
        const r = await c.run(args.seconds);
        // The server's own CPU per answer: what a case costs it, whatever share of the machine it got.
        const cpuUs = ((processCpuMs(pid) - cpuBefore) * 1000) / r.requests;
        results.set(c.name, [...(results.get(c.name) ?? []), r]);
        cpu.set(c.name, [...(cpu.get(c.name) ?? []), cpuUs]);
        console.log(`round ${round} ${c.label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${Number.isFinite(cpuUs) ? `, server CPU ${cpuUs.toFixed(1)} µs/request` : ''}${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    const fig = (name: string) => {
      const rs = results.get(name);
      return rs ? { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50Ms)), p99: median(rs.map((r) => r.p99Ms)), bytes: median(rs.map((r) => r.bytesPerRequest)), errors: rs.reduce((a, r) => a + r.errors, 0) } : undefined;
    };
    const bareRps = fig('bare')!.rps;
    const nginxRps = fig('nginx')?.rps;
    console.log(`\nmedian of ${args.rounds} rounds, wrk -t1 -c${args.connections} -d${args.seconds}s, load average ${loadavg()[0]!.toFixed(2)}`);
    console.log('case                                      req/s    p50 ms   p99 ms   bytes/resp  ÷ (b)    ÷ (a)');
    for (const c of cases) {
      const f = fig(c.name)!;
      console.log(`${c.label.padEnd(40)} ${f.rps.toFixed(0).padStart(7)}  ${f.p50.toFixed(2).padStart(7)}  ${f.p99.toFixed(2).padStart(7)}  ${f.bytes.toFixed(0).padStart(10)}  ${(f.rps / bareRps).toFixed(3).padStart(6)}  ${nginxRps ? (f.rps / nginxRps).toFixed(3).padStart(6) : '   n/a'}`);
    }
    const articleWire = await wireBytes(cached.url, paths.articles[0]!);
    const homeWire = await wireBytes(cached.url, '/');
    console.log(`\nbytes on the wire, article page: ${articleWire.identity} plain, ${articleWire.gzip} gzip, ${articleWire.br} brotli; home page: ${homeWire.identity} plain, ${homeWire.gzip} gzip, ${homeWire.br} brotli`);
    const rss = rssOf(cached.child.pid);
    const rssUncached = rssOf(uncached.child.pid);
    console.log(`RSS of the cached server: ${rssAfterStart.rssMb.toFixed(0)} MB after start, ${rss.rssMb.toFixed(0)} MB after the runs (peak ${rss.peakMb.toFixed(0)} MB); page cache off: ${rssUncached.rssMb.toFixed(0)} MB (peak ${rssUncached.peakMb.toFixed(0)} MB)`);

    // The median of the rounds' own ratios: each round's pair ran back to back under the same load.
    const paired = (name: string, base: string): number | null => {
      const xs = results.get(name);
      const bs = results.get(base);
      return xs && bs ? median(xs.map((x, i) => x.rps / bs[i]!.rps)) : null;
    };
    const targets = {
      cached_vs_bare: paired('cached', 'bare')!,
      uncached_vs_bare: paired('uncached', 'bare')!,
      static_vs_nginx: staticNginx && nginxRps ? paired('static', 'nginx') : null,
    };
    const ofMedians = {
      cached_vs_bare: fig('cached')!.rps / bareRps,
      uncached_vs_bare: fig('uncached')!.rps / bareRps,
      static_vs_nginx: staticNginx && nginxRps ? fig('static')!.rps / nginxRps : null,
    };
    console.log(`per-round ratios: (c)/(b) ${results.get('cached')!.map((x, i) => (x.rps / results.get('bare')![i]!.rps).toFixed(3)).join(' ')}; (d)/(b) ${results.get('uncached')!.map((x, i) => (x.rps / results.get('bare')![i]!.rps).toFixed(4)).join(' ')}${staticNginx && nginx ? `; (h)/(a) ${results.get('static')!.map((x, i) => (x.rps / results.get('nginx')![i]!.rps).toFixed(3)).join(' ')}` : ''}`);
    const cpuOf = (name: string) => median(cpu.get(name) ?? [Number.NaN]);
    console.log(`server CPU per request (median of the rounds): (b) ${cpuOf('bare').toFixed(1)} µs, (c) ${cpuOf('cached').toFixed(1)} µs, (d) ${cpuOf('uncached').toFixed(0)} µs, (e) ${cpuOf('home').toFixed(1)} µs; (b)÷(c) ${(cpuOf('bare') / cpuOf('cached')).toFixed(3)}, (b)÷(d) ${(cpuOf('bare') / cpuOf('uncached')).toFixed(4)}`);
    console.log(`ratios of the medians: (c)/(b) ${ofMedians.cached_vs_bare.toFixed(3)}, (d)/(b) ${ofMedians.uncached_vs_bare.toFixed(4)}, (h)/(a) ${ofMedians.static_vs_nginx?.toFixed(3) ?? 'n/a'}`);
    console.log(`targets (median of the per-round ratios): (c)/(b) ${targets.cached_vs_bare.toFixed(3)} (≥ 0.85), (d)/(b) ${targets.uncached_vs_bare.toFixed(4)} (≥ 0.05), (h)/(a) ${targets.static_vs_nginx?.toFixed(3) ?? 'n/a'} (≥ 0.9), cold start ${cold.coldStartMs.toFixed(0)} ms (≤ 1500), RSS ${rss.rssMb.toFixed(0)} MB (≤ 400), compressed article ${articleWire.br} B (≤ 8192)`);
    const json = {
      articles,
      bare_rps: Math.round(bareRps),
      nginx_rps: nginxRps !== undefined ? Math.round(nginxRps) : null,
      bare_one_page_rps: Math.round(fig('bare_one')!.rps),
      bare_bodies_rps: Math.round(fig('bare_bodies')!.rps),
      nginx_one_file_rps: nginxOne ? Math.round(fig('nginx_one')!.rps) : null,
      cached_rps: Math.round(fig('cached')!.rps),
      uncached_rps: Math.round(fig('uncached')!.rps),
      home_rps: Math.round(fig('home')!.rps),
      section_rps: Math.round(fig('section')!.rps),
      search_rps: Math.round(fig('search')!.rps),
      static_rps: staticNginx ? Math.round(fig('static')!.rps) : null,
      publish_s: publishSeconds !== null ? Math.round(publishSeconds) : null,
      cached_p99_ms: fig('cached')!.p99,
      uncached_p99_ms: fig('uncached')!.p99,
      cached_vs_bare: Number(targets.cached_vs_bare.toFixed(4)),
      uncached_vs_bare: Number(targets.uncached_vs_bare.toFixed(4)),
      ratios_of_medians: { cached_vs_bare: Number(ofMedians.cached_vs_bare.toFixed(4)), uncached_vs_bare: Number(ofMedians.uncached_vs_bare.toFixed(4)), static_vs_nginx: ofMedians.static_vs_nginx !== null ? Number(ofMedians.static_vs_nginx.toFixed(3)) : null },
      static_vs_nginx: targets.static_vs_nginx !== null ? Number(targets.static_vs_nginx.toFixed(4)) : null,
      cpu_us_per_request: { bare: Number(cpuOf('bare').toFixed(1)), cached: Number(cpuOf('cached').toFixed(1)), uncached: Number(cpuOf('uncached').toFixed(0)) },
      article_bytes: articleWire,
      home_bytes: homeWire,
      rss_mb: Math.round(rss.rssMb),
      rss_peak_mb: Math.round(rss.peakMb),
      rss_uncached_mb: Math.round(rssUncached.rssMb),
      cold_start_first_byte_ms: Math.round(cold.firstByteMs),
      cold_start_ms: Math.round(cold.coldStartMs),
      cold_start_runs_ms: restarts.map((r) => Math.round(r.coldStartMs)),
      cold_start_no_snapshot_ms: Math.round(first.coldStartMs),
      errors: Object.fromEntries(cases.map((c) => [c.name, fig(c.name)!.errors])),
    };
    console.log(JSON.stringify(json));
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
