import { describe, expect, it } from 'vitest';
import { epochToZoned, zonedToEpoch } from './zoned-time.js';

describe('zoned time', () => {
  it('reads a wall-clock time in the given zone', () => {
    expect(zonedToEpoch('2026-12-01T14:30', 'UTC')).toBe(Date.UTC(2026, 11, 1, 14, 30));
    expect(zonedToEpoch('2026-12-01T14:30', 'Europe/Zurich')).toBe(Date.UTC(2026, 11, 1, 13, 30));
    expect(zonedToEpoch('2026-07-01T14:30', 'Europe/Zurich')).toBe(Date.UTC(2026, 6, 1, 12, 30));
    expect(zonedToEpoch('2026-07-01T14:30', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 18, 30));
  });

  it('round-trips, and refuses malformed input', () => {
    const t = Date.UTC(2026, 2, 29, 3, 15);
    expect(zonedToEpoch(epochToZoned(t, 'Europe/Zurich'), 'Europe/Zurich')).toBe(t);
    expect(epochToZoned(Date.UTC(2026, 11, 1, 13, 30), 'Europe/Zurich')).toBe('2026-12-01T14:30');
    expect(zonedToEpoch('tomorrow', 'UTC')).toBeUndefined();
    expect(zonedToEpoch('2026-13-45T99:00', 'UTC')).toBeUndefined();
  });
});
