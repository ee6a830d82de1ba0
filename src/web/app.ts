import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { AppError, ERROR_CODES, isAppError } from '../errors.js';
import { sendPage } from './site/send-page.js';
import { isServiceUnavailable } from '../storage/service-faults.js';
import { errorJson, errorStatus } from './error-status.js';
import { siteRoutes, type SiteRoutesOptions } from './site/site-routes.js';
import { counterRoutes } from './site/counter-routes.js';
import { beaconFastPath, type BeaconFastPathStats } from './site/beacon-fast-path.js';
import { pageFastPath } from './site/page-fast-path.js';
import { articlePages, articleSlugOf } from './site/article-page.js';
import { installFrontDoor } from './front-door.js';
import { siteAssets } from './assets.js';
import { lazySchemaCompilers } from './schema-compilers.js';
import { SECURITY_HEADERS, securityHeaders } from './security-headers.js';
import { ViewBeacon } from './site/view-beacon.js';
import { trustFunction, type TrustProxySetting } from './trust-proxy.js';
import { searchRoutes } from './site/search-routes.js';
import { feedRoutes } from './feeds/feed-routes.js';
import { mediaRoutes } from './media/media-routes.js';
import { faviconRoutes } from './site/favicon-routes.js';
import type { MediaService } from '../media/media-service.js';
import { adminRoutes, type AdminRoutesOptions } from './admin/admin-routes.js';
import type { SyndicationService } from '../services/syndication-service.js';
import { ErrorPage } from './views/error-view.js';
import { renderPage } from './views/render.js';
import { viewContext } from './site/view-context.js';
import type { SiteService } from '../services/site-service.js';

export interface AppOptions extends Omit<SiteRoutesOptions, 'articlePages'> {
  /** Key that signs cookies. */
  secret: string;
  site: SiteService;
  syndication: SyndicationService;
  /** Serves image variants at /media/ (uploads: media-upload-routes.ts, registered with accounts). */
  media?: MediaService | undefined;
  logger?: boolean | { level: string };
  /** Socket timeouts (config): a client may take this long to send its request, and its headers. */
  timeouts?: { requestMs: number; headersMs: number; keepAliveMs: number } | undefined;
  /** Which proxies in front may report the client (config.trustProxy). */
  trustProxy?: TrustProxySetting;
  /** The newsroom under /admin. */
  admin: Pick<AdminRoutesOptions, 'accounts' | 'newsroom' | 'pages' | 'taxonomy' | 'frontPage'>;
}

/** Protective headers for answers Fastify gives before any hook runs (a malformed URL). */
const EARLY_ANSWER_HEADERS = SECURITY_HEADERS;

/** Defaults: long enough for a phone on a slow network, short enough that stalled sockets do not pile up. */
const DEFAULT_TIMEOUTS = { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 72_000 };

