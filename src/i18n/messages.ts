import { en } from './en.js';

/** The interface text of one language. Keys are shared; values may use {name} placeholders. */
export type Messages = typeof en;

const catalogues: Record<string, Messages> = { en };

/** The catalogue for a BCP-47 language tag, falling back to its base language, then English. */
export function messagesFor(language: string): Messages {
  return catalogues[language] ?? catalogues[language.split('-')[0] ?? ''] ?? en;
}

/** A message with its {placeholders} filled in. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
