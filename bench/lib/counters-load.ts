import autocannon from 'autocannon';
import { sign } from '@fastify/cookie';
import { newReaderId } from '../../src/counters/reader-identity.js';
import { runHttpLoad } from './counters-http-client.js';

/** A desktop Chrome user agent: the readers are browsers, not bots. */
export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Simulated readers: each a distinct, correctly signed reader cookie. */
export function readerCookies(count: number, secret: string): string[] {
  return Array.from({ length: count }, () => `mh_reader=${encodeURIComponent(sign(newReaderId(), secret))}`);
}

/**
 * The view plan: request number `seq` → (reader, article). Nine in ten requests are a new
 * (reader, article) pair; every tenth repeats the pair of seven requests before (a reload),
 * which the rules must not count again.
 */
export function planPair(seq: number, readers: number, articles: number): { reader: number; article: number; pair: number } {
  const s = seq % 10 === 9 ? seq - 7 : seq;
  const n = s - Math.floor(s / 10);
  const reader = n % readers;
  const article = Math.floor(n / readers) % articles;
  return { reader, article, pair: reader * articles + article };
}

export interface LoadResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Distinct (reader, article) pairs among the planned requests sent: what the rules allow to count. */
  pairs: Set<number>;
  /** False when some planned request may have gone unanswered (errors, non-2xx, or a latency longer than the tail). */
  exact: boolean;
  seconds: number;
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadOptions {
  url: string;
  articleIds: readonly number[];
  cookies: readonly string[];
  /** First request number (phases continue where the last one stopped). */
  startSeq: number;
  connections: number;
  seconds: number;
  /** Hard cap on requests, so a run is bounded in count as well as time. */
  maxRequests: number;
  /** Requests in flight per connection (HTTP/1.1 pipelining; default 1). */
  pipelining?: number;
  /** The last part of the run only repeats early pairs (default a quarter of it, at most 2 s); see runLoad. */
  tailMs?: number;
}

const TAIL_POOL = 4096;

/**
 * Drives POST /articles/:id/views with autocannon; each request picks its reader and article
 * by planPair. autocannon ends a run by dropping its connections, so requests in flight at the
 * end may or may not have been counted. To keep the expected total exact, the last `tailMs`
 * only repeat pairs sent at the start of the run (reloads, which can never count again):
 * whatever happens to those in flight, the count is the same. That holds when every planned
 * request was answered 2xx before the tail began, which the result checks (`exact`).
 * No response callback: autocannon then skips per-response header and body handling, which
 * keeps the client's CPU (it shares the machine with the server) low.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult & { nextSeq: number }> {
  const tailMs = o.tailMs ?? Math.min(2000, Math.max(1500, o.seconds * 250));
  let seq = o.startSeq;
  const pairs = new Set<number>();
  const early: { reader: number; article: number }[] = [];
  const tailFrom = performance.now() + o.seconds * 1000 - tailMs;
  const headers = o.cookies.map((cookie) => ({ 'user-agent': BROWSER_UA, accept: 'application/json', cookie }));
  let planned = 0;
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((res, rej) => { finish = res; fail = rej; });
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    // autocannon's `amount` would override `duration`; the count bound stops the instance instead.
    pipelining: o.pipelining ?? 1,
    method: 'POST',
    requests: [{
      setupRequest: (req: autocannon.Request) => {
        let reader: number;
        let article: number;
        if (early.length === TAIL_POOL && (planned >= o.maxRequests || performance.now() >= tailFrom)) {
          ({ reader, article } = early[seq % TAIL_POOL]!);
        } else {
          const p = planPair(seq, o.cookies.length, o.articleIds.length);
          ({ reader, article } = p);
          pairs.add(p.pair);
          if (early.length < TAIL_POOL) early.push({ reader, article });
          if (++planned >= o.maxRequests + TAIL_POOL) instance.stop();
        }
        seq++;
        return { ...req, path: `/articles/${o.articleIds[article]}/views`, headers: headers[reader] };
      },
    } as autocannon.Request],
  }, (err, res) => (err ? fail(err) : finish(res)));
  const result = await done;
  const ok = result['2xx'];
  return {
    sent: result.requests.sent,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    pairs,
    exact: result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && result.latency.max < tailMs && early.length === TAIL_POOL,
    seconds: result.duration,
    okPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    nextSeq: seq,
  };
}

export interface ViewLoadOptions {
  /** Loopback only: the server under test runs on this machine. */
  host: '127.0.0.1';
  port: number;
  articleIds: readonly number[];
  cookies: readonly string[];
  /** First request number (phases continue where the last one stopped). */
  startSeq: number;
  connections: number;
  /** Requests in flight per connection (HTTP/1.1 pipelining); 1 = one request at a time per connection. */
  pipelining: number;
  seconds: number;
  /** Hard cap on requests, so a run is bounded in count as well as time. */
  maxRequests: number;
  /** Open loop at this many requests per second, latency timed from when each was due (see ClientOptions). */
  ratePerSecond?: number;
}

export interface ViewLoadResult extends LoadResult {
  /** The sequence number the next run should start from, so readers keep coming back. */
  nextSeq: number;
}

/**
 * Drives POST /articles/:id/views the way site.js sends it (POST, no body, Accept JSON, the
 * reader's cookie) with the lean client of counters-http-client.ts, request `seq` following
 * planPair. The client waits for every answer before it returns, so when all were 2xx the
 * distinct pairs sent are exactly the views the rules let count.
 */
export async function runViewLoad(o: ViewLoadOptions): Promise<ViewLoadResult> {
  const pairs = new Set<number>();
  // Everything after the request line is fixed per reader: built once, joined per request.
  const tails = o.cookies.map((cookie) => `Host: ${o.host}:${o.port}\r\nUser-Agent: ${BROWSER_UA}\r\nAccept: application/json\r\nContent-Length: 0\r\nCookie: ${cookie}\r\n\r\n`);
  const r = await runHttpLoad({
    host: o.host, port: o.port, connections: o.connections, pipelining: o.pipelining, seconds: o.seconds, maxRequests: o.maxRequests,
    ...(o.ratePerSecond ? { ratePerSecond: o.ratePerSecond } : {}),
    request: (n) => {
      const p = planPair(o.startSeq + n, o.cookies.length, o.articleIds.length);
      pairs.add(p.pair);
      return `POST /articles/${o.articleIds[p.article]}/views HTTP/1.1\r\n${tails[p.reader]}`;
    },
  });
  return {
    sent: r.sent, ok: r.ok, non2xx: r.non2xx, errors: r.errors + r.unanswered, pairs,
    exact: r.ok === r.sent,
    seconds: r.seconds, okPerSecond: r.okPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, maxMs: r.maxMs,
    nextSeq: o.startSeq + r.sent,
  };
}

/** What one view report got back: counted, not counted (repeat), or no answer worth trusting (refused, 503, reset). */
export type ViewOutcome = 'counted' | 'repeat' | 'failed';

/** Sends one view report with fetch (keep-alive) and classifies the answer. */
export async function sendView(baseUrl: string, articleId: number, cookie: string): Promise<ViewOutcome> {
  try {
    const res = await fetch(`${baseUrl}/articles/${articleId}/views`, {
      method: 'POST',
      headers: { 'user-agent': BROWSER_UA, accept: 'application/json', cookie },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) {
      await res.arrayBuffer().catch(() => {});
      return 'failed';
    }
    const body = (await res.json()) as { counted?: boolean };
    return body.counted ? 'counted' : 'repeat';
  } catch {
    return 'failed';
  }
}