/**
 * What Node's HTTP parser refuses before any route runs (malformed request line, headers too
 * large, a timeout): a plain answer that carries the same protective headers as pages.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[status];
  const body = `${reason}\n`;
  socket.end([
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'X-Frame-Options: SAMEORIGIN',
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'self'",
    'Referrer-Policy: no-referrer',
    'Connection: close',
    '',
    body,
  ].join('\r\n'));
}

/** Seconds a 503 asks the client to wait: about how long a database restart or failover takes. */
const UNAVAILABLE_RETRY_S = 5;

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
  const trust = trustFunction(opts.trustProxy ?? false);
  // Assigned below, once the app exists; the framework-error hook above calls it.
  let renderError: (request: FastifyRequest, reply: FastifyReply, status: number, code: Parameters<typeof errorJson>[0], message: string) => Promise<FastifyReply>;
  const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: opts.logger === undefined || opts.logger === false ? false : {
      ...(opts.logger === true ? {} : opts.logger),
      // The docs promise no raw client address is stored: request logs carry none.
      serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0] }) },
    },
    // A client that sends its request slowly (half a body, headers a byte a second) is cut off
    // instead of holding a socket for ever; Node checks every second (its default is 30 s).
    // Two log lines per request cost more than serving a cached page; at debug level they are written.
    logController: new LogController({ disableRequestLogging: !(typeof opts.logger === 'object' && ['debug', 'trace'].includes(opts.logger.level)) }),
    schemaController: { compilersFactory: lazySchemaCompilers },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: 1000 },
    clientErrorHandler: answerClientError,
    // A malformed URL (bad percent-encoding, an over-long parameter) is refused by the router
    // before the hooks that add security headers; it gets them here, and the site's 400 page.
    frameworkErrors: (error, request, reply) => {
      reply.headers(EARLY_ANSWER_HEADERS);
      void renderError(request, reply, 400, 'MH_ERR_BAD_REQUEST', error.message);
    },
    // A function, not the setting: the beacon's fast path resolves the client with the same one.
    ...(trust ? { trustProxy: trust } : {}),
    bodyLimit: 64 * 1024,
    // Proxies and CDNs may add a trailing slash; the same page answers either way.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
  });

  // helmet's headers, computed once (security-headers.ts).
  await app.register(securityHeaders);
  // Answers rendered per request (search, JSON, the admin) are compressed as they go; cached
  // pages carry their compressed bodies already and set Content-Encoding, which this leaves alone.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(cookie, { secret: opts.secret });
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  renderError = async (request: FastifyRequest, reply: FastifyReply, status: number, code: Parameters<typeof errorJson>[0], message: string) => {
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.send(errorJson(code, message, status));
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
    if (isServiceUnavailable(error)) {
      // A restart or failover of the database: say so, and when to come back, instead of a 500.
      request.log.warn({ err: error }, 'database unreachable');
      reply.header('retry-after', String(UNAVAILABLE_RETRY_S));
      return renderError(request, reply, 503, 'MH_ERR_UNAVAILABLE', ERROR_CODES.MH_ERR_UNAVAILABLE);
    }
    request.log.error({ err: error }, 'request failed');
    return renderError(request, reply, 500, 'MH_ERR_INTERNAL', 'Internal error');
  });

  app.setNotFoundHandler(async (request, reply) =>
    renderError(request, reply, 404, 'MH_ERR_NOT_FOUND', `Nothing at ${request.url.split('?')[0]}`));

  // Through the router too (app.inject, and a path the front door did not take).
  app.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
    const asset = siteAssets.at(request.url.split('?')[0]!);
    if (!asset) throw new AppError('MH_ERR_NOT_FOUND', `No asset at ${request.url.split('?')[0]}`);
    return sendPage(request, reply, asset);
  });
  const articles = articlePages(opts.pages, opts.site);
  await app.register(siteRoutes, { ...opts, articlePages: articles });
  await app.register(faviconRoutes, { logoPath: join(siteAssets.dir, 'logo.svg') });
  // The view beacon is answered in front of Fastify when it has its usual shape (same rules, same
  // answer, same rate-limit windows as the route); see beacon-fast-path.ts.
  const beacon = new ViewBeacon(opts.counters);
  await app.register(counterRoutes, { counters: opts.counters, site: opts.site, beacon });
  const beaconFront = beaconFastPath(app, { beacon, trust });
  app.decorate('beaconFastPath', beaconFront.stats);
  await app.register(searchRoutes, { pages: opts.pages, site: opts.site });
  await app.register(feedRoutes, { syndication: opts.syndication, cache: opts.pageCache });
  if (opts.media) await app.register(mediaRoutes, { media: opts.media });
  await app.register(adminRoutes, { ...opts.admin, site: opts.site, secret: opts.secret, media: opts.media });
  // The view beacon, cached pages and assets are answered in front of the router (front-door.ts).
  installFrontDoor(app, [beaconFront.handle, pageFastPath(app, opts.pageCache, (url) => {
    const slug = articleSlugOf(url);
    return slug === undefined ? undefined : () => articles.shared(slug);
  }), siteAssets.handle]);
  return app;
}
