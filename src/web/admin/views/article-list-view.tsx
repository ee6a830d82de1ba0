import { can } from '../../../accounts/roles.js';
import type { AdminArticleRow, Page } from '../../../storage/ports.js';
import type { ListFilterInput } from '../../../services/newsroom-service.js';
import { AdminLayout, Csrf, when, type AdminContext } from './admin-layout.js';

/** The list's filters as the query string gives them (the newsroom service reads the same). */
export type ListFilters = ListFilterInput;

const STATUSES = [['', 'Any status'], ['draft', 'Drafts'], ['review', 'In review'], ['scheduled', 'Scheduled'], ['published', 'Published'], ['bin', 'Bin']] as const;

function pageHref(f: ListFilters, page: number): string {
  const params = new URLSearchParams();
  for (const k of ['status', 'section', 'author', 'q', 'from', 'to', 'date'] as const) if (f[k]) params.set(k, f[k]!);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/admin?${qs}` : '/admin';
}

/** The article list: filters, search, pages; each title opens the editor. */
export function ArticleListPage(p: {
  ctx: AdminContext; filters: ListFilters; result: Page<AdminArticleRow> & { pages: number; exact: boolean };
  sections: { id: number; name: string }[]; notice?: string | undefined; errors?: Record<string, string> | undefined;
}) {
  const { ctx, filters: f, result } = p;
  const e = p.errors ?? {};
  const sectionName = new Map(p.sections.map((s) => [s.id, s.name]));
  const inBin = f.status === 'bin';
  return (
    <AdminLayout ctx={ctx} title="Articles">
      <div class="toolbar">
        <h1>{inBin ? 'Bin' : f.status === 'review' ? 'Review queue' : 'Articles'}</h1>
        <a class="button primary" href="/admin/articles/new">New article</a>
      </div>
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      <form class="filters" method="get" action="/admin" role="search">
        <label>Status
          <select name="status">{STATUSES.map(([v, l]) => <option value={v} selected={(f.status ?? '') === v}>{l}</option>)}</select>
        </label>
        <label>Section
          <select name="section">
            <option value="">Any section</option>
            {p.sections.map((s) => <option value={String(s.id)} selected={f.section === String(s.id)}>{s.name}</option>)}
          </select>
        </label>
        <label>Author
          <input type="text" name="author" value={f.author ?? ''} placeholder="Name" />
        </label>
        <label>Search titles
          <input type="search" name="q" value={f.q ?? ''} />
        </label>
        <label>Date
          <select name="date">
            <option value="" selected={f.date !== 'published'}>Updated</option>
            <option value="published" selected={f.date === 'published'}>Published</option>
          </select>
        </label>
        <label>{`From (${ctx.timezone})`}
          <input type="date" name="from" value={f.from ?? ''} aria-invalid={e.from ? 'true' : undefined} />
        </label>
        <label>{`To (${ctx.timezone})`}
          <input type="date" name="to" value={f.to ?? ''} aria-invalid={e.to ? 'true' : undefined} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {Object.values(e).map((m) => <p class="form-error" role="alert">{m}</p>)}
      <p class="muted">{result.exact ? `${result.total.toLocaleString('en')} articles` : `More than ${(result.total - 1).toLocaleString('en')} articles`}</p>
      <table class="article-table">
        <thead>
          <tr><th>Title</th><th>Status</th><th>Section</th><th>Published</th><th>Updated</th>{inBin ? <th /> : null}</tr>
        </thead>
        <tbody>
          {result.items.map((a) => (
            <tr data-article-id={a.id}>
              <td>
                {inBin || !can.editArticle(ctx.user!, a) ? a.title : <a href={`/admin/articles/${a.id}/edit`}>{a.title}</a>}
                {/* A writer's published article is an editor's to change; the writer can still read it. */}
                {!inBin && !can.editArticle(ctx.user!, a) && a.status !== 'draft' ? <> · <a href={`/articles/${a.slug}`} target="_blank" rel="noopener">View</a></> : null}
              </td>
              <td>
                <span class={`status status--${a.status}`}>{a.status}</span>
                {a.reviewState === 'submitted' ? <span class="status status--review" data-review-badge>in review</span> : null}
                {a.reviewState === 'returned' ? <span class="status status--returned">sent back</span> : null}
              </td>
              <td>{a.categoryId === null ? '—' : sectionName.get(a.categoryId) ?? '—'}</td>
              <td>{when(ctx, a.publishedAt)}</td>
              <td>{when(ctx, a.updatedAt)}</td>
              {inBin ? (
                <td>
                  <form method="post" action={`/admin/articles/${a.id}/restore`}>
                    <Csrf ctx={ctx} />
                    <button type="submit">Restore</button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {result.pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {f.page > 1 ? <a rel="prev" href={pageHref(f, f.page - 1)}>Previous</a> : null}
          <span>{result.exact ? `Page ${f.page} of ${result.pages}` : `Page ${f.page}`}</span>
          {f.page < result.pages ? <a rel="next" href={pageHref(f, f.page + 1)}>Next</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}
