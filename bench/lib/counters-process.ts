import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A server running as a child process on 127.0.0.1. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** CPU time (user + system, all threads) the process has used so far, in ms (Linux /proc). */
  cpuMs(): number;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`); resolves with the exit code or signal. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string | null>;
}

// Linux reports process times in clock ticks of 1/100 s (USER_HZ); the benches run on Linux.
const TICK_MS = 10;

/** CPU time used by a process, from /proc/PID/stat (NaN where there is no /proc). */
export function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** `command` is node with its arguments, or the Masthead bin itself (whose first line gives node its flags). */
function start(command: string, args: string[], env: Record<string, string>, port: number, ready: RegExp, timeoutMs: number): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string | null>((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  const handle: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    cpuMs: () => processCpuMs(child.pid),
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolveStart(handle);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Starts `masthead serve` on an empty-or-seeded data folder, without demo content. */
export function startMasthead(options: { dataDir: string; port: number; env?: Record<string, string>; timeoutMs?: number; args?: string[] }): Promise<ServerProcess> {
  // The bin run as an install runs it: its first line passes node the flags it serves with.
  return start(
    resolve(ROOT, 'bin/masthead.js'),
    ['serve', '--data', options.dataDir, '--port', String(options.port), '--host', '127.0.0.1', '--no-demo', ...(options.args ?? [])],
    { MASTHEAD_LOG_LEVEL: 'warn', ...options.env },
    options.port,
    /Masthead is serving/,
    options.timeoutMs ?? 30_000,
  );
}

/** Starts the naive one-UPDATE-per-view server of the bench. */
export function startNaive(options: { dataDir: string; port: number; mode?: 'durable' | 'wal' | 'ceiling'; timeoutMs?: number }): Promise<ServerProcess> {
  return start(
    process.execPath,
    ['--import', 'tsx', resolve(ROOT, 'bench/lib/counters-naive-server.ts'), options.dataDir, String(options.port), options.mode ?? 'durable'],
    {},
    options.port,
    /naive counter listening/,
    options.timeoutMs ?? 30_000,
  );
}
