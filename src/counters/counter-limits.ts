import { FixedWindowLimiter } from './fixed-window-limiter.js';

/** Requests per minute the counting and reaction endpoints accept. */
export interface CounterLimits {
  /** View reports per client address (an IPv4 address or an IPv6 /64). */
  viewsPerAddress: number;
  /** View reports per reader cookie (per address for cookie-less readers). */
  viewsPerReader: number;
  reactionsPerAddress: number;
  reactionsPerReader: number;
}

/** Defaults sized for a reader (a few pages a minute) behind a shared address (an office, a campus). */
export const defaultCounterLimits: CounterLimits = {
  viewsPerAddress: 300,
  viewsPerReader: 60,
  reactionsPerAddress: 60,
  reactionsPerReader: 20,
};

/** A refused request: what was exceeded and how long to wait (whole seconds, at least 1). */
export interface LimitExceeded {
  retryAfterS: number;
  message: string;
}

interface Check {
  name: string;
  windows: FixedWindowLimiter;
  byReader: boolean;
}

const MINUTE_MS = 60_000;

/**
 * The per-minute budgets of the counting endpoints, in one place so every way in (the Fastify
 * routes and the beacon fast path) spends the same windows. Our own fixed windows rather than
 * @fastify/rate-limit: two checks per request through the plugin cost about 70 µs of CPU on the
 * beacon (measured), more than all the counting. Limits are per process.
 */
export class CounterRateLimits {
  readonly limits: CounterLimits;
  private readonly views: Check[];
  private readonly reactions: Check[];

  constructor(limits: Partial<CounterLimits> | undefined = undefined) {
    this.limits = { ...defaultCounterLimits, ...limits };
    const check = (name: string, max: number, byReader: boolean): Check => ({ name, windows: new FixedWindowLimiter(max, MINUTE_MS), byReader });
    this.views = [
      check('view reports from this address', this.limits.viewsPerAddress, false),
      check('view reports from this reader', this.limits.viewsPerReader, true),
    ];
    this.reactions = [
      check('reactions from this address', this.limits.reactionsPerAddress, false),
      check('reactions from this reader', this.limits.reactionsPerReader, true),
    ];
  }

  /** Spends one view report of `address` (an addressKey) and reader; undefined when within the limits. */
  view(address: string, readerId: string | undefined, now: number): LimitExceeded | undefined {
    return this.spend(this.views, address, readerId, now);
  }

  /** Spends one reaction of `address` and reader; undefined when within the limits. */
  reaction(address: string, readerId: string | undefined, now: number): LimitExceeded | undefined {
    return this.spend(this.reactions, address, readerId, now);
  }

  private spend(checks: Check[], address: string, readerId: string | undefined, now: number): LimitExceeded | undefined {
    for (const { name, windows, byReader } of checks) {
      // Readers without a valid cookie (none, forged, tampered) share one budget per address, so
      // inventing cookies or agents cannot buy a script more than that budget of new identities.
      const waitMs = windows.hit(byReader ? readerId ?? `@${address}` : address, now);
      if (waitMs > 0) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        return { retryAfterS: seconds, message: `Too many ${name}; retry in ${seconds} s` };
      }
    }
    return undefined;
  }
}
