import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginCallback, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

declare module 'fastify' {
  interface RouteShorthandOptions {
    /** false: the route sets its own headers (beacons, JSON fragments) and gets none of these. */
    securityHeaders?: boolean;
  }
}

/** The page's Content-Security-Policy (helmet's directive names). */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'https:', 'data:'],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  // The site is plain HTTP on loopback by default; the TLS proxy in front upgrades.
  upgradeInsecureRequests: null,
};

/**
 * helmet's headers with Masthead's policy, computed once. They do not depend on the request, and
 * helmet would build them again for every one; pages kept by the page cache carry them in their
 * ready header list.
 */
function computeSecurityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet({
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    // HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
    // Headers for browsers and plug-ins no longer in use (IE8's download prompt, the XSS
    // auditor browsers removed, Flash's cross-domain policies), and DNS prefetching, which
    // browsers do by default and a reader's next click benefits from. Every answer carries the
    // bytes of each header sent, so only the ones that protect today's browsers go out.
    xDownloadOptions: false,
    xXssProtection: false,
    xPermittedCrossDomainPolicies: false,
    xDnsPrefetchControl: false,
  })({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

export const SECURITY_HEADERS = computeSecurityHeaders();

/** Adds SECURITY_HEADERS to every route's answers, unless its options say `securityHeaders: false`. */
export const securityHeaders: FastifyPluginCallback = fp((app, _opts, done) => {
  const add: onRequestHookHandler = (_request, reply, next) => {
    reply.headers(SECURITY_HEADERS);
    next();
  };
  app.addHook('onRoute', (route) => {
    if (route.securityHeaders === false) return;
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [add] : [add, ...(Array.isArray(existing) ? existing : [existing])];
  });
  // Answers no route produced (404s, errors before routing) get them too.
  app.addHook('onRequest', (request, reply, next) => {
    if (request.routeOptions.url === undefined) reply.headers(SECURITY_HEADERS);
    next();
  });
  done();
}, { name: 'masthead-security-headers' });
