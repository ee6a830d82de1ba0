import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'bin/masthead.js');
const RELATED_PLACES = 10;

export interface ColdStartOptions {
  /** The site's data folder (`--data`). */
  dataDir: string;
  /** Extra environment for the server (e.g. MASTHEAD_RELATED_SNAPSHOT=off). */
  env?: Record<string, string>;
  /** The article page polled until its lists are the engines' own. */
  articleSlug: string;
  /** Pages requested after the start before RSS is read (default: the article and the home page, a few times each). */
  warmupPaths?: string[];
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
}

export interface ColdStart {
  /** Spawn → the article page answers with the engines' lists (Related full, Ranking and Recommendation shown). */
  coldStartMs: number;
  /** Spawn → the first HTTP answer of any kind (the server listens). */
  firstByteMs: number;
  /** The server's resident set (VmRSS) after the warm-up requests, MB. */
  rssMb: number;
  /** The slowest answer to the polled page between the first byte and ready (how well pages answer while the engines load). */
  slowestWhileLoadingMs: number;
  /** The server's log, for when something went wrong. */
  output: string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The inner HTML of `<section id="…">…</section>` (sections do not nest on an article page). */
function section(html: string, id: string): string {
  const from = html.indexOf(`<section id="${id}"`);
  if (from < 0) return '';
  const to = html.indexOf('</section>', from);
  return html.slice(from, to < 0 ? undefined : to);
}

const items = (html: string): number => html.split('<li').length - 1;

/**
 * True when the page's lists come from the engines: the page says data-lists="ready" (while the
 * engines load it says "loading" and shows fallbacks), Related has all its places and the Ranking
 * and Recommendation lists are not empty.
 */
export function listsAreFull(html: string): boolean {
  return html.includes('data-lists="ready"')
    && items(section(html, 'related')) >= RELATED_PLACES
    && items(section(html, 'ranking')) > 0
    && items(section(html, 'recommended')) > 0;
}

function rssMbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawns `masthead serve` on a site, polls an article page until its lists are the engines' own,
 * warms it up, reads its RSS and stops it with SIGTERM (which also writes the Related snapshot).
 */
export async function measureColdStart(options: ColdStartOptions): Promise<ColdStart> {
  const port = await freePort();
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const articlePath = `/articles/${encodeURIComponent(options.articleSlug)}`;
  const started = performance.now();
  // The bin itself, as an install runs it: its first line gives node the flags it serves with.
  const child = spawn(BIN, ['serve', '--data', options.dataDir, '--port', String(port), '--no-demo'], {
    env: { ...process.env, MASTHEAD_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    let firstByteMs = NaN;
    let coldStartMs = NaN;
    let slowestWhileLoadingMs = 0;
    const deadline = started + (options.timeoutMs ?? 120_000);
    while (Number.isNaN(coldStartMs)) {
      if (gone) throw new Error(`the server exited before its lists were ready:\n${output}`);
      if (performance.now() > deadline) throw new Error(`no full lists within ${options.timeoutMs ?? 120_000} ms:\n${output.slice(-2000)}`);
      try {
        const asked = performance.now();
        const res = await fetch(url(articlePath), { signal: AbortSignal.timeout(10_000) });
        if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
        const html = await res.text();
        slowestWhileLoadingMs = Math.max(slowestWhileLoadingMs, performance.now() - asked);
        if (res.status === 200 && listsAreFull(html)) coldStartMs = performance.now() - started;
        else if (res.status !== 200 && res.status !== 503) throw new Error(`${articlePath} answered ${res.status}`);
        else await sleep(10);
      } catch (err) {
        if ((err as Error).message.includes('answered')) throw err;
        await sleep(10); // not listening yet
      }
    }
    for (const path of options.warmupPaths ?? Array.from({ length: 20 }, (_, i) => (i % 2 ? '/' : articlePath))) {
      await (await fetch(url(path))).arrayBuffer();
    }
    const rssMb = rssMbOf(child.pid!);
    await stop();
    // The log is complete only once the server has exited (its shutdown writes the snapshot).
    return { coldStartMs, firstByteMs, rssMb, slowestWhileLoadingMs, output };
  } finally {
    await stop();
  }

  async function stop(): Promise<void> {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * bin/masthead.js runs the compiled build when it is fresh, as a production install would: makes
 * it so (`npm run build` when dist/ is missing or older than a source), then loads it once, so no
 * measured start pays for reading cold files.
 */
export function ensureFreshBuild(): void {
  const root = join(import.meta.dirname, '../..');
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true })
    .reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const built = join(root, 'dist/src/cli.js');
  if (!existsSync(built) || statSync(built).mtimeMs <= newest(join(root, 'src'))) {
    console.log('building dist/ (npm run build) so the server starts from JavaScript');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  spawnSync(process.execPath, [join(root, 'bin/masthead.js'), '--help'], { stdio: 'ignore' });
}
