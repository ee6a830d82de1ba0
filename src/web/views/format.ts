import type { Messages } from '../../i18n/messages.js';
import { format } from '../../i18n/messages.js';

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
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** "Apr 24, 2025, 12:02 PM" in the site's time zone and language. */
export function formatDateTime(ctx: ViewContext, ms: number): string {
  const key = `${ctx.language}|${ctx.timezone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.language, { timeZone: ctx.timezone, dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(key, f);
  }
  return f.format(ms);
}

/** ISO 8601 with the site's UTC offset, for `<time datetime>` and JSON-LD. */
export function isoDateTime(ctx: ViewContext, ms: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ctx.timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'), +get('second'));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = offsetMin === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** 12,345 in the site's language. */
export function formatNumber(ctx: ViewContext, n: number): string {
  let f = numberFormats.get(ctx.language);
  if (!f) {
    f = new Intl.NumberFormat(ctx.language);
    numberFormats.set(ctx.language, f);
  }
  return f.format(n);
}

/** A catalogue message with placeholders filled. */
export function t(ctx: ViewContext, key: keyof Messages, params?: Record<string, string | number>): string {
  return format(ctx.messages[key], params);
}
