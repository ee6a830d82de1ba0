import type { TaxonomyFields } from '../../../services/taxonomy-admin-service.js';
import type { Page, TaxonomyEntry, TaxonomyKind } from '../../../storage/ports.js';
import { AdminLayout, Csrf, Field, type AdminContext } from './admin-layout.js';

export const TAXONOMY_PATH: Record<TaxonomyKind, string> = { tag: '/admin/tags', author: '/admin/authors' };
const TITLE: Record<TaxonomyKind, string> = { tag: 'Tags', author: 'Authors' };
const NOUN: Record<TaxonomyKind, string> = { tag: 'tag', author: 'author' };
const PUBLIC: Record<TaxonomyKind, string> = { tag: '/tag/', author: '/author/' };

export interface TaxonomyPageProps {
  ctx: AdminContext;
  kind: TaxonomyKind;
  result: Page<TaxonomyEntry> & { pages: number };
  search: string;
  page: number;
  /** The entry being changed (undefined: the form adds one). */
  editing: TaxonomyEntry | undefined;
  form: TaxonomyFields;
  /** What the merge field held, when a merge failed. */
  into?: string | undefined;
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

/**
 * Tags or authors: a searchable list (most used first) and one form to add or change one; the
 * entry being changed can also be merged into another or deleted.
 */
export function TaxonomyPage(p: TaxonomyPageProps) {
  const { ctx, kind, form: f } = p;
  const e = p.errors ?? {};
  const base = TAXONOMY_PATH[kind];
  const noun = NOUN[kind];
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (p.search) params.set('q', p.search);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  return (
    <AdminLayout ctx={ctx} title={TITLE[kind]}>
      <h1>{TITLE[kind]}</h1>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
      <form class="filters" method="get" action={base} role="search">
        <label>{`Search ${TITLE[kind].toLowerCase()}`}
          <input type="search" name="q" value={p.search} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p class="muted">{`${p.result.total.toLocaleString('en')} ${TITLE[kind].toLowerCase()}`}</p>
      <table class="article-table" data-taxonomy={kind}>
        <thead><tr><th>Name</th><th>Slug</th><th>Articles</th><th /></tr></thead>
        <tbody>
          {p.result.items.map((t) => (
            <tr data-entry-id={t.id}>
              <td>{t.name}</td>
              <td><a href={`${PUBLIC[kind]}${t.slug}`} target="_blank" rel="noopener">{t.slug}</a></td>
              <td>{t.articles}</td>
              <td><a href={`${base}?edit=${t.id}`}>Edit</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.result.pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.page > 1 ? <a rel="prev" href={href(p.page - 1)}>Previous</a> : null}
          <span>{`Page ${p.page} of ${p.result.pages}`}</span>
          {p.page < p.result.pages ? <a rel="next" href={href(p.page + 1)}>Next</a> : null}
        </nav>
      ) : null}

      <h2>{p.editing ? `Change the ${noun} “${p.editing.name}”` : `Add ${kind === 'author' ? 'an' : 'a'} ${noun}`}</h2>
      <form method="post" action={p.editing ? `${base}/${p.editing.id}` : base} class="stack">
        <Csrf ctx={ctx} />
        <Field id="taxonomy-name" label="Name" error={e.name}><input id="taxonomy-name" name="name" type="text" value={f.name} required maxLength={120} /></Field>
        <Field id="taxonomy-slug" label="Slug" error={e.slug} hint={`The address: ${PUBLIC[kind]}slug. Made from the name when left empty.`}>
          <input id="taxonomy-slug" name="slug" type="text" value={f.slug} />
        </Field>
        {kind === 'author' ? (
          <>
            <Field id="taxonomy-bio" label="Bio" error={e.bio}>
              <textarea id="taxonomy-bio" name="bio" rows={3} maxLength={2000}>{f.bio}</textarea>
            </Field>
            <Field id="taxonomy-photo" label="Photo URL" error={e.photoUrl} hint="A full address, https://…">
              <input id="taxonomy-photo" name="photoUrl" type="url" value={f.photoUrl} />
            </Field>
          </>
        ) : null}
        <button type="submit" class="primary">{p.editing ? `Save ${noun}` : `Add ${noun}`}</button>
      </form>

      {p.editing ? (
        <>
          <h2>{`Merge “${p.editing.name}” into another ${noun}`}</h2>
          <form method="post" action={`${base}/${p.editing.id}/merge`} class="stack">
            <Csrf ctx={ctx} />
            <Field id="taxonomy-into" label={`Merge into (${noun} name or slug)`} error={e.into} hint={`Its ${p.editing.articles} articles move there; “${p.editing.name}” is then deleted.`}>
              <input id="taxonomy-into" name="into" type="text" value={p.into ?? ''} required list="taxonomy-known" autocomplete="off"
                data-typeahead={`/admin/api/${kind === 'tag' ? 'tags' : 'authors'}`} />
              <datalist id="taxonomy-known" />
            </Field>
            <button type="submit">Merge</button>
          </form>
          <form method="post" action={`${base}/${p.editing.id}/delete`} class="stack">
            <Csrf ctx={ctx} />
            <p class="muted">{`Deleting takes “${p.editing.name}” off its ${p.editing.articles} articles; the articles stay.`}</p>
            <button type="submit" class="danger">{`Delete ${noun}`}</button>
          </form>
        </>
      ) : null}
    </AdminLayout>
  );
}
