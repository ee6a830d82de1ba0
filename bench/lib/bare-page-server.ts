/**
 * The baseline of bench:pages: bare Fastify 5 sending one page's bytes from memory, with the
 * page's own Content-Type, nothing else. Run as a child process: `tsx bare-page-server.ts FILE PORT`.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const body = readFileSync(file!);
const app = Fastify({ logger: false });
app.get('/*', async (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`bare page server listening\n`);
