import { createHmac } from 'node:crypto';
import type { RateWindows } from '../storage/ports.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';
import { Outage, type FallbackOptions } from './shared-with-fallback.js';

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

/** A verdict, at once (in-process windows) or after Redis answered (shared windows). */
export type LimitVerdict = LimitExceeded | undefined;

interface Check {
  name: string;
  /** Short tag of the budget in shared keys. */
  tag: string;
  limit: number;
  windows: FixedWindowLimiter;
  byReader: boolean;
}

/** Windows every process of the site spends together (Redis), with what their keys are hashed under. */
export interface SharedLimitOptions extends FallbackOptions {
  windows: RateWindows;
  /** Key for the keyed hashes of addresses and reader ids in the shared keys (the site secret). */
  secret: string;
}

const MINUTE_MS = 60_000;

/**
 * The per-minute budgets of the counting endpoints, in one place so every way in (the Fastify
 * routes and the beacon fast path) spends the same windows. Our own fixed windows rather than
 * @fastify/rate-limit: two checks per request through the plugin cost about 70 µs of CPU on the
 * beacon (measured), more than all the counting.
 *
 * With `shared` (Redis), every process of the site spends the same windows, so a reader is
 * limited once however many processes they reach; while Redis cannot be reached each process
 * spends its own windows (as it does with no Redis at all) and never refuses because of Redis.
 */
export class CounterRateLimits {
  readonly limits: CounterLimits;
  private readonly views: Check[];
  private readonly reactions: Check[];

  private readonly shared: SharedLimitOptions | undefined;
  private readonly outage: Outage | undefined;

  constructor(limits: Partial<CounterLimits> | undefined = undefined, shared?: SharedLimitOptions) {
    this.limits = { ...defaultCounterLimits, ...limits };
    const check = (name: string, tag: string, max: number, byReader: boolean): Check => ({ name, tag, limit: max, windows: new FixedWindowLimiter(max, MINUTE_MS), byReader });
    this.views = [
      check('view reports from this address', 'va', this.limits.viewsPerAddress, false),
      check('view reports from this reader', 'vr', this.limits.viewsPerReader, true),
    ];
    this.reactions = [
      check('reactions from this address', 'ra', this.limits.reactionsPerAddress, false),
      check('reactions from this reader', 'rr', this.limits.reactionsPerReader, true),
    ];
    this.shared = shared;
    this.outage = shared ? new Outage(shared) : undefined;
  }

  /** True when verdicts come from the shared windows (they then arrive as promises). */
  get isShared(): boolean {
    return this.shared !== undefined;
  }

  /** Spends one view report of `address` (an addressKey) and reader; undefined when within the limits. */
  view(address: string, readerId: string | undefined, now: number): LimitVerdict | Promise<LimitVerdict> {
    return this.spend(this.views, address, readerId, now);
  }

  /** Spends one reaction of `address` and reader; undefined when within the limits. */
  reaction(address: string, readerId: string | undefined, now: number): LimitVerdict | Promise<LimitVerdict> {
    return this.spend(this.reactions, address, readerId, now);
  }

  private spend(checks: Check[], address: string, readerId: string | undefined, now: number): LimitVerdict | Promise<LimitVerdict> {
    if (this.shared && this.outage && !this.outage.skipping) return this.spendShared(this.shared, this.outage, checks, address, readerId, now);
    return this.spendLocal(checks, address, readerId, now);
  }

  private spendLocal(checks: Check[], address: string, readerId: string | undefined, now: number): LimitVerdict {
    for (const { name, windows, byReader } of checks) {
      const waitMs = windows.hit(budgetKey(byReader, address, readerId), now);
      if (waitMs > 0) return exceeded(name, waitMs);
    }
    return undefined;
  }

  private async spendShared(shared: SharedLimitOptions, outage: Outage, checks: Check[], address: string, readerId: string | undefined, now: number): Promise<LimitVerdict> {
    // The shared keys hold keyed hashes: Redis never sees an address or a cookie's reader id.
    const keyed = checks.map((c) => ({
      key: `${c.tag}:${createHmac('sha256', shared.secret).update(budgetKey(c.byReader, address, readerId)).digest('base64url').slice(0, 22)}`,
      limit: c.limit,
      windowMs: MINUTE_MS,
    }));
    try {
      const over = await shared.windows.spend(keyed);
      outage.answered();
      return over ? exceeded(checks[over.index]!.name, over.waitMs) : undefined;
    } catch (err) {
      outage.failed(err);
      return this.spendLocal(checks, address, readerId, now);
    }
  }
}

/**
 * The key a budget is counted under. Readers without a valid cookie (none, forged, tampered)
 * share one budget per address, so inventing cookies or agents cannot buy a script more than
 * that budget of new identities.
 */
function budgetKey(byReader: boolean, address: string, readerId: string | undefined): string {
  return byReader ? readerId ?? `@${address}` : address;
}

function exceeded(name: string, waitMs: number): LimitExceeded {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return { retryAfterS: seconds, message: `Too many ${name}; retry in ${seconds} s` };
}
