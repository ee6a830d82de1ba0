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
}

const WINDOWS = [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['all', 'All time'], ['trending', 'Trending']] as const;

/** Site settings, each field with its own error. */
export function SettingsPage(p: { ctx: AdminContext; form: SettingsForm; errors?: Record<string, string> | undefined; notice?: string | undefined; error?: string | undefined }) {
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
        <button type="submit" class="primary">Save settings</button>
      </form>
    </AdminLayout>
  );
}
