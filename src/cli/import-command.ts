import { SingleBar, Presets } from 'cli-progress';
import { createReadStream } from 'node:fs';
import type { Config } from '../config/config.js';
import { importJsonl } from '../importers/jsonl/import-jsonl.js';
import { openSite } from '../main.js';
import { openMedia } from '../media/open-media.js';

const MAX_PROBLEMS_SHOWN = 20;

/** Counts lines up front so the progress bar has a total (gzip is read twice; it is cheap next to the import). */
async function countLines(file: string): Promise<number> {
  const { createGunzip } = await import('node:zlib');
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  let n = 0;
  let last = 10;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? n : n + 1;
}

/** `masthead import FILE`: imports with a progress bar on a terminal and prints a summary. Returns true when lines failed. */
export async function runImport(config: Config, file: string, options: { stripCategory: boolean; images?: boolean }): Promise<boolean> {
  // The same composition root as the server: with Redis, running servers hear each batch at once.
  const site = await openSite(config);
  const tty = process.stderr.isTTY;
  const bar = tty ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} lines | {eta}s left', stream: process.stderr }, Presets.shades_classic) : undefined;
  try {
    if (bar) bar.start(await countLines(file).catch(() => 0), 0);
    const summary = await importJsonl(file, site.storage, site.articles, {
      stripCategory: options.stripCategory,
      media: options.images === false ? undefined : openMedia(site.storage.media, config),
      onProgress: (lines) => bar?.update(lines),
    });
    bar?.update(summary.lines);
    bar?.stop();
    const out = process.stdout;
    out.write(`Imported ${file}: ${summary.created} created, ${summary.updated} updated, ${summary.failed} failed, ${summary.lines} lines in ${(summary.ms / 1000).toFixed(1)} s\n`);
    for (const p of summary.problems.slice(0, MAX_PROBLEMS_SHOWN)) out.write(`  line ${p.line}: ${p.reason}\n`);
    if (summary.problems.length > MAX_PROBLEMS_SHOWN) out.write(`  … and ${summary.problems.length - MAX_PROBLEMS_SHOWN} more\n`);
    if (summary.images || summary.imageProblems.length) {
      out.write(`Images: ${summary.images} stored, ${summary.imageProblems.length} not (those articles were imported without a picture)\n`);
      for (const p of summary.imageProblems.slice(0, MAX_PROBLEMS_SHOWN)) out.write(`  line ${p.line}: ${p.reason}\n`);
      if (summary.imageProblems.length > MAX_PROBLEMS_SHOWN) out.write(`  … and ${summary.imageProblems.length - MAX_PROBLEMS_SHOWN} more\n`);
    }
    return summary.failed > 0;
  } finally {
    bar?.stop();
    await site.close();
  }
}
