#!/usr/bin/env -S node --no-memory-reducer --max-semi-space-size=8
// --no-memory-reducer: V8 otherwise shrinks an idle process's heap to its live size, and a server
// whose live heap is large (the Related index, the caches) then meets its next burst of traffic
// with limits that make it collect the whole heap again and again for minutes: cached pages at
// 0.84-0.94 of their speed after an idle spell, 0.97-1.02 with the flag (docs/performance.md).
// --max-semi-space-size=8 (MB, half of Node's default): a heap that is no longer shrunk keeps its
// young generation at the largest size it reached; half of it costs no speed here and takes
// 30-45 MB off the server's RSS (decision 020). V8 flags must be given when node starts;
// `npm start` runs this file as a command too, and `masthead serve` says so when it was started
// without them.
// Runs the compiled build (`npm run build`) when it is newer than every source file: a start
// then loads plain JavaScript, about half a second sooner on a small server. Otherwise (a fresh
// clone, a source edited since the build) it runs the TypeScript sources through tsx, so no build
// step is ever needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/src/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = process.env.MASTHEAD_FROM_SOURCE !== '1' && existsSync(built) && statSync(built).mtimeMs > newestSource(join(root, 'src'));
let main;
if (fresh) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig by path: found from the working folder, a command run elsewhere (cron,
  // systemd) would compile the views without their JSX settings.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  ({ main } = await import('../src/cli.ts'));
}
await main(process.argv);
