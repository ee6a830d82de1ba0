import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { solidPng } from '../helpers/images.js';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const fixture = new URL('../fixtures/huffpost_tiny300.jsonl', import.meta.url).pathname;

async function masthead(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return mastheadWith({}, ...args);
}

async function mastheadWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, MASTHEAD_PORT: '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('masthead CLI', () => {
  it('lists its commands', async () => {
    const { code, stdout } = await masthead('--help');
    expect(code).toBe(0);
    for (const command of ['serve', 'import', 'related']) expect(stdout).toContain(command);
  });

  it('refuses an invalid port with one line and a non-zero exit', async () => {
    const { code, stderr } = await masthead('serve', '--port', '99999', '--data', mkdtempSync(join(tmpdir(), 'mh-cli-')));
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^masthead: Invalid port/);
  });

  it('refuses an unwritable data folder with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-cli-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const { code, stderr } = await masthead('import', fixture, '--data', join(file, 'data'));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not writable/);
  });

  it('refuses several workers on SQLite, and on PostgreSQL without Redis, with one line each', async () => {
    const sqlite = await masthead('serve', '--workers', '2', '--data', mkdtempSync(join(tmpdir(), 'mh-cli-')));
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr.trim().split('\n')).toHaveLength(1);
    expect(sqlite.stderr).toMatch(/^masthead: --workers 2 needs PostgreSQL \(MASTHEAD_DATABASE_URL\)/);
    const env = { MASTHEAD_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', MASTHEAD_REDIS_URL: '' };
    const refused = await mastheadWith(env, 'serve', '--workers', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^masthead: --workers 3 needs Redis \(MASTHEAD_REDIS_URL\)/);
    const zero = await masthead('serve', '--workers', '0');
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/whole number from 1/);
  });

  it('rejects an unknown option', async () => {
    const { code, stderr } = await masthead('serve', '--colour', 'red');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/unknown option/);
  });

  it('imports cover pictures into the data folder and lists the ones it could not store, importing their articles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-cli-'));
    writeFileSync(join(dir, 'cover.png'), await solidPng(64, 48));
    const file = join(dir, 'pictures.jsonl');
    writeFileSync(file, [{ id: 'p1', title: 'With picture', image: 'cover.png' }, { id: 'p2', title: 'Missing picture', image: 'gone.png' }].map((r) => JSON.stringify(r)).join('\n'));
    const data = join(dir, 'site');
    const out = await masthead('import', file, '--data', data);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/2 created, 0 updated, 0 failed/);
    expect(out.stdout).toMatch(/Images: 1 stored, 1 not \(those articles were imported without a picture\)/);
    expect(out.stdout).toMatch(/line 2: image gone\.png: cannot read gone\.png: ENOENT/);
    expect(readdirSync(join(data, 'media'), { recursive: true }).filter((f) => String(f).endsWith('.avif'))).toHaveLength(1);
    const skipped = await masthead('import', file, '--data', join(dir, 'other'), '--no-images');
    expect(skipped.stdout).toMatch(/2 created/);
    expect(skipped.stdout).not.toMatch(/Images:/);
  });

  it('imports a file, reports bad lines by number, and prints Related lists as JSON lines by import id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-cli-'));
    const bad = join(dir, 'mixed.jsonl');
    writeFileSync(bad, `${JSON.stringify({ id: 'a', title: 'Fine' })}\nnot json\n`);
    const mixed = await masthead('import', bad, '--data', dir);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toMatch(/1 created, 0 updated, 1 failed/);
    expect(mixed.stdout).toMatch(/line 2: invalid JSON/);

    const data = join(dir, 'site');
    const ok = await masthead('import', fixture, '--data', data, '--strip-category');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/300 created, 0 updated, 0 failed, 300 lines/);
    const related = await masthead('related', '--json', '--k', '5', '--data', data);
    expect(related.code).toBe(0);
    const lines = related.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; related: string[] });
    expect(lines).toHaveLength(300);
    for (const line of lines) {
      expect(line.id).toMatch(/^huffpost-/);
      expect(line.related).toHaveLength(5);
      expect(line.related).not.toContain(line.id);
    }
  }, 120_000);
});
