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

/**
 * A request header read from the raw list as `req.headers` would give it: repeated ones joined
 * with commas, or (`first`) the first kept, as Node does for a date such as If-Modified-Since.
 * `req.headers` builds an object of every header on first use, which a cache hit would pay for
 * three values.
 */
export function rawHeader(raw: readonly string[], name: string, first = false): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const field = raw[i]!;
    if (field.length !== name.length || field.toLowerCase() !== name) continue;
    if (value === undefined) value = raw[i + 1]!;
    else if (first) break;
    else value = `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The same answer written straight to Node's response, for the page fast path. */
export function writePage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const raw = req.rawHeaders;
  if (page.notModified(rawHeader(raw, 'if-none-match'), rawHeader(raw, 'if-modified-since', true))) {
    res.writeHead(304, page.notModifiedHeaderList());
    res.end();
    return;
  }
  const encoding = page.encodingFor(rawHeader(raw, 'accept-encoding'));
  res.writeHead(200, page.headerList(encoding));
  if (req.method === 'HEAD') res.end();
  else res.end(page.bodies[encoding]);
}
