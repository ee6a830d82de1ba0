/**
 * The baselines for `npm run bench:counters`: what legacy CMSs do, one
 * `UPDATE articles SET view_count = view_count + 1` per view, as a minimal Fastify route
 * through the same Kysely layer Masthead uses, on a copy of the same SQLite database.
 *   node --import tsx bench/lib/counters-naive-server.ts DATA_DIR PORT [durable|wal|ceiling]
 * `durable` (the default): SQLite's own defaults, a rollback journal and synchronous = FULL, so
 *   every UPDATE is a durable commit (fsyncs before the answer), as in a naive CMS on MySQL with
 *   its default innodb_flush_log_at_trx_commit = 1, or on SQLite out of the box.
 * `wal`: Masthead's own tuning (WAL, synchronous = NORMAL: no fsync per commit), for context.
 * `ceiling`: answers without touching the database at all: the most a one-request-per-view
 *   Fastify endpoint can do on this machine (HTTP alone).
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import Fastify from 'fastify';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../../src/storage/schema.js';
import { openSqlite } from '../../src/storage/sqlite/sqlite-database.js';

const [dataDir, port, mode = 'durable'] = process.argv.slice(2);
if (!dataDir || !port || !['durable', 'wal', 'ceiling'].includes(mode)) throw new Error('usage: counters-naive-server.ts DATA_DIR PORT [durable|wal|ceiling]');

function openDefaults(dir: string): Kysely<Database> {
  const sqlite = new Sqlite(join(dir, 'masthead.db'));
  // The copied file is in WAL mode (which persists); put it back to SQLite's default journal.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

const db = mode === 'durable' ? openDefaults(dataDir) : openSqlite(dataDir);
const settings = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);

const app = Fastify({ logger: false, bodyLimit: 1024 });
app.post<{ Params: { id: string } }>('/articles/:id/views', async (request, reply) => {
  if (mode === 'ceiling') return { counted: true };
  const result = await db.updateTable('articles').set({ view_count: sql`view_count + 1` }).where('id', '=', Number(request.params.id)).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return reply.code(404).send({ counted: false });
  return { counted: true };
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`naive counter listening on ${port} (${mode}: journal_mode=${settings.rows[0]?.journal_mode}, synchronous=${sync.rows[0]?.synchronous})\n`);
const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
