import { describe, expect, it } from 'vitest';
import { CounterRateLimits, type LimitExceeded } from './counter-limits.js';
import type { RateCheck, RateWindows } from '../storage/ports.js';

describe('CounterRateLimits', () => {
  it('spends per-address and per-reader budgets; readers without a cookie share one per address', () => {
    const limits = new CounterRateLimits({ viewsPerAddress: 5, viewsPerReader: 2 });
    const t = 1_000_000;
    expect(limits.view('198.51.100.1', 'reader-a', t)).toBeUndefined();
    expect(limits.view('198.51.100.1', 'reader-a', t)).toBeUndefined();
    expect(limits.view('198.51.100.1', 'reader-a', t + 1500)).toEqual({ retryAfterS: 59, message: 'Too many view reports from this reader; retry in 59 s' });
    expect(limits.view('198.51.100.1', undefined, t)).toBeUndefined();
    expect(limits.view('198.51.100.1', undefined, t)).toBeUndefined(); // the address's 5th report (the refused one above counted too)
    expect(limits.view('198.51.100.1', undefined, t)).toEqual({ retryAfterS: 60, message: 'Too many view reports from this address; retry in 60 s' });
    // Another address has its own budgets, and cookie-less readers there their own shared one.
    expect(limits.view('198.51.100.2', undefined, t)).toBeUndefined();
    expect(limits.view('198.51.100.2', undefined, t)).toBeUndefined();
    expect((limits.view('198.51.100.2', undefined, t) as LimitExceeded | undefined)?.message).toMatch(/this reader/);
    // A new window a minute later; reactions are counted apart.
    expect(limits.view('198.51.100.1', 'reader-a', t + 60_000)).toBeUndefined();
    expect(limits.reaction('198.51.100.1', 'reader-a', t)).toBeUndefined();
  });
});

/** Shared windows kept in a Map, as Redis keeps them, optionally failing like an unreachable Redis. */
class MapWindows implements RateWindows {
  readonly hits = new Map<string, number>();
  down = false;
  readonly seen: string[] = [];
  async spend(checks: readonly RateCheck[]) {
    if (this.down) throw new Error('connect ECONNREFUSED');
    for (const [index, c] of checks.entries()) {
      this.seen.push(c.key);
      const n = this.hits.get(c.key) ?? 0;
      if (n >= c.limit) return { index, waitMs: 30_000 };
      this.hits.set(c.key, n + 1);
    }
    return undefined;
  }
}

describe('CounterRateLimits over shared windows', () => {
  const t = Date.UTC(2026, 0, 1);

  it('spends one budget from every process, keyed by hashes rather than addresses or cookie ids', async () => {
    const windows = new MapWindows();
    const states: string[] = [];
    const shared = { windows, secret: 'a-site-secret-0123456789', onStateChange: (s: string) => states.push(s) };
    const a = new CounterRateLimits({ viewsPerAddress: 100, viewsPerReader: 3 }, shared);
    const b = new CounterRateLimits({ viewsPerAddress: 100, viewsPerReader: 3 }, shared);
    expect(a.isShared).toBe(true);
    expect(await a.view('198.51.100.1', 'reader-a', t)).toBeUndefined();
    expect(await b.view('198.51.100.1', 'reader-a', t)).toBeUndefined();
    expect(await a.view('198.51.100.1', 'reader-a', t)).toBeUndefined();
    expect(await b.view('198.51.100.1', 'reader-a', t)).toEqual({ retryAfterS: 30, message: 'Too many view reports from this reader; retry in 30 s' });
    expect(windows.seen.join(' ')).not.toMatch(/198\.51|reader-a/);
    expect(states).toEqual([]);
  });

  it('falls back to the process\'s own windows while the shared ones fail, and never refuses because of them', async () => {
    const windows = new MapWindows();
    const states: string[] = [];
    const limits = new CounterRateLimits({ viewsPerAddress: 100, viewsPerReader: 2 }, { windows, secret: 'a-site-secret-0123456789', onStateChange: (s) => states.push(s) });
    windows.down = true;
    expect(await limits.view('198.51.100.1', 'reader-b', t)).toBeUndefined();
    expect(await limits.view('198.51.100.1', 'reader-b', t)).toBeUndefined();
    // The local windows still limit during the outage.
    expect((await limits.view('198.51.100.1', 'reader-b', t))?.message).toMatch(/this reader/);
    expect(states).toEqual(['degraded']);
  });
});
