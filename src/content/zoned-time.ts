/**
 * Wall-clock times in a named time zone, for the schedule field (`<input type="datetime-local">`
 * gives "2026-12-01T14:30", meant in the site's zone, not the browser's or the server's).
 */

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per zone, kept.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in `timeZone` (24-hour), from one formatter per zone. */
export function wallClock(ms: number, timeZone: string): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  let f = wallClockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    wallClockFormats.set(timeZone, f);
  }
  const out = { year: '0000', month: '01', day: '01', hour: '00', minute: '00', second: '00' };
  for (const p of f.formatToParts(ms)) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `ms`, in ms (whole seconds). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Epoch ms of a "YYYY-MM-DDTHH:MM" wall-clock time in `timeZone`, or undefined when malformed. */
export function zonedToEpoch(local: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls "13-45" over into the next year; such a date is refused instead.
  if (new Date(wall).toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`) return undefined;
  // The offset at the guess, then again at the corrected time (they differ across a DST change).
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** "YYYY-MM-DDTHH:MM" of an instant in `timeZone` (the value a datetime-local field shows). */
export function epochToZoned(ms: number, timeZone: string): string {
  const local = new Date(ms + offsetAt(ms, timeZone));
  return local.toISOString().slice(0, 16);
}
