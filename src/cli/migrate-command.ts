import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { copySiteToPostgres, type TableCopy } from '../storage/copy-site.js';
import { openStorage } from '../storage/open-storage.js';
import { openPostgres } from '../storage/postgres/postgres-database.js';

/** host:port/database of a PostgreSQL URL, never its password. */
function shownTarget(url: URL): string {
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ').trimEnd();
}

/**
 * `masthead migrate --to postgres://… [--data DIR]`: copies the SQLite site in DIR into an empty
 * PostgreSQL database and prints, per table, the rows and checksum on each side. Everything is
 * one transaction on the target, so a failure (or a refusal) leaves it as it was.
 */
export async function runMigrate(config: Config, to: string, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<TableCopy[]> {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new AppError('MH_ERR_CONFIG', `--to must be a postgres:// URL (got ${JSON.stringify(to)})`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new AppError('MH_ERR_CONFIG', `--to must be a postgres:// URL (got ${url.protocol}//…)`);
  if (!url.pathname || url.pathname === '/') throw new AppError('MH_ERR_CONFIG', '--to must name the database (postgres://host/DATABASE)');
  const file = join(config.dataDir, 'masthead.db');
  // Opening a folder with no site would create an empty one and copy nothing.
  if (!existsSync(file)) throw new AppError('MH_ERR_CONFIG', `No Masthead site in ${config.dataDir} (${file} not found); give the site's folder with --data`);

  const targetName = shownTarget(url);
  const source = await openStorage({ dataDir: config.dataDir });
  const target = openPostgres(to, { max: 1, onConnectionError: () => {} });
  try {
    try {
      await target.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    } catch (err) {
      const code = (err as { code?: string }).code;
      const reason = code === '3D000' ? 'no such database (create it first)' : code === 'ECONNREFUSED' ? 'connection refused' : (err as Error).message;
      throw new AppError('MH_ERR_CONFIG', `${targetName}: ${reason}`);
    }
    const widths = [20, 11, 11, 16, 16];
    const copies = await copySiteToPostgres(source.db as never, target as never, {
      targetName,
      onStart: () => {
        out(`Copying the SQLite site in ${config.dataDir} to ${targetName}`);
        out(row(['table', 'source rows', 'target rows', 'source checksum', 'target checksum'], widths));
      },
      onTable: (c) => out(row([c.table, c.sourceRows, c.targetRows, c.sourceChecksum, c.targetChecksum], widths)),
    });
    const rows = copies.reduce((n, c) => n + c.sourceRows, 0);
    out(`Copied ${rows} rows in ${copies.length} tables; every count and checksum matches.`);
    out('Search needs no copy: PostgreSQL indexes the copied articles itself.');
    const media = resolve(config.mediaDir ?? join(config.dataDir, 'media'));
    out(`Image files stay in ${media}: serve the PostgreSQL site with the same --data folder or MASTHEAD_MEDIA_DIR=${media}.`);
    return copies;
  } finally {
    await target.destroy();
    await source.close();
  }
}
