/**
 * The baseline for `npm run bench:counters`: what legacy CMSs do, one
 * `UPDATE articles SET view_count = view_count + 1` per view, as a minimal Fastify route on the
 * same kind of SQLite database Masthead uses (opened by the same openSqlite: WAL, synchronous
 * NORMAL), through the same Kysely layer.
 *   node --import tsx bench/lib/counters-naive-server.ts DATA_DIR PORT [same|durable|ceiling]
 * `durable` switches to synchronous = FULL (one fsync per view, like a database that makes
 * every commit durable), for context. `ceiling` answers without touching the database at all:
 * the most a one-request-per-view endpoint can do on this machine (HTTP alone).
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openSqlite } from '../../src/storage/sqlite/sqlite-database.js';

const [dataDir, port, mode] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: counters-naive-server.ts DATA_DIR PORT [same|durable|ceiling]');
const db = openSqlite(dataDir);
if (mode === 'durable') await sql`pragma synchronous = FULL`.execute(db);

const app = Fastify({ logger: false, bodyLimit: 1024 });
app.post<{ Params: { id: string } }>('/articles/:id/views', async (request, reply) => {
  if (mode === 'ceiling') return { counted: true };
  const result = await db.updateTable('articles').set({ view_count: sql`view_count + 1` }).where('id', '=', Number(request.params.id)).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return reply.code(404).send({ counted: false });
  return { counted: true };
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`naive counter listening on ${port} (${mode ?? 'same'})\n`);
const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
