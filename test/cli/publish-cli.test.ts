import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const env = { ...process.env, MASTHEAD_PORT: '', MASTHEAD_REDIS_URL: '', MASTHEAD_DATABASE_URL: '' };
const root = mkdtempSync(join(tmpdir(), 'mh-publish-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function masthead(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('masthead publish', () => {
  it('refuses a file where the folder should be, with one line and exit code 2', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const { code, stderr } = await masthead('publish', '--out', file, '--data', join(root, 'refused'));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^masthead: Cannot publish to .*a-file: it is a file, not a folder$/m);
  }, 120_000);

  it('publishes, then writes nothing on a second run, and says so', async () => {
    const data = join(root, 'site');
    const out = join(root, 'out');
    const file = join(root, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'p1', title: 'Published from the command line', body: 'Hello.', category: 'News' })}\n`);
    expect((await masthead('import', file, '--data', data, '--no-images')).code).toBe(0);
    const first = await masthead('publish', '--out', out, '--data', data, '--base-url', 'https://news.example');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Published: \d+ written, 0 unchanged, 0 removed in \d+ ms/);
    expect(readFileSync(join(out, 'articles', 'published-from-the-command-line', 'index.html'), 'utf8')).toContain('https://news.example/articles/published-from-the-command-line');
    const second = await masthead('publish', '--out', out, '--data', data, '--base-url', 'https://news.example');
    expect(second.stdout).toMatch(/^Published: 0 written, \d+ unchanged, 0 removed/);
  }, 120_000);

  it('--watch picks up another process\'s import within seconds and stops cleanly on Ctrl-C', async () => {
    const data = join(root, 'watched');
    const out = join(root, 'watched-out');
    const child = spawn(process.execPath, [bin, 'publish', '--out', out, '--data', data, '--watch'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await until(() => stdout.includes('Watching for changes'), 'the watch to start');
      const file = join(root, 'watched.jsonl');
      writeFileSync(file, `${JSON.stringify({ id: 'w1', title: 'Seen by the watcher', body: 'Hello.' })}\n`);
      expect((await masthead('import', file, '--data', data, '--no-images')).code).toBe(0);
      // Without Redis, the publishing process's store watcher finds the other process's write.
      await until(() => existsSync(join(out, 'articles', 'seen-by-the-watcher', 'index.html')), 'the imported article to be published');
      await until(() => /Published (changes|whole site): [1-9]\d* written/.test(stdout), 'the run to report');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
