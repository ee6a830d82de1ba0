import { describe, expect, it } from 'vitest';
import { CounterRateLimits } from './counter-limits.js';

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
    expect(limits.view('198.51.100.2', undefined, t)?.message).toMatch(/this reader/);
    // A new window a minute later; reactions are counted apart.
    expect(limits.view('198.51.100.1', 'reader-a', t + 60_000)).toBeUndefined();
    expect(limits.reaction('198.51.100.1', 'reader-a', t)).toBeUndefined();
  });
});
