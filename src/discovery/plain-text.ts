import { stripMarkup } from './strip-markup.js';
import { tokenize } from './tokenize.js';

// Markup can triple the raw size; cutting before stripping keeps a 5 MB body cheap.
const RAW_FACTOR = 4;

/** Plain text of a title or body: markup stripped and capped at maxChars. */
export function plainText(raw: unknown, maxChars: number): string {
  if (typeof raw !== 'string') return '';
  const capped = raw.length > maxChars * RAW_FACTOR ? raw.slice(0, maxChars * RAW_FACTOR) : raw;
  const text = stripMarkup(capped);
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

/** Normalises an editorial tag so 'Élection 2024' and 'election-2024' meet. */
export function normalizeTag(tag: unknown): string {
  return typeof tag === 'string' ? tokenize(tag.slice(0, 200)).join('-') : '';
}
