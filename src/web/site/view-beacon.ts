import type { IncomingHttpHeaders } from 'node:http';
import { AppError, isAppError } from '../../errors.js';
import { addressKey } from '../../counters/address-key.js';
import type { CounterService, ReaderCredentials, ViewResult } from '../../counters/counter-service.js';
import type { RequestTraits } from '../../counters/view-rules.js';
import type { LimitVerdict } from '../../counters/counter-limits.js';
import { errorJson, errorStatus } from '../error-status.js';
import { parseArticleId } from './article-id.js';
import { assertSameOrigin } from './same-origin.js';

/** One view report, as either way in (the Fastify route or the fast path in front of it) sees it. */
export interface BeaconCall {
  /** The `:id` of `/articles/:id/views`, unparsed. */
  articleId: string;
  method: string;
  /** The client address, host and protocol, resolved under the server's trust-proxy setting. */
  ip: string;
  host: string;
  protocol: string;
  headers: IncomingHttpHeaders;
  /** The reader id of a correctly signed cookie, if any. */
  readerId: string | undefined;
  /** Whether the answer should list the reader's own reactions (`?mine=1`). */
  mine: boolean;
}

/** What to answer: status, headers beyond BEACON_HEADERS, and the JSON body; `error` when it is a refusal. */
export interface BeaconAnswer {
  status: number;
  /** Headers this answer adds to BEACON_HEADERS (Retry-After on a refusal). */
  headers?: Record<string, string> | undefined;
  body: string;
  error?: AppError | undefined;
  /** A new reader id to set as the signed cookie with this answer. */
  issuedReaderId?: string | undefined;
}

/** The headers of every answer of the counting endpoint. */
export const BEACON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
} as const;
const SAME_ORIGIN_MEMO_SIZE = 1000;

function traitsOf(method: string, h: IncomingHttpHeaders): RequestTraits {
  const purpose = h['sec-purpose'] ?? h.purpose ?? h['x-purpose'] ?? h['x-moz'];
  return { method, userAgent: h['user-agent'], purpose: typeof purpose === 'string' ? purpose : undefined };
}

/**
 * The rules of the counting endpoint, once: rate limits, the same-origin check, the counting
 * itself and the answer's exact bytes. The Fastify routes and the fast path in front of Fastify
 * both call `answer`; it answers synchronously when everything it needs is in memory (the
 * common case), so the fast path can reply without a turn of the event loop.
 */
export class ViewBeacon {
  /** assertSameOrigin's verdict per (Sec-Fetch-Site, Origin, host): a handful of combinations repeat. */
  private readonly sameOriginMemo = new Map<string, string | undefined>();

  constructor(private readonly counters: CounterService) {}

  /** The counters' per-minute budgets, which the reaction routes spend too. */
  get limits() {
    return this.counters.limits;
  }

  answer(call: BeaconCall): BeaconAnswer | Promise<BeaconAnswer> {
    try {
      const id = parseArticleId(call.articleId);
      const address = addressKey(call.ip);
      const verdict = this.counters.limits.view(address, call.readerId, Date.now());
      // Shared windows (Redis) answer after a round trip; in-process ones at once.
      if (verdict instanceof Promise) return verdict.then((exceeded) => this.withinLimits(call, id, address, exceeded));
      return this.withinLimits(call, id, address, verdict);
    } catch (err) {
      return refusalOf(err);
    }
  }

  private withinLimits(call: BeaconCall, id: number, address: string, exceeded: LimitVerdict): BeaconAnswer | Promise<BeaconAnswer> {
    try {
      if (exceeded) return refusal(new AppError('MH_ERR_RATE_LIMITED', exceeded.message), { 'retry-after': String(exceeded.retryAfterS) });
      const problem = this.crossSiteProblem(call);
      if (problem !== undefined) return refusal(new AppError('MH_ERR_BAD_REQUEST', problem));
      const who: ReaderCredentials = { cookieId: call.readerId, address, userAgent: call.headers['user-agent'] };
      const traits = traitsOf(call.method, call.headers);
      const now = call.mine ? undefined : this.counters.recordViewNow(id, who, traits);
      if (now) return counted(now);
      return this.counters.recordView(id, who, traits, { mine: call.mine }).then(counted, refusalOf);
    } catch (err) {
      return refusalOf(err);
    }
  }

  private crossSiteProblem(call: BeaconCall): string | undefined {
    const site = call.headers['sec-fetch-site'];
    const origin = call.headers.origin;
    if (site === undefined && origin === undefined) return undefined;
    const memoKey = `${site}\n${origin}\n${call.host}`;
    if (this.sameOriginMemo.has(memoKey)) return this.sameOriginMemo.get(memoKey);
    let problem: string | undefined;
    try {
      assertSameOrigin({ headers: call.headers, host: call.host });
    } catch (err) {
      if (!isAppError(err)) throw err;
      problem = err.message;
    }
    if (this.sameOriginMemo.size >= SAME_ORIGIN_MEMO_SIZE) this.sameOriginMemo.clear();
    this.sameOriginMemo.set(memoKey, problem);
    return problem;
  }
}

function counted(result: ViewResult): BeaconAnswer {
  // Field order is part of the bytes: counted, reason, views, reactions, mine (undefined fields drop out).
  const body = JSON.stringify({ counted: result.counted, reason: result.reason, views: result.views, reactions: result.reactions, mine: result.mine });
  return { status: 200, body, issuedReaderId: result.issuedReaderId };
}

function refusal(error: AppError, extra?: Record<string, string>): BeaconAnswer {
  const status = errorStatus[error.code];
  return { status, headers: extra, body: JSON.stringify(errorJson(error.code, error.message, status)), error };
}

function refusalOf(err: unknown): BeaconAnswer {
  if (isAppError(err)) return refusal(err);
  throw err;
}
