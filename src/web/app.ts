import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { isAppError } from '../errors.js';
import { errorStatus } from './error-status.js';
import { siteRoutes, type SiteRoutesOptions } from './site/site-routes.js';
import { counterRoutes, type CounterLimits } from './site/counter-routes.js';
import { installBeaconFastPath, type BeaconFastPathStats } from './site/beacon-fast-path.js';
import { CounterRateLimits } from '../counters/counter-limits.js';
import { searchRoutes } from './site/search-routes.js';
import { feedRoutes } from './feeds/feed-routes.js';
import type { SyndicationService } from '../services/syndication-service.js';
import { ErrorPage } from './views/error-view.js';
import { renderPage } from './views/render.js';
import { viewContext } from './site/view-context.js';
import type { SiteService } from '../services/site-service.js';

export interface AppOptions extends SiteRoutesOptions {
  site: SiteService;
  syndication: SyndicationService;
  logger?: boolean | { level: string };
  trustProxy?: boolean;
  /** Rate limits of the counting and reaction endpoints (defaults in counter-routes.ts). */
  counterLimits?: Partial<CounterLimits> | undefined;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    /** What the view beacon's fast path answered itself and what it handed to the routes. */
    beaconFastPath: BeaconFastPathStats;
  }
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return request.url.startsWith('/api/') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/** Builds the Fastify application: security headers, cookies, static assets, routes, errors. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // Proxies and CDNs may add a trailing slash; the same page answers either way.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The site is plain HTTP on loopback by default; HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
  });
  await app.register(cookie, { secret: opts.secret });
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h', index: false });

  const renderError = async (request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) => {
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.send({ error: code, message, statusCode: status });
    const ctx = await viewContext(opts.site).catch(() => undefined);
    if (!ctx) return reply.type('text/plain; charset=utf-8').send(message);
    return reply.type('text/html; charset=utf-8').send(renderPage(ErrorPage({ ctx, status, detail: message, path: request.url.split('?')[0] ?? '/' })));
  };

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return renderError(request, reply, errorStatus[error.code], error.code, error.message);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own 4xx: malformed JSON, body too large, unsupported media type.
      const code = error.statusCode === 413 ? 'MH_ERR_PAYLOAD_TOO_LARGE' : error.statusCode === 429 ? 'MH_ERR_RATE_LIMITED' : 'MH_ERR_BAD_REQUEST';
      return renderError(request, reply, error.statusCode, code, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return renderError(request, reply, 500, 'MH_ERR_INTERNAL', 'Internal error');
  });

  app.setNotFoundHandler(async (request, reply) =>
    renderError(request, reply, 404, 'MH_ERR_NOT_FOUND', `Nothing at ${request.url.split('?')[0]}`));

  await app.register(siteRoutes, opts);
  // The view beacon is answered in front of Fastify when it has its usual shape (same rules, same
  // answer, same rate-limit windows as the route); see beacon-fast-path.ts.
  const counterLimits = new CounterRateLimits(opts.counterLimits);
  await app.register(counterRoutes, { counters: opts.counters, site: opts.site, limits: counterLimits });
  app.decorate('beaconFastPath', installBeaconFastPath(app, { counters: opts.counters, limits: counterLimits, trustProxy: opts.trustProxy ?? false }));
  await app.register(searchRoutes, { pages: opts.pages, site: opts.site });
  await app.register(feedRoutes, { syndication: opts.syndication, cache: opts.pageCache });
  return app;
}
