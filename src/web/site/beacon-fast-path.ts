import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions, SerializeOptions } from '@fastify/cookie';
import { AppError, isAppError } from '../../errors.js';
import { errorStatus } from '../error-status.js';
import { addressKey } from '../../counters/address-key.js';
import type { CounterRateLimits } from '../../counters/counter-limits.js';
import type { CounterService, ReaderCredentials, ViewResult } from '../../counters/counter-service.js';
import { LruCache } from '../../counters/lru-cache.js';
import { isReaderId } from '../../counters/reader-identity.js';
import type { RequestTraits } from '../../counters/view-rules.js';
import { READER_COOKIE, setReaderCookie } from './reader-cookie.js';
import { assertSameOrigin } from './same-origin.js';

export interface BeaconFastPathOptions {
  counters: CounterService;
  /** The same instance the Fastify counting routes spend. */
  limits: CounterRateLimits;
  /** As given to Fastify: client address, host and protocol then come from X-Forwarded-*. */
  trustProxy: boolean;
  /** Cookie headers whose verified reader id is remembered (default 100,000). */
  cookieCacheSize?: number;
}

/** What the fast path did since start, for tests and benches. */
export interface BeaconFastPathStats {
  /** Requests it answered itself. */
  answered: number;
  /** Of those, answered without waiting (everything was in memory). */
  immediate: number;
  /** Requests handed to Fastify (not the beacon, or a shape the fast path leaves to the full route). */
  passed: number;
  cookieCacheHits: number;
  cookieCacheMisses: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
// Cookie headers longer than this are verified every time rather than remembered (memory stays bounded by entries × this).
const MAX_CACHED_COOKIE_HEADER = 512;
const SAME_ORIGIN_MEMO_SIZE = 1000;

/**
 * The view beacon, `POST /articles/:id/views`, answered in front of Fastify. It is the one
 * request every article view sends, and Fastify's request cycle (hooks, reply, serializer,
 * logger child) cost several times the counting itself (docs/counters.md, Figures). The same
 * rules run here through the same modules: CounterRateLimits, assertSameOrigin, the reader
 * cookie as @fastify/cookie verifies it, CounterService; and the answer has the same status,
 * headers and JSON as the route in counter-routes.ts (a test compares the two).
 *
 * Only the common shape is taken: exactly `/articles/<digits>/views`, no query, no body and no
 * Content-Type (as site.js sends it), an Accept that asks for JSON (so errors are JSON), and
 * not while the server is closing. Everything else (`?mine=1`, a body to check against the
 * 1 KiB limit, sendBeacon's Accept, HEAD, a trailing slash) goes to the full Fastify route.
 */
export function installBeaconFastPath(app: FastifyInstance, options: BeaconFastPathOptions): BeaconFastPathStats {
  const { counters, limits, trustProxy } = options;
  const stats: BeaconFastPathStats = { answered: 0, immediate: 0, passed: 0, cookieCacheHits: 0, cookieCacheMisses: 0 };
  const cookieCache = new LruCache<string, string>(options.cookieCacheSize ?? 100_000);
  const sameOriginMemo = new Map<string, string | undefined>();
  let closing = false;
  // Fastify answers 503 with `Connection: close` once it is closing; requests then go to it.
  app.addHook('preClose', async () => {
    closing = true;
  });

  /** The reader id of a correctly signed mh_reader cookie, as readReaderId() decides it. */
  const readerIdOf = (cookieHeader: string | undefined): string | undefined => {
    if (!cookieHeader) return undefined;
    const cacheable = cookieHeader.length <= MAX_CACHED_COOKIE_HEADER;
    if (cacheable) {
      const known = cookieCache.get(cookieHeader);
      if (known !== undefined) {
        stats.cookieCacheHits++;
        return known;
      }
      stats.cookieCacheMisses++;
    }
    const raw = app.parseCookie(cookieHeader)[READER_COOKIE];
    if (!raw) return undefined;
    const unsigned = app.unsignCookie(raw);
    const id = unsigned.valid && unsigned.value && isReaderId(unsigned.value) ? unsigned.value : undefined;
    // Only verified ids are remembered: forged cookies cannot push real readers out of the cache.
    if (id !== undefined && cacheable) cookieCache.set(cookieHeader, id);
    return id;
  };

  /** assertSameOrigin's verdict (an error message, or undefined when allowed), remembered per header combination. */
  const crossSiteProblem = (req: IncomingMessage, host: string): string | undefined => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if (site === undefined && origin === undefined) return undefined;
    const memoKey = `${site}\n${origin}\n${host}`;
    if (sameOriginMemo.has(memoKey)) return sameOriginMemo.get(memoKey);
    let problem: string | undefined;
    try {
      // assertSameOrigin reads only these two properties of a request.
      assertSameOrigin({ headers: req.headers, host } as FastifyRequest);
    } catch (err) {
      if (!isAppError(err)) throw err;
      problem = err.message;
    }
    if (sameOriginMemo.size >= SAME_ORIGIN_MEMO_SIZE) sameOriginMemo.clear();
    sameOriginMemo.set(memoKey, problem);
    return problem;
  };

