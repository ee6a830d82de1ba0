import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Answers a request in front of Fastify's router and returns true, or returns false to leave it
 * to the router. A handler that took a request may still hand it to the router later, once,
 * through `router` (it could not answer it after all).
 */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse, router: () => void) => boolean;

/**
 * Puts handlers in front of Fastify's router, for the two requests that dominate a news site's
 * traffic and need none of Fastify's request cycle: the view beacon and a cached page. Each
 * decides from the raw request alone and answers exactly as its route would; anything else goes
 * to the router. (`app.inject()` does not pass through here: it calls the router directly.)
 */
export function installFrontDoor(app: FastifyInstance, handlers: readonly FrontHandler[]): void {
  const server = app.server;
  // Fastify's server has one 'request' listener, its router.
  const routers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (routers.length !== 1) {
    app.log.warn(`fast paths not installed: the server has ${routers.length} request listeners`);
    return;
  }
  const router = routers[0]!;
  server.removeListener('request', router);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const toRouter = () => router(req, res);
    for (const handle of handlers) if (handle(req, res, toRouter)) return;
    router(req, res);
  });
}
