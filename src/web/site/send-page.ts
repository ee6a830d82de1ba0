import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage } from './cached-page.js';

/** Answers with a cached page through Fastify: a 304 when the client's copy is current, else the best encoding it accepts. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const h = request.headers;
  if (page.notModified(h['if-none-match'], h['if-modified-since'])) return reply.code(304).headers(page.notModifiedHeaders()).send();
  const encoding = page.encodingFor(h['accept-encoding']);
  return reply.headers(page.headers(encoding)).send(page.bodies[encoding]);
}

/** The same answer written straight to Node's response, for the page fast path. */
export function writePage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const h = req.headers;
  if (page.notModified(h['if-none-match'], h['if-modified-since'])) {
    res.writeHead(304, page.notModifiedHeaderList());
    res.end();
    return;
  }
  const encoding = page.encodingFor(h['accept-encoding']);
  res.writeHead(200, page.headerList(encoding));
  if (req.method === 'HEAD') res.end();
  else res.end(page.bodies[encoding]);
}
