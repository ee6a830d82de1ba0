import { emptyFields, EDITOR_ACTIONS, type EditorAction, type EditorFields } from '../../services/newsroom-service.js';
import type { SiteSettings } from '../../content/types.js';
import type { SettingsForm } from './views/settings-view.js';

type Body = Record<string, unknown> | undefined | null;

/** A form value as one string (the first when the field was repeated). */
export function text(body: Body, key: string): string {
  const v = body?.[key];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** The editor's fields from a posted form or an autosave's JSON. */
export function editorFields(body: Body): EditorFields {
  const f = emptyFields();
  for (const key of ['title', 'slug', 'summary', 'body', 'section', 'tags', 'authors', 'coverImageUrl', 'coverImageId', 'coverAlt', 'coverCaption', 'recommendedUntil', 'publishAt', 'reviewNote'] as const) {
    f[key] = text(body, key);
  }
  const rec = body?.recommended;
  f.recommended = rec === true || (typeof rec === 'string' && rec !== '' && rec !== '0' && rec !== 'false');
  return f;
}

export function editorAction(body: Body): EditorAction {
  const a = text(body, 'action');
  return (EDITOR_ACTIONS as readonly string[]).includes(a) ? (a as EditorAction) : 'draft';
}

export function settingsForm(s: SiteSettings): SettingsForm {
  return {
    name: s.name, tagline: s.tagline, baseUrl: s.baseUrl, timezone: s.timezone, language: s.language,
    reactions: s.reactions.map((r) => `${r.key}: ${r.label}`).join('\n'), rankingWindow: s.rankingWindow,
    navSections: String(s.navSections), aboutUrl: s.aboutUrl, contactUrl: s.contactUrl, logoImageId: String(s.logoImageId),
  };
}

export function postedSettings(body: Body): SettingsForm {
  return {
    name: text(body, 'name'), tagline: text(body, 'tagline'), baseUrl: text(body, 'baseUrl'), timezone: text(body, 'timezone'),
    language: text(body, 'language'), reactions: text(body, 'reactions'), rankingWindow: text(body, 'rankingWindow'),
    navSections: text(body, 'navSections'), aboutUrl: text(body, 'aboutUrl'), contactUrl: text(body, 'contactUrl'),
    logoImageId: text(body, 'logoImageId') || '0',
  };
}

/** "good: veryGood!" lines → reaction kinds (the settings schema judges them). */
export function parseReactions(lines: string): { key: string; label: string }[] {
  return lines.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return at === -1 ? { key: line.trim(), label: line.trim() } : { key: line.slice(0, at).trim(), label: line.slice(at + 1).trim() };
  });
}

/** Zod paths such as "reactions" with a nested key come back under the field's own name. */
export function fieldErrors(details: Record<string, unknown> | undefined): Record<string, string> {
  const fields = details?.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}
