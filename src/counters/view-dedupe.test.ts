import { describe, expect, it } from 'vitest';
import { MemoryViewDedupe } from './view-dedupe.js';

const MIN = 60_000;
const WINDOW = 30 * MIN;

describe('MemoryViewDedupe', () => {
  it('counts a reader+article once per window, and again once the window has passed', () => {
    const d = new MemoryViewDedupe({ seed: 1 });
    const t0 = Date.UTC(2026, 0, 1);
    expect(d.claim('r1', 7, t0, WINDOW)).toBe(true);
    expect(d.claim('r1', 7, t0 + 1, WINDOW)).toBe(false);
    expect(d.claim('r1', 7, t0 + WINDOW - 1, WINDOW)).toBe(false);
    expect(d.claim('r1', 7, t0 + WINDOW, WINDOW)).toBe(true);
    // The window restarts at the view that counted, not at the repeats in between.
    expect(d.claim('r1', 7, t0 + 2 * WINDOW - 1, WINDOW)).toBe(false);
    expect(d.claim('r1', 7, t0 + 2 * WINDOW, WINDOW)).toBe(true);
  });

  it('keeps readers and articles apart', () => {
    const d = new MemoryViewDedupe({ seed: 1 });
    expect(d.claim('r1', 7, 0, WINDOW)).toBe(true);
    expect(d.claim('r2', 7, 0, WINDOW)).toBe(true);
    expect(d.claim('r1', 8, 0, WINDOW)).toBe(true);
    expect(d.claim('r2', 7, 1, WINDOW)).toBe(false);
    expect(d.claim('r2', 8, 1, WINDOW)).toBe(true);
  });

  it('remembers an alias (a cookie issued with the view) as the same reader', () => {
    const d = new MemoryViewDedupe({ seed: 1 });
    expect(d.claim('anon', 7, 0, WINDOW, 'cookie')).toBe(true);
    expect(d.claim('cookie', 7, MIN, WINDOW)).toBe(false);
    // A repeat by the anonymous identity still marks the new cookie.
    expect(d.claim('anon', 7, 2 * MIN, WINDOW, 'cookie2')).toBe(false);
    expect(d.claim('cookie2', 7, 3 * MIN, WINDOW)).toBe(false);
  });

  it('follows a changed window length (the viewDedupeMinutes setting)', () => {
    const d = new MemoryViewDedupe({ seed: 1 });
    expect(d.claim('r', 1, 0, WINDOW)).toBe(true);
    expect(d.claim('r', 1, 5 * MIN, 5 * MIN)).toBe(true);
  });

  it('expires old entries as time moves on, so memory follows the live window', () => {
    const d = new MemoryViewDedupe({ seed: 1 });
    for (let i = 0; i < 1000; i++) d.claim(`r${i}`, 1, i, WINDOW);
    expect(d.size).toBe(1000);
    // Each call sweeps a bounded batch from the head; a few calls clear the backlog.
    for (let i = 0; i < 10; i++) d.claim(`late${i}`, 1, 2 * WINDOW, WINDOW);
    expect(d.size).toBe(10);
  });

  it('is bounded: past capacity the oldest entry leaves early and is reported', () => {
    const d = new MemoryViewDedupe({ seed: 1, capacity: 100 });
    for (let i = 0; i < 150; i++) expect(d.claim(`r${i}`, 1, i, WINDOW)).toBe(true);
    expect(d.size).toBe(100);
    expect(d.evictedEarly).toBe(50);
    expect(d.claim('r0', 1, 200, WINDOW)).toBe(true); // forgotten: counts again (documented trade-off)
    expect(d.claim('r149', 1, 200, WINDOW)).toBe(false);
  });
});
