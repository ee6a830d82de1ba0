import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses other than 2xx/3xx. */
  errors: number;
  requests: number;
  bytesPerRequest: number;
}

/** True when `wrk` is on the PATH (Debian package `wrk`). */
export async function hasWrk(): Promise<boolean> {
  return run('wrk', ['--version']).then(() => true, (err: { stdout?: string }) => /^wrk /.test(err.stdout ?? ''));
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/**
 * Runs `wrk -t1 -c<connections> -d<seconds>s --latency` against one URL or, with `paths`, a
 * random path from the list per request (a Lua script, seeded), and parses its summary.
 */
export async function wrk(base: string, options: { paths?: readonly string[]; seconds?: number; connections?: number; headers?: Record<string, string> } = {}): Promise<WrkResult> {
  const args = ['-t1', `-c${options.connections ?? 50}`, `-d${options.seconds ?? 5}s`, '--latency'];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (options.paths) {
    const script = join(tmpdir(), `mh-wrk-${process.pid}-${Math.random().toString(36).slice(2)}.lua`);
    writeFileSync(script, [
      'local paths = {', ...options.paths.map((p) => `  ${JSON.stringify(p)},`), '}',
      'math.randomseed(42)',
      'request = function() return wrk.format("GET", paths[math.random(#paths)]) end',
      '',
    ].join('\n'));
    args.push('-s', script);
  }
  args.push(base);
  const { stdout } = await run('wrk', args, { maxBuffer: 16 * 1024 * 1024 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN);
  const read = /requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read/.exec(stdout);
  const bytes = read ? Number(read[1]) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[read[2]!]! : NaN;
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s|m)`).exec(stdout);
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p50Ms: pct('50'), p99Ms: pct('99'), errors, requests, bytesPerRequest: bytes / requests };
}
