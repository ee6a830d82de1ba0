import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { serverScope } from '../helpers/server-scope.js';
import { freePort, startMasthead } from '../../bench/lib/counters-process.js';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A `masthead import` from the command line into a running server's database: the server has no
// way to hear it but its store watcher (no Redis here), and must serve the new section without a restart.
for (const dialect of DIALECTS) {
  describe(`a CLI import into a running server on ${dialect}`, () => {
    const scope = serverScope(`mh-live-${dialect}-`);
    let db: TestDatabase | undefined;
    afterAll(async () => db?.drop());

    it('serves a section the import created within a few seconds, breadcrumb included', async () => {
      const dataDir = join(scope.root, 'data');
      const env: Record<string, string> = { MASTHEAD_REDIS_URL: '' };
      if (dialect === 'postgres') {
        db = await createTestDatabase('postgres');
        env.MASTHEAD_DATABASE_URL = db.databaseUrl!;
      }
      const server = await startMasthead({ dataDir, port: await freePort(), env });
      scope.servers.push(server);
      expect((await fetch(`${server.url}/category/night-markets`)).status).toBe(404);

      const file = join(scope.root, 'markets.jsonl');
      const record = { id: 'nm-1', title: 'Night market returns to the old harbour', summary: 'Stalls open after dark.', body: 'The night market returns to the old harbour with forty stalls.', category: 'NIGHT MARKETS', date: '2026-05-01' };
      writeFileSync(file, `${JSON.stringify(record)}\n`);
      await run(process.execPath, [bin, 'import', file, '--data', dataDir], { env: { ...process.env, ...env }, timeout: 60_000 });

      await waitFor(async () => (await fetch(`${server.url}/category/night-markets`)).status === 200, 8000);
      const section = await (await fetch(`${server.url}/category/night-markets`)).text();
      expect(section).toContain('Night market returns to the old harbour');
      const article = await (await fetch(`${server.url}/articles/night-market-returns-to-the-old-harbour`)).text();
      const crumbs = /<nav[^>]*aria-label="Breadcrumb"[^>]*>([\s\S]*?)<\/nav>/.exec(article)?.[1] ?? '';
      expect(crumbs).toContain('href="/category/night-markets"');
      // The section keeps the name the source wrote.
      expect(crumbs).toContain('NIGHT MARKETS');
    }, 120_000);
  });
}
