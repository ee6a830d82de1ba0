import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../assets.js';
import { can } from '../../../accounts/roles.js';
import type { User } from '../../../storage/ports.js';

export interface AdminContext {
  siteName: string;
  timezone: string;
  language: string;
  /** The signed-in account (undefined on the sign-in page). */
  user?: User | undefined;
  /** The CSRF token every form of the page carries. */
  csrf: string;
  /** Articles waiting for review (shown to those who review). */
  reviewCount?: number | undefined;
}

/** The hidden field that carries the CSRF token. */
export function Csrf(p: { ctx: AdminContext }) {
  return <input type="hidden" name="_csrf" value={p.ctx.csrf} />;
}

/** One labelled form field with its error (the label is the stable hook tests and themes use). */
export function Field(p: { id: string; label: string; error?: string | undefined; hint?: string; children: ComponentChildren }) {
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <label for={p.id}>{p.label}</label>
      {p.children}
      {p.hint ? <p class="field__hint" id={`${p.id}-hint`}>{p.hint}</p> : null}
      {p.error ? <p class="field__error" id={`${p.id}-error`} role="alert">{p.error}</p> : null}
    </div>
  );
}

/** The newsroom's shell: its own styles and script, never indexed, never cached. */
export function AdminLayout(p: { ctx: AdminContext; title: string; children: ComponentChildren }) {
  const { ctx } = p;
  const user = ctx.user;
  return (
    <html lang={ctx.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="csrf-token" content={ctx.csrf} />
        <title>{`${p.title} · ${ctx.siteName} newsroom`}</title>
        <link rel="stylesheet" href={assetUrl('admin.css')} />
        <script src={assetUrl('admin.js')} defer />
        <script src={assetUrl('admin-typeahead.js')} defer />
      </head>
      <body class="admin">
        <header class="admin-header">
          <a class="admin-header__site" href={user ? '/admin' : '/'}>{ctx.siteName}</a>
          {user ? (
            <nav class="admin-nav" aria-label="Newsroom">
              <a href="/admin">Articles</a>
              <a href="/admin/articles/new">New article</a>
              <a href="/admin?status=bin">Bin</a>
              {ctx.reviewCount !== undefined ? <a href="/admin?status=review" data-review-queue>{`Review (${ctx.reviewCount})`}</a> : null}
              {can.manageContent(user) ? <a href="/admin/front-page">Front page</a> : null}
              {can.seeAllArticles(user) ? <a href="/admin/sections">Sections</a> : null}
              {can.manageContent(user) ? <a href="/admin/tags">Tags</a> : null}
              {can.manageContent(user) ? <a href="/admin/authors">Authors</a> : null}
              {can.manageSite(user) ? <a href="/admin/settings">Settings</a> : null}
              {can.manageSite(user) ? <a href="/admin/users">Users</a> : null}
              {can.manageSite(user) ? <a href="/admin/audit">Audit log</a> : null}
              <a href="/" target="_blank" rel="noopener">View site</a>
            </nav>
          ) : null}
          {user ? (
            <form class="admin-header__account" method="post" action="/admin/logout">
              <Csrf ctx={ctx} />
              <span class="admin-header__user">{user.name} ({user.role})</span>
              <button type="submit">Sign out</button>
              <button type="submit" formaction="/admin/logout-everywhere" class="link-button">Sign out everywhere</button>
            </form>
          ) : null}
        </header>
        <main class="admin-main" id="main">{p.children}</main>
      </body>
    </html>
  );
}

/** "Dec 1, 2026, 14:30" in the site's zone. */
export function when(ctx: AdminContext, ms: number | null): string {
  if (ms === null) return '—';
  // Building a formatter costs far more than using one; a list page shows a hundred dates.
  const key = `${ctx.language}|${ctx.timezone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.language, { timeZone: ctx.timezone, dateStyle: 'medium', timeStyle: 'short' });
    formats.set(key, f);
  }
  return f.format(ms);
}

const formats = new Map<string, Intl.DateTimeFormat>();
