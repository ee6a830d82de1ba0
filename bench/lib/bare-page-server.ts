/**
 * The baseline of bench:pages: bare Fastify 5 sending saved pages from memory.
 * `tsx bare-page-server.ts DIR PORT [HEADERS.json]` keeps every file under DIR in memory under its
 * URL (`DIR/articles/a b` answers `/articles/a%20b`) and answers with the headers HEADERS.json
 * gives for that URL (what Masthead sent with it: the same bytes on the wire), or with the
 * Content-Type only; `tsx bare-page-server.ts FILE PORT` answers every URL with that one file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Fastify from 'fastify';

const [source, port, headersFile] = process.argv.slice(2);

function pagesUnder(dir: string): Map<string, Buffer> {
  const pages = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else pages.set(`/${relative(dir, path).split(sep).map(encodeURIComponent).join('/')}`, readFileSync(path));
    }
  };
  walk(dir);
  return pages;
}

const app = Fastify({ logger: false });
if (statSync(source!).isDirectory()) {
  const pages = pagesUnder(source!);
  const headers = headersFile ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, Record<string, string>>) : {};
  app.get('/*', async (request, reply) => {
    const body = pages.get(request.url);
    if (!body) return reply.code(404).send();
    const own = headers[request.url];
    return (own ? reply.headers(own) : reply.type('text/html; charset=utf-8')).send(body);
  });
} else {
  const body = readFileSync(source!);
  app.get('/*', async (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`bare page server listening\n`);
