import { AdminLayout, Csrf, Field, type AdminContext } from './admin-layout.js';

export interface SettingsForm {
  name: string;
  tagline: string;
  baseUrl: string;
  timezone: string;
  language: string;
  /** One reaction a line: "key: Label". */
  reactions: string;
  rankingWindow: string;
  /** How many sections the navigation bar shows (a whole number, as typed). */
  navSections: string;
  aboutUrl: string;
  contactUrl: string;
  /** The library image shown as the logo ('0': none). */
  logoImageId: string;
}

const WINDOWS = [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['all', 'All time'], ['trending', 'Trending']] as const;

/** Site settings, each field with its own error. */
export function SettingsPage(p: { ctx: AdminContext; form: SettingsForm; images: { id: number; filename: string; alt: string }[]; errors?: Record<string, string> | undefined; notice?: string | undefined; error?: string | undefined }) {
  const { ctx, form: f } = p;
  const e = p.errors ?? {};
  return (
    <AdminLayout ctx={ctx} title="Site settings">
      <h1>Site settings</h1>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
      <form method="post" action="/admin/settings" class="stack settings">
        <Csrf ctx={ctx} />
        <Field id="name" label="Site name" error={e.name}><input id="name" name="name" type="text" value={f.name} /></Field>
        <Field id="tagline" label="Tagline" error={e.tagline}><input id="tagline" name="tagline" type="text" value={f.tagline} /></Field>
        <Field id="baseUrl" label="Base URL" error={e.baseUrl} hint="The public address, for links in feeds and sitemaps."><input id="baseUrl" name="baseUrl" type="text" value={f.baseUrl} /></Field>
        <Field id="timezone" label="Time zone" error={e.timezone} hint="A name such as Europe/Zurich or UTC."><input id="timezone" name="timezone" type="text" value={f.timezone} /></Field>
        <Field id="language" label="Language" error={e.language} hint="A tag such as en or de-CH."><input id="language" name="language" type="text" value={f.language} /></Field>
        <Field id="reactions" label="Reactions" error={e.reactions} hint="One a line: key: Label (the first is the main one).">
          <textarea id="reactions" name="reactions" rows={4}>{f.reactions}</textarea>
        </Field>
        <Field id="rankingWindow" label="Ranking window" error={e.rankingWindow}>
          <select id="rankingWindow" name="rankingWindow">
            {WINDOWS.map(([v, l]) => <option value={v} selected={f.rankingWindow === v}>{l}</option>)}
          </select>
        </Field>
        <Field id="logoImageId" label="Logo" error={e.logoImageId} hint="An image of the media library, shown in the header instead of the name and named as the publisher's logo; upload it from an article's editor first.">
          <select id="logoImageId" name="logoImageId" aria-describedby="logoImageId-hint">
            <option value="0" selected={f.logoImageId === '0'}>None: the site's name in type</option>
            {p.images.map((i) => <option value={String(i.id)} selected={f.logoImageId === String(i.id)}>{i.alt ? `${i.filename} (${i.alt})` : i.filename}</option>)}
          </select>
        </Field>
        <Field id="navSections" label="Sections in the navigation bar" error={e.navSections} hint="The first sections in the order set under Sections; the others are listed under More.">
          <input id="navSections" name="navSections" type="number" min={0} max={30} step={1} value={f.navSections} aria-describedby="navSections-hint" />
        </Field>
        <Field id="aboutUrl" label="About page" error={e.aboutUrl} hint="A path such as /about or a full address, linked from the footer; empty for none.">
          <input id="aboutUrl" name="aboutUrl" type="text" value={f.aboutUrl} aria-describedby="aboutUrl-hint" />
        </Field>
        <Field id="contactUrl" label="Contact page" error={e.contactUrl} hint="A path, a full address or mailto:, linked from the footer; empty for none.">
          <input id="contactUrl" name="contactUrl" type="text" value={f.contactUrl} aria-describedby="contactUrl-hint" />
        </Field>
        <button type="submit" class="primary">Save settings</button>
      </form>
    </AdminLayout>
  );
}
