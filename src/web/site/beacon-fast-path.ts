import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { errorJson } from '../error-status.js';
import type { FrontHandler } from '../front-door.js';
import { LruCache } from '../../counters/lru-cache.js';
import { isReaderId } from '../../counters/reader-identity.js';
import { clientOf, type TrustFunction } from '../trust-proxy.js';
import { READER_COOKIE, readerCookieHeader } from './reader-cookie.js';
import { BEACON_HEADERS, type BeaconAnswer, type BeaconCall, type ViewBeacon } from './view-beacon.js';

export interface BeaconFastPathOptions {
  /** The same rules the Fastify route calls. */
  beacon: ViewBeacon;
  /** The trust function Fastify was given, so the client address, host and protocol are Fastify's. */
  trust: TrustFunction | undefined;
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

/** BEACON_HEADERS as the flat list writeHead takes, made once. */
const BASE = Object.entries(BEACON_HEADERS).flat();
// Cookie headers longer than this are verified every time rather than remembered (memory stays bounded by entries × this).
const MAX_CACHED_COOKIE_HEADER = 512;

/**
 * The view beacon, `POST /articles/:id/views`, answered in front of Fastify. It is the one
 * request every article view sends, and Fastify's request cycle (hooks, reply, serializer,
 * logger child) costs several times the counting itself (docs/counters.md). Nothing of the
 * endpoint is implemented here: the rules and the answer's bytes are ViewBeacon's, which the
 * route calls too; the client is resolved with Fastify's trust function; the cookie is read with
 * @fastify/cookie's parser and signer, and written by readerCookieHeader() like the route's.
 *
 * Only the common shape is taken: exactly `/articles/<digits>/views`, no query, no body and no
 * Content-Type (as site.js sends it), an Accept that asks for JSON (so errors are JSON), and
 * not while the server is closing. Everything else goes to the Fastify route.
 */
export function beaconFastPath(app: FastifyInstance, options: BeaconFastPathOptions): { stats: BeaconFastPathStats; handle: FrontHandler } {
  const { beacon, trust } = options;
  const stats: BeaconFastPathStats = { answered: 0, immediate: 0, passed: 0, cookieCacheHits: 0, cookieCacheMisses: 0 };
  const cookieCache = new LruCache<string, string>(options.cookieCacheSize ?? 100_000);
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

  const send = (res: ServerResponse, call: BeaconCall, answer: BeaconAnswer) => {
    const headers = BASE.slice();
    if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
    headers.push('content-length', String(Buffer.byteLength(answer.body)));
    if (answer.issuedReaderId) headers.push('set-cookie', readerCookieHeader(app, answer.issuedReaderId, call.protocol));
    if (closing) headers.push('connection', 'close');
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const failed = (res: ServerResponse, err: unknown) => {
    app.log.error({ err }, 'request failed');
    const body = JSON.stringify(errorJson('MH_ERR_INTERNAL', 'Internal error', 500));
    res.writeHead(500, ['content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(body)), 'cache-control', 'no-store']);
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || closing) return false;
    const id = beaconArticleId(req.url);
    if (id === undefined) return false;
    const h = req.headers;
    if (h['content-type'] !== undefined || h['transfer-encoding'] !== undefined || (h['content-length'] !== undefined && h['content-length'] !== '0')) return false;
    const accept = h.accept;
    if (accept === undefined || !accept.includes('application/json') || accept.includes('text/html')) return false;
    const client = clientOf(req, trust);
    if (client.ip === undefined) return false;

    stats.answered++;
    const call: BeaconCall = { articleId: id, method: 'POST', ip: client.ip, host: client.host, protocol: client.protocol, headers: h, readerId: readerIdOf(h.cookie), mine: false };
    let answer: BeaconAnswer | Promise<BeaconAnswer>;
    try {
      answer = beacon.answer(call);
    } catch (err) {
      failed(res, err);
      return true;
    }
    if (answer instanceof Promise) {
      answer.then((a) => send(res, call, a), (err: unknown) => failed(res, err));
    } else {
      stats.immediate++;
      send(res, call, answer);
    }
    return true;
  };

  const front = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (handle(req, res)) return true;
    stats.passed++;
    return false;
  };
  return { stats, handle: front };
}


/** The `<digits>` of `/articles/<1–12 digits>/views`, or undefined for any other URL (a query or a trailing slash included). */
function beaconArticleId(url: string | undefined): string | undefined {
  const PREFIX = '/articles/';
  const SUFFIX = '/views';
  if (url === undefined || !url.startsWith(PREFIX) || !url.endsWith(SUFFIX)) return undefined;
  const end = url.length - SUFFIX.length;
  if (end - PREFIX.length < 1 || end - PREFIX.length > 12) return undefined;
  for (let i = PREFIX.length; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return url.slice(PREFIX.length, end);
}
