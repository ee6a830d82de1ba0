import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SiteSettings } from '../content/types.js';

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A footer link: empty, a path on the site (/about), or a full http(s) address. */
const linkField = z.string().trim().max(500, 'At most 500 characters')
  .refine((u) => u === '' || /^\/(?!\/)[^\s]*$/.test(u) || /^https?:\/\/[^\s]+$/i.test(u) || /^mailto:[^\s]+$/i.test(u), 'Give a path such as /about, a full https:// address or mailto:');

/**
 * The one schema of the site settings: what the admin may write, and how a stored value is
 * read back. Settings are stored as strings (key/value), so numbers and lists are parsed here.
 */
const fields = {
  name: z.string().trim().min(1, 'The site needs a name').max(120, 'At most 120 characters'),
  tagline: z.string().trim().max(300, 'At most 300 characters'),
  baseUrl: z.string().trim().url('Give a full address such as https://news.example.com')
    .refine((u) => /^https?:\/\//i.test(u), 'The address must start with http:// or https://')
    .transform((u) => u.replace(/\/+$/, '')),
  timezone: z.string().trim().refine(validTimezone, 'Not a time zone; use a name such as Europe/Zurich or UTC'),
  language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as en or de-CH'),
  reactions: z.array(z.object({
    key: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'A reaction key is 1–32 lower-case letters, digits, - or _'),
    label: z.string().trim().min(1, 'A reaction needs a label').max(40, 'A reaction label has at most 40 characters'),
  })).min(1, 'Offer at least one reaction').max(8, 'At most 8 reactions')
    .refine((kinds) => new Set(kinds.map((k) => k.key)).size === kinds.length, 'Two reactions have the same key'),
  rankingWindow: z.enum(['24h', '7d', '30d', 'all', 'trending']),
  trendingHalfLifeHours: z.coerce.number().positive('Must be more than 0').max(24 * 30, 'At most 720 hours'),
  feedContent: z.enum(['full', 'summary']),
  navSections: z.coerce.number().int('A whole number of sections').min(0, 'At least 0').max(30, 'At most 30 sections'),
  logoImageId: z.coerce.number().int('Choose an image of the library').min(0, 'Choose an image of the library'),
  aboutUrl: linkField,
  contactUrl: linkField,
  viewDedupeMinutes: z.coerce.number().int('A whole number of minutes').min(0).max(24 * 60, 'At most 1,440 minutes'),
} satisfies { [K in keyof SiteSettings]: z.ZodType<SiteSettings[K], unknown> };

export type SettingKey = keyof SiteSettings;
const KEYS = Object.keys(fields) as SettingKey[];

/** Stored text → value: lists are JSON, the rest is taken as written (numbers are coerced by the schema). */
function fromStored(key: SettingKey, raw: string): unknown {
  if (key !== 'reactions') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function toStored(key: SettingKey, value: unknown): string {
  return key === 'reactions' ? JSON.stringify(value) : String(value);
}

/**
 * The settings as stored, over `base`. A stored value the schema refuses (written by an older
 * version, or by hand) is reported and the base value kept, rather than breaking every page.
 */
export function readSettings(raw: Record<string, string>, base: SiteSettings, onInvalid: (key: string, message: string) => void): SiteSettings {
  const out: Record<string, unknown> = { ...base };
  for (const key of KEYS) {
    const stored = raw[key];
    if (stored === undefined) continue;
    const parsed = fields[key].safeParse(fromStored(key, stored));
    if (parsed.success) out[key] = parsed.data;
    else onInvalid(key, parsed.error.issues[0]?.message ?? 'invalid');
  }
  return out as unknown as SiteSettings;
}

/**
 * Checks a change to the settings; returns the strings to store. Unknown keys and invalid values
 * throw MH_ERR_VALIDATION with one message per field in `details.fields`, and nothing is written.
 */
export function validateSettings(values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!(key in fields)) {
      errors[key] = 'Not a site setting';
      continue;
    }
    const parsed = fields[key as SettingKey].safeParse(value);
    if (parsed.success) out[key] = toStored(key as SettingKey, parsed.data);
    else errors[key] = parsed.error.issues[0]?.message ?? 'Invalid value';
  }
  const failed = Object.entries(errors);
  if (failed.length) {
    throw new AppError('MH_ERR_VALIDATION', failed.map(([k, m]) => `${k}: ${m}`).join('; '), { fields: errors });
  }
  return out;
}
