/**
 * The baseline of bench:pages: bare Fastify 5 sending saved pages' bytes from memory, with the
 * pages' Content-Type and nothing else. `tsx bare-page-server.ts DIR PORT` keeps every file under
 * DIR in memory under its URL (`DIR/articles/a b` answers `/articles/a%20b`);
 * `tsx bare-page-server.ts FILE PORT` answers every URL with that one file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Fastify from 'fastify';

const [source, port] = process.argv.slice(2);

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
  app.get('/*', async (request, reply) => {
    const body = pages.get(request.url);
    return body ? reply.type('text/html; charset=utf-8').send(body) : reply.code(404).send();
  });
} else {
  const body = readFileSync(source!);
  app.get('/*', async (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`bare page server listening\n`);
