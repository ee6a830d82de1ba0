import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { FrontHandler } from '../front-door.js';
import type { PageCache, Render } from './page-cache.js';
import { writePage } from './send-page.js';

/**
 * Cached pages answered in front of Fastify. Pages are kept under the URL their route answers
 * (path and the canonical query), so a request for exactly that URL is answered from the cache
 * with the page's ready header list (security headers included) and bytes; a copy past its
 * freshness is still answered here while it re-renders in the background.
 *
 * A miss of a URL `renderOf` knows (an article page) is rendered here too, into the cache as
 * the route would, and written the same way: a page that is the same for every reader needs
 * none of Fastify's request cycle (cookies, body parsing, compression on the fly). When that
 * render fails (no such article, a renamed one, the database down), the request goes to the
 * router, whose route answers it as it always does. Any other miss, any other method or a
 * closing server go to the router.
 */
export function pageFastPath(app: FastifyInstance, cache: PageCache, renderOf: (url: string) => Render | undefined = () => undefined): FrontHandler {
  let closing = false;
  // Fastify answers with `Connection: close` once it is closing; requests then go to it.
  app.addHook('preClose', async () => {
    closing = true;
  });
  return (req: IncomingMessage, res: ServerResponse, router: () => void): boolean => {
    if (closing || (req.method !== 'GET' && req.method !== 'HEAD') || req.url === undefined) return false;
    const page = cache.peek(req.url);
    if (page) {
      writePage(req, res, page);
      return true;
    }
    const render = renderOf(req.url);
    if (!render) return false;
    cache.get(req.url, render).then((rendered) => {
      if (rendered && !closing) writePage(req, res, rendered);
      else router();
    }, () => router());
    return true;
  };
}
