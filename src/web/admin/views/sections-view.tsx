import type { SectionFields } from '../../../services/newsroom-service.js';
import { AdminLayout, Csrf, Field, type AdminContext } from './admin-layout.js';

export interface SectionRow {
  id: number;
  name: string;
  slug: string;
  depth: number;
  position: number;
}

/** Sections as a tree, in their order (the order of the site's navigation), and one form to add or change one. */
export function SectionsPage(p: {
  ctx: AdminContext; sections: SectionRow[]; editing: number | undefined; form: SectionFields;
  errors?: Record<string, string> | undefined; notice?: string | undefined; error?: string | undefined;
}) {
  const { ctx, form: f } = p;
  const e = p.errors ?? {};
  return (
    <AdminLayout ctx={ctx} title="Sections">
      <h1>Sections</h1>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      {p.error ? <p class="form-error" role="alert">{p.error}</p> : null}
      <table class="article-table">
        <thead><tr><th>Section</th><th>Slug</th><th>Position</th><th /></tr></thead>
        <tbody>
          {p.sections.map((s) => (
            <tr>
              <td>{`${'— '.repeat(s.depth)}${s.name}`}</td>
              <td>{s.slug}</td>
              <td>{s.position}</td>
              <td><a href={`/admin/sections?edit=${s.id}`}>Edit</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{p.editing ? 'Change the section' : 'Add a section'}</h2>
      <form method="post" action={p.editing ? `/admin/sections/${p.editing}` : '/admin/sections'} class="stack">
        <Csrf ctx={ctx} />
        <Field id="section-name" label="Name" error={e.name}><input id="section-name" name="name" type="text" value={f.name} required /></Field>
        <Field id="section-slug" label="Slug" error={e.slug} hint="The address: /category/slug. Made from the name when left empty.">
          <input id="section-slug" name="slug" type="text" value={f.slug} />
        </Field>
        <Field id="section-parent" label="Parent" error={e.parent}>
          <select id="section-parent" name="parent">
            <option value="">None (top level: in the navigation)</option>
            {p.sections.filter((s) => s.id !== p.editing).map((s) => <option value={String(s.id)} selected={f.parent === String(s.id)}>{`${'— '.repeat(s.depth)}${s.name}`}</option>)}
          </select>
        </Field>
        <Field id="section-position" label="Position" error={e.position} hint="Lower comes first in the navigation and lists.">
          <input id="section-position" name="position" type="number" min="0" value={f.position} />
        </Field>
        <Field id="section-description" label="Description" error={e.description}>
          <textarea id="section-description" name="description" rows={2}>{f.description}</textarea>
        </Field>
        <button type="submit" class="primary">{p.editing ? 'Save section' : 'Add section'}</button>
      </form>
    </AdminLayout>
  );
}
