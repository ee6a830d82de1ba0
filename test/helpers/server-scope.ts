import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ServerProcess } from '../../bench/lib/counters-process.js';

/**
 * A temporary folder for a suite that runs real server processes, and the list those processes go
 * in: after the suite every one still running is killed and the folder removed.
 */
export function serverScope(prefix: string): { root: string; servers: ServerProcess[] } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL', 1000).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });
  return { root, servers };
}
