import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's nginx on a free loopback port, configured from the files in deploy/nginx (so the
 * tests and benchmarks run what the docs tell people to install). No vitest imports: bench/
 * uses it too.
 */
export const NGINX_BIN = process.env.MASTHEAD_NGINX ?? '/usr/sbin/nginx';
export const nginxAvailable = existsSync(NGINX_BIN);

export type NginxMode = 'static' | 'proxy';

export const NGINX_CONF_FILES: Record<NginxMode, URL> = {
  static: new URL('../../deploy/nginx/masthead-static.conf', import.meta.url),
  proxy: new URL('../../deploy/nginx/masthead-proxy.conf', import.meta.url),
};

export interface NginxOptions {
  mode: NginxMode;
  /** The port Masthead listens on (127.0.0.1). */
  upstreamPort: number;
  /** Static mode: the folder `masthead publish --out` wrote. */
  root?: string;
}

export interface RunningNginx {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The generated nginx.conf (for a failing test's message). */
  config: string;
  /** What nginx wrote to its error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on at the moment of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Replaces `from` by `to` in the file's text; a missing `from` means the file changed under the test: fail loudly. */
function substitute(text: string, from: string, to: string, file: string): string {
  if (!text.includes(from)) throw new Error(`${file} no longer contains "${from}"; update test/helpers/nginx.ts`);
  return text.split(from).join(to);
}

/** The site file of `mode` as the docs give it, with this run's ports, folders and temp paths. */
export function nginxConfig(options: NginxOptions, port: number, work: string): string {
  const file = NGINX_CONF_FILES[options.mode];
  let site = readFileSync(file, 'utf8');
  site = substitute(site, 'listen 80;', `listen 127.0.0.1:${port};`, file.pathname);
  site = substitute(site, 'server 127.0.0.1:3000;', `server 127.0.0.1:${options.upstreamPort};`, file.pathname);
  if (options.mode === 'static') {
    if (!options.root) throw new Error('static mode needs the published folder as root');
    site = substitute(site, 'root /var/www/masthead;', `root ${options.root};`, file.pathname);
  } else {
    site = substitute(site, '/var/cache/nginx/masthead', join(work, 'cache'), file.pathname);
  }
  // As root, the workers would drop to "nobody" and could not read a private temp folder.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `${user}daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')} warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path ${join(work, 'body')};
    proxy_temp_path ${join(work, 'proxy')};
    fastcgi_temp_path ${join(work, 'fastcgi')};
    uwsgi_temp_path ${join(work, 'uwsgi')};
    scgi_temp_path ${join(work, 'scgi')};
${site}
}
`;
}

async function waitForListening(port: number, child: ChildProcess, errorLog: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}): ${errorLog()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/.masthead-probe`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nginx did not listen on ${port} within ${timeoutMs} ms: ${errorLog()}`);
}

/** Starts nginx (`daemon off`, its own prefix, pid file, temp folders and error log in a temp folder). */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  if (!nginxAvailable) throw new Error(`nginx is not installed at ${NGINX_BIN}`);
  const work = mkdtempSync(join(tmpdir(), 'masthead-nginx-'));
  const port = await freePort();
  const config = nginxConfig(options, port, work);
  const confPath = join(work, 'nginx.conf');
  writeFileSync(confPath, config);
  const logPath = join(work, 'error.log');
  const errorLog = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '') + stderr;
  let stderr = '';
  // -e: the error log before the configuration is read (else /var/log/nginx, which may not be writable).
  const child = spawn(NGINX_BIN, ['-p', `${work}/`, '-c', confPath, '-e', logPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForListening(port, child, errorLog, 20_000);
  } catch (err) {
    // SIGTERM, not SIGKILL: the master takes its workers with it.
    child.kill('SIGTERM');
    await exited;
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config,
    errorLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: a graceful stop (workers finish their requests); SIGKILL if that hangs.
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