  const answer = (res: ServerResponse, status: number, body: string, extra?: string[]) => {
    const headers = [
      'content-type', JSON_TYPE,
      'content-length', String(Buffer.byteLength(body)),
      'cache-control', 'no-store',
      'x-content-type-options', 'nosniff',
      'cross-origin-resource-policy', 'same-origin',
    ];
    if (extra) headers.push(...extra);
    if (closing) headers.push('connection', 'close');
    res.writeHead(status, headers);
    res.end(body);
  };

  const answerError = (res: ServerResponse, err: unknown, extra?: string[]) => {
    if (isAppError(err)) {
      const status = errorStatus[err.code];
      answer(res, status, JSON.stringify({ error: err.code, message: err.message, statusCode: status }), extra);
      return;
    }
    app.log.error({ err }, 'request failed');
    answer(res, 500, JSON.stringify({ error: 'MH_ERR_INTERNAL', message: 'Internal error', statusCode: 500 }));
  };

  /** Fastify's request.protocol: X-Forwarded-Proto behind a trusted proxy, else the socket's. */
  const protocolOf = (req: IncomingMessage): string => {
    const forwarded = trustProxy ? req.headers['x-forwarded-proto'] : undefined;
    if (typeof forwarded === 'string' && forwarded) return lastEntry(forwarded);
    return 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  };

  const answerView = (req: IncomingMessage, res: ServerResponse, result: ViewResult) => {
    // The same fields, in the same order, as the route's response schema serializes them.
    const body = JSON.stringify({ counted: result.counted, reason: result.reason, views: result.views, reactions: result.reactions });
    let cookie: string[] | undefined;
    if (result.issuedReaderId) cookie = ['set-cookie', readerCookie(app, req, result.issuedReaderId, protocolOf(req))];
    answer(res, 200, body, cookie);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || closing) return false;
    const id = beaconArticleId(req.url);
    if (id < 0) return false;
    const h = req.headers;
    if (h['content-type'] !== undefined || h['transfer-encoding'] !== undefined || (h['content-length'] !== undefined && h['content-length'] !== '0')) return false;
    const accept = h.accept;
    if (accept === undefined || !accept.includes('application/json') || accept.includes('text/html')) return false;
    const ip = trustProxy ? forwardedClient(req) : req.socket.remoteAddress;
    if (ip === undefined) return false;

