import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { measureColdStart } from '../../bench/lib/cold-start.js';
import { openStorage } from '../../src/storage/open-storage.js';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const fixture = new URL('../fixtures/huffpost_tiny300.jsonl', import.meta.url).pathname;

// The whole path through real processes: `masthead serve` ignores a damaged snapshot with one
// line and builds from the store, writes a sound one when SIGTERM stops it, and the next start
// restores that one — each time the article page ends up with the engines' full lists.
describe('masthead serve across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mh-serve-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { MASTHEAD_REDIS_URL: '', MASTHEAD_DATABASE_URL: '' };

  it('rebuilds past a damaged snapshot, writes one on SIGTERM, and restores it next time', async () => {
    const imported = await run(process.execPath, [bin, 'import', fixture, '--data', dataDir, '--no-images'], { env: { ...process.env, ...env }, timeout: 60_000 });
    expect(imported.stdout).toMatch(/300 created/);
    const storage = await openStorage({ dataDir });
    const slug = (await storage.articles.listPublic({ now: Date.now(), limit: 1, countTotal: false })).items[0]!.slug;
    await storage.close();
    writeFileSync(join(dataDir, 'related-index.snapshot'), 'MHSECT01 torn in half');

    const first = await measureColdStart({ dataDir, env, articleSlug: slug, timeoutMs: 100_000 });
    expect(first.output.match(/snapshot .* ignored/g)).toHaveLength(1);
    expect(first.output).toMatch(/related index: wrote 300 articles/);
    expect(first.firstByteMs).toBeLessThanOrEqual(first.coldStartMs);

    const second = await measureColdStart({ dataDir, env, articleSlug: slug, timeoutMs: 100_000 });
    expect(second.output).toMatch(/related index: restored 300 articles/);
    expect(second.output).not.toMatch(/ignored/);
    expect(second.rssMb).toBeGreaterThan(0);
  }, 240_000);
});
