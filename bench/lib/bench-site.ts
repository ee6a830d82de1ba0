import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/masthead.js');
/** Written last: a folder without it is a build that was interrupted, and is built again. */
const MARKER = 'bench-site.json';

export interface BenchSite {
  dataDir: string;
  articles: number;
  corpora: string[];
  /** Seconds spent importing (0 when the cached site was reused). */
  importSeconds: number;
}

/** The article corpora of a corpus folder (every `.jsonl` / `.jsonl.gz` except MIND's behaviour log). */
export function articleCorpora(corpusDir: string): string[] {
  return readdirSync(corpusDir)
    .filter((f) => /\.jsonl(\.gz)?$/.test(f) && !f.includes('behaviors'))
    .sort()
    .map((f) => join(corpusDir, f));
}

/**
 * One site holding every corpus, imported with `masthead import` (as an operator would), kept
 * in `dir` between runs: a complete folder (its marker lists the same corpora) is reused.
 */
export function ensureBenchSite(dir: string, corpusDir: string, log: (line: string) => void = () => {}): BenchSite {
  const corpora = articleCorpora(corpusDir);
  const names = corpora.map((f) => f.slice(corpusDir.length + 1));
  const marker = join(dir, MARKER);
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { articles: number; corpora: string[] };
    if (JSON.stringify(saved.corpora) === JSON.stringify(names)) return { dataDir: dir, articles: saved.articles, corpora: names, importSeconds: 0 };
    log(`${dir} holds other corpora; building it again`);
  }
  const building = mkdtempSync(`${dir}.building-`);
  const started = performance.now();
  let articles = 0;
  for (const file of corpora) {
    log(`importing ${file}`);
    const run = spawnSync(process.execPath, [BIN, 'import', file, '--data', building, '--no-images'], { encoding: 'utf8', env: { ...process.env, MASTHEAD_REDIS_URL: '', MASTHEAD_DATABASE_URL: '' } });
    if (run.status !== 0 && !/created/.test(run.stdout)) throw new Error(`import of ${file} failed: ${run.stderr || run.stdout}`);
    const created = /: (\d+) created/.exec(run.stdout);
    articles += created ? Number(created[1]) : 0;
    log(run.stdout.split('\n')[0] ?? '');
  }
  const importSeconds = (performance.now() - started) / 1000;
  writeFileSync(join(building, MARKER), JSON.stringify({ articles, corpora: names }) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dataDir: dir, articles, corpora: names, importSeconds };
}