    stats.answered++;
    const address = addressKey(ip);
    const readerId = readerIdOf(h.cookie);
    const exceeded = limits.view(address, readerId, Date.now());
    if (exceeded) {
      answerError(res, new AppError('MH_ERR_RATE_LIMITED', exceeded.message), ['retry-after', String(exceeded.retryAfterS)]);
      return true;
    }
    const forwardedHost = trustProxy ? h['x-forwarded-host'] : undefined;
    const host = typeof forwardedHost === 'string' && forwardedHost ? lastEntry(forwardedHost) : h.host ?? '';
    const problem = crossSiteProblem(req, host);
    if (problem !== undefined) {
      answerError(res, new AppError('MH_ERR_BAD_REQUEST', problem));
      return true;
    }
    const userAgent = h['user-agent'];
    const who: ReaderCredentials = { cookieId: readerId, address, userAgent };
    const purpose = h['sec-purpose'] ?? h.purpose ?? h['x-purpose'] ?? h['x-moz'];
    const traits: RequestTraits = { method: 'POST', userAgent, purpose: typeof purpose === 'string' ? purpose : undefined };
    let now: ViewResult | undefined;
    try {
      now = counters.recordViewNow(id, who, traits);
    } catch (err) {
      answerError(res, err);
      return true;
    }
    if (now) {
      stats.immediate++;
      answerView(req, res, now);
    } else {
      counters.recordView(id, who, traits).then((result) => answerView(req, res, result), (err: unknown) => answerError(res, err));
    }
    return true;
  };

  // Fastify's server has one 'request' listener, its router; the fast path goes in front of it.
  // (app.inject() does not pass through here: it calls the router directly.)
  const server = app.server;
  const routers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (routers.length === 1) {
    const router = routers[0]!;
    server.removeListener('request', router);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (handle(req, res)) return;
      stats.passed++;
      router(req, res);
    });
  } else {
    app.log.warn(`beacon fast path not installed: the server has ${routers.length} request listeners`);
  }
  return stats;
}

/** The id in `/articles/<1–12 digits>/views`, or -1 for any other URL (including a query or a trailing slash). */
function beaconArticleId(url: string | undefined): number {
  const PREFIX = '/articles/';
  const SUFFIX = '/views';
  if (url === undefined || !url.startsWith(PREFIX) || !url.endsWith(SUFFIX)) return -1;
  const end = url.length - SUFFIX.length;
  const digits = end - PREFIX.length;
  if (digits < 1 || digits > 12) return -1;
  let id = 0;
  for (let i = PREFIX.length; i < end; i++) {
    const c = url.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    id = id * 10 + c;
  }
  return id;
}

/** Fastify's request.ip with trustProxy: true (every hop trusted): the left-most X-Forwarded-For address. */
function forwardedClient(req: IncomingMessage): string | undefined {
  const header = req.headers['x-forwarded-for'];
  if (!header || typeof header !== 'string') return req.socket.remoteAddress;
  // As @fastify/forwarded parses it: comma-separated, spaces and tabs around entries ignored, empty entries skipped.
  if (!header.includes(',')) return header.trim() || req.socket.remoteAddress;
  const entries = header.split(',').map((e) => e.replace(/^[ \t]+|[ \t]+$/g, '')).filter((e) => e.length > 0);
  return entries[0] ?? req.socket.remoteAddress;
}

/** The last entry of a header that proxies may have appended to (as Fastify reads X-Forwarded-Host and -Proto). */
function lastEntry(value: string): string {
  const i = value.lastIndexOf(',');
  return i === -1 ? value.trim() : value.slice(i + 1).trim();
}

/** The Set-Cookie value setReaderCookie() makes for `id`, built through the same call so the attributes cannot drift. */
function readerCookie(app: FastifyInstance, req: IncomingMessage, id: string, protocol: string): string {
  let header = '';
  const reply = {
    setCookie(name: string, value: string, opts: CookieSerializeOptions) {
      // What @fastify/cookie's reply.setCookie does with such options: SameSite Lax by default, sign, serialize.
      const { signed, secure, ...rest } = { sameSite: 'lax' as const, ...opts };
      const attributes: SerializeOptions = { ...rest, secure: secure === 'auto' ? protocol === 'https' : secure };
      header = app.serializeCookie(name, signed ? app.signCookie(value) : value, attributes);
      return this;
    },
  };
  setReaderCookie({ protocol, raw: req } as unknown as FastifyRequest, reply as unknown as FastifyReply, id);
  return header;
}
