import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { FrontHandler } from '../front-door.js';
import type { PageCache } from './page-cache.js';
import { writePage } from './send-page.js';

/**
 * Cached pages answered in front of Fastify. Pages are kept under the URL their route answers
 * (path and the canonical query), so a request for exactly that URL is answered from the cache
 * with the page's ready header list (security headers included) and bytes; a miss, a stale copy
 * past its grace, any other method or a closing server go to the router, which renders and keeps
 * the page. A copy past its freshness is still answered here while it re-renders in the background.
 */
export function pageFastPath(app: FastifyInstance, cache: PageCache): FrontHandler {
  let closing = false;
  // Fastify answers with `Connection: close` once it is closing; requests then go to it.
  app.addHook('preClose', async () => {
    closing = true;
  });
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (closing || (req.method !== 'GET' && req.method !== 'HEAD') || req.url === undefined) return false;
    const page = cache.peek(req.url);
    if (!page) return false;
    writePage(req, res, page);
    return true;
  };
}
