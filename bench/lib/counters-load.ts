import autocannon from 'autocannon';
import { sign } from '@fastify/cookie';
import { newReaderId } from '../../src/counters/reader-identity.js';

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
  /** Responses whose body said the view counted. */
  countedReplies: number;
  /** Distinct (reader, article) pairs among 2xx answers: what the rules allow to count. */
  pairs: Set<number>;
  /** Planned (non-tail) requests sent but never answered: 0 makes `pairs` exact. */
  unanswered: number;
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
  /** The last part of the run only repeats answered pairs (default a quarter of it, at most 2 s); see runLoad. */
  tailMs?: number;
}

const ANSWERED_RING = 4096;

/**
 * Drives POST /articles/:id/views with autocannon; each request picks its reader and article
 * by planPair. autocannon ends a run by dropping its connections, so requests in flight at the
 * end may or may not have been counted by the server. To keep the expected total exact, the
 * last `tailMs` of the run only repeat pairs that were already answered (reloads, which can
 * never count again): whatever happens to those in flight, the count is the same.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult & { nextSeq: number }> {
  let seq = o.startSeq;
  let countedReplies = 0;
  const pairs = new Set<number>();
  const ring: { reader: number; article: number }[] = [];
  type Ctx = { pair?: number | undefined; reader?: number; article?: number };
  let answered = 0;
  let plannedSent = 0;
  let plannedAnswered = 0;
  const tailFrom = performance.now() + o.seconds * 1000 - (o.tailMs ?? Math.min(2000, o.seconds * 250));
  const tailAfter = o.maxRequests - o.connections * 50;
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((res, rej) => { finish = res; fail = rej; });
  // autocannon's `amount` would override `duration`, so the count bound stops the instance instead.
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    pipelining: 1,
    method: 'POST',
    headers: { 'user-agent': BROWSER_UA, accept: 'application/json' },
    requests: [{
      setupRequest: (req: autocannon.Request, context: Ctx) => {
        let reader: number;
        let article: number;
        if (ring.length && (performance.now() >= tailFrom || answered >= tailAfter)) {
          ({ reader, article } = ring[seq % ring.length]!);
          context.pair = undefined;
        } else {
          const p = planPair(seq, o.cookies.length, o.articleIds.length);
          ({ reader, article } = p);
          context.pair = p.pair;
          plannedSent++;
        }
        seq++;
        context.reader = reader;
        context.article = article;
        return { ...req, path: `/articles/${o.articleIds[article]}/views`, headers: { ...req.headers, cookie: o.cookies[reader]! } };
      },
      onResponse: (status: number, body: string, context: Ctx) => {
        if (context.pair !== undefined) plannedAnswered++;
        if (status >= 200 && status < 300) {
          if (context.pair !== undefined) pairs.add(context.pair);
          if (body.startsWith('{"counted":true')) countedReplies++;
          const entry = { reader: context.reader!, article: context.article! };
          if (ring.length < ANSWERED_RING) ring.push(entry);
          else ring[answered % ANSWERED_RING] = entry;
        }
        if (++answered === o.maxRequests) instance.stop();
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
    countedReplies,
    pairs,
    unanswered: plannedSent - plannedAnswered,
    seconds: result.duration,
    okPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    nextSeq: seq,
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
