import { connect, type Socket } from 'node:net';

/**
 * A small closed-loop HTTP/1.1 load client in the manner of wrk: `connections` keep-alive TCP
 * connections, each keeping `pipelining` requests in flight, every response read and its
 * status checked. It exists because autocannon, in JavaScript, spends 55–130 µs of CPU per
 * request on this 2-core machine (it builds each dynamic request through several object
 * copies and parses responses with a JavaScript HTTP parser), as much as the server under
 * test: the client, not the server, was what the bench measured. This one spends a few µs:
 * request heads are strings joined per batch, and responses are framed by Content-Length.
 *
 * Bounded: it stops sending after `seconds` or `maxRequests`, then waits at most `drainMs` for
 * the answers still in flight, so (unlike a run that ends by dropping its connections) every
 * request sent has a known outcome, which is what makes an exact expected total possible.
 */
export interface ClientOptions {
  host: string;
  port: number;
  connections: number;
  /** Requests in flight per connection (1 = no pipelining). */
  pipelining: number;
  seconds: number;
  maxRequests: number;
  /** How long to wait for in-flight answers after the last request was sent. */
  drainMs?: number;
  /** The full request (head, and body if any) for request number `n` of the run. */
  request: (n: number) => string;
  /**
   * Open loop: offer this many requests per second on a fixed schedule, whatever the answers,
   * and time each from when it was due (as wrk2 does), so a server stall shows in every
   * latency it delays, not only in the few requests a closed loop had in flight. Requests due
   * while every connection has `pipelining` in flight wait in the client (and that wait counts).
   */
  ratePerSecond?: number;
}

export interface ClientResult {
  sent: number;
  /** Answers by status class. */
  ok: number;
  non2xx: number;
  /** Connections that failed or answers that could not be read; requests then unanswered. */
  errors: number;
  unanswered: number;
  /** Seconds from the first request to the last answer. */
  seconds: number;
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Status code counts. */
  statuses: Record<number, number>;
}

// Latency histogram: 10 µs buckets up to 2 s, then one overflow bucket (its values kept for max).
const BUCKET_US = 10;
const BUCKETS = 200_000;

class Histogram {
  private readonly counts = new Uint32Array(BUCKETS + 1);
  n = 0;
  max = 0;
  record(ms: number): void {
    const b = Math.min(BUCKETS, Math.floor((ms * 1000) / BUCKET_US));
    this.counts[b]!++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  percentile(p: number): number {
    if (this.n === 0) return 0;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return b === BUCKETS ? this.max : ((b + 1) * BUCKET_US) / 1000;
    }
    return this.max;
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Runs the load; resolves when every connection is done (answers drained, or gave up). */
export function runHttpLoad(o: ClientOptions): Promise<ClientResult> {
  const drainMs = o.drainMs ?? 5000;
  const hist = new Histogram();
  const statuses: Record<number, number> = {};
  let next = 0;
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let unanswered = 0;
  let stopSending = false;
  let firstSend = 0;
  let lastAnswer = 0;
  let open = o.connections;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => { resolveDone = r; });

  const rate = o.ratePerSecond;
  // Open loop: due times of the requests not sent yet, oldest first.
  const backlog: number[] = [];
  let backlogHead = 0;
  const connections: { fill: () => void; giveUp: () => void }[] = [];
  const startConnection = (): { fill: () => void; giveUp: () => void } => {
    const socket: Socket = connect({ host: o.host, port: o.port, noDelay: true });
    // Send times of the requests in flight on this connection, oldest first (a ring).
    const sentAt = new Float64Array(o.pipelining);
    let head = 0;
    let inFlight = 0;
    let pending: Buffer | undefined;
    let finished = false;

    const finish = (failed: boolean) => {
      if (finished) return;
      finished = true;
      if (failed) {
        errors++;
        unanswered += inFlight;
      }
      socket.destroy();
      if (--open === 0) resolveDone();
    };

    /** Sends requests until `pipelining` are in flight (closed loop) or the backlog is empty (open loop), in one write. */
    const fill = () => {
      if (finished || socket.connecting) return;
      let batch = '';
      const now = performance.now();
      while (inFlight < o.pipelining) {
        let due = now;
        if (rate) {
          if (backlogHead === backlog.length) break;
          due = backlog[backlogHead++]!;
        } else {
          if (stopSending) break;
          if (sent >= o.maxRequests) {
            stopSending = true;
            break;
          }
        }
        batch += o.request(next++);
        sent++;
        sentAt[(head + inFlight) % o.pipelining] = due;
        inFlight++;
      }
      if (batch) socket.write(batch, 'latin1');
      if (firstSend === 0) firstSend = now;
      if (inFlight === 0 && stopSending && backlogHead === backlog.length) finish(false);
    };

    socket.on('connect', fill);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(inFlight > 0));
    socket.on('data', (chunk: Buffer) => {
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      const now = performance.now();
      for (;;) {
        const end = buf.indexOf(HEAD_END, at);
        if (end < 0) break;
        const headText = buf.toString('latin1', at, end);
        const length = /\r\ncontent-length: *(\d+)/i.exec(headText);
        if (!length || inFlight === 0) {
          // Chunked or unframed answers are not expected from these endpoints: count an error.
          finish(true);
          return;
        }
        const bodyEnd = end + 4 + Number(length[1]);
        if (bodyEnd > buf.length) break;
        const status = Number(headText.slice(9, 12));
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
        else non2xx++;
        hist.record(now - sentAt[head]!);
        head = (head + 1) % o.pipelining;
        inFlight--;
        lastAnswer = now;
        at = bodyEnd;
      }
      // A partial answer waits for the next chunk (copied: the chunk's memory is not ours to keep).
      pending = at < buf.length ? Buffer.from(buf.subarray(at)) : undefined;
      fill();
    });
    return { fill, giveUp: () => finish(inFlight > 0) };
  };

  for (let i = 0; i < o.connections; i++) connections.push(startConnection());
  let schedule: NodeJS.Timeout | undefined;
  if (rate) {
    const start = performance.now();
    firstSend = start;
    let scheduled = 0;
    const tick = () => {
      const due = Math.min(o.maxRequests, Math.floor(((performance.now() - start) * rate) / 1000));
      for (; scheduled < due; scheduled++) backlog.push(start + (scheduled * 1000) / rate);
      // Spread over the connections: each takes what it has room for, starting at a rotating one.
      for (let i = 0; i < connections.length; i++) connections[(scheduled + i) % connections.length]!.fill();
      if (!stopSending) schedule = setTimeout(tick, 1);
    };
    tick();
  }
  let drainTimer: NodeJS.Timeout | undefined;
  const stopTimer = setTimeout(() => {
    stopSending = true;
    for (const c of connections) c.fill();
    // Connections with answers still missing after the drain time are closed and counted as errors.
    drainTimer = setTimeout(() => { for (const c of connections) c.giveUp(); }, drainMs);
  }, o.seconds * 1000);
  return done.then(() => {
    clearTimeout(stopTimer);
    clearTimeout(drainTimer);
    clearTimeout(schedule);
    const seconds = Math.max(1e-3, (lastAnswer - firstSend) / 1000);
    return {
      sent, ok, non2xx, errors, unanswered, seconds, statuses,
      okPerSecond: ok / seconds,
      p50Ms: hist.percentile(50),
      p99Ms: hist.percentile(99),
      maxMs: hist.max,
    };
  });
}
