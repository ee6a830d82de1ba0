import type { Messages } from '../../i18n/messages.js';
import { format } from '../../i18n/messages.js';
import { offsetAt, wallClock } from '../../content/zoned-time.js';
import type { KeptHtml } from './render.js';

/** What every view needs to speak the site's language and time zone. */
export interface ViewContext {
  siteName: string;
  tagline: string;
  baseUrl: string;
  language: string;
  timezone: string;
  messages: Messages;
  /** Every top-level section, in the order set in the admin. */
  nav: { name: string; href: string; current?: boolean }[];
  /** How many of `nav` the bar shows; the rest are under "More" (default: all). */
  navShown?: number;
  /** The site's own pages linked from the footer, when its settings name them. */
  aboutUrl?: string;
  contactUrl?: string;
  /** The site's logo (an image of the library with its size); the name in type without one. */
  logo?: { src: string; width: number; height: number } | undefined;
  /**
   * Rendered header and footer HTML by key, shared by every page of one state of the site (its
   * settings, sections and logo): a new state gets a new map. Without it they render per page.
   */
  shell?: Map<string, KeptHtml>;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

// Pages show the same dates over and over (every card's); formatting one costs microseconds, so
// each string is made once, in a map per format, language and zone keyed by the time itself (a
// number: no key string to build and hash per date). Bounded: a full map starts again.
const formatted = new Map<string, Map<number, string>>();
const FORMATTED_MAX = 50_000;
function remembered(format: string, ms: number, make: () => string): string {
  let strings = formatted.get(format);
  if (!strings) formatted.set(format, (strings = new Map()));
  let s = strings.get(ms);
  if (s === undefined) {
    if (strings.size >= FORMATTED_MAX) strings.clear();
    strings.set(ms, (s = make()));
  }
  return s;
}

/** "Apr 24, 2025, 12:02 PM" in the site's time zone and language. */
export function formatDateTime(ctx: ViewContext, ms: number): string {
  const key = `${ctx.language}|${ctx.timezone}`;
  return remembered(`d|${key}`, ms, () => {
    let f = dateFormats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(ctx.language, { timeZone: ctx.timezone, dateStyle: 'medium', timeStyle: 'short' });
      dateFormats.set(key, f);
    }
    return f.format(ms);
  });
}

/** ISO 8601 with the site's UTC offset, for `<time datetime>` and JSON-LD. */
export function isoDateTime(ctx: ViewContext, ms: number): string {
  return remembered(`i|${ctx.timezone}`, ms, () => isoIn(ctx.timezone, ms));
}

function isoIn(timezone: string, ms: number): string {
  const w = wallClock(ms, timezone);
  const offsetMin = Math.round(offsetAt(ms, timezone) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = offsetMin === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}${offset}`;
}

/** 12,345 in the site's language. */
export function formatNumber(ctx: ViewContext, n: number): string {
  // Counts repeat across pages as dates do (most articles show a handful of distinct ones).
  return remembered(`n|${ctx.language}`, n, () => {
    let f = numberFormats.get(ctx.language);
    if (!f) {
      f = new Intl.NumberFormat(ctx.language);
      numberFormats.set(ctx.language, f);
    }
    return f.format(n);
  });
}

/** A catalogue message with placeholders filled. */
export function t(ctx: ViewContext, key: keyof Messages, params?: Record<string, string | number>): string {
  return format(ctx.messages[key], params);
}
