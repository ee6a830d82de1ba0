import type { DiffPart } from '../../../services/newsroom-service.js';
import type { Revision } from '../../../storage/ports.js';
import { AdminLayout, when, type AdminContext } from './admin-layout.js';

/** Every save of an article; pick two to compare, or load one back into the editor. */
export function RevisionsPage(p: {
  ctx: AdminContext; articleId: number; title: string; revisions: Revision[];
  diff?: { from: Revision; to: Revision; parts: DiffPart[] } | undefined;
}) {
  const { ctx, revisions } = p;
  const [newest, previous] = revisions;
  return (
    <AdminLayout ctx={ctx} title={`Revisions: ${p.title}`}>
      <div class="toolbar">
        <h1>Revisions of “{p.title}”</h1>
        <a href={`/admin/articles/${p.articleId}/edit`}>Back to the editor</a>
      </div>
      {p.diff ? (
        <section class="diff" aria-label="Differences">
          <h2>From {when(ctx, p.diff.from.savedAt)} ({p.diff.from.kind}) to {when(ctx, p.diff.to.savedAt)} ({p.diff.to.kind})</h2>
          <pre class="diff__text">
            {p.diff.parts.map((part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>))}
          </pre>
        </section>
      ) : null}
      <form method="get" action={`/admin/articles/${p.articleId}/revisions`}>
        <table class="article-table">
          <thead><tr><th>From</th><th>To</th><th>Saved</th><th>By</th><th>Kind</th><th>Title</th><th /></tr></thead>
          <tbody>
            {revisions.map((r) => (
              <tr>
                <td><input type="radio" name="a" value={String(r.id)} aria-label={`Compare from revision ${r.id}`} checked={p.diff ? p.diff.from.id === r.id : r.id === previous?.id} /></td>
                <td><input type="radio" name="b" value={String(r.id)} aria-label={`Compare to revision ${r.id}`} checked={p.diff ? p.diff.to.id === r.id : r.id === newest?.id} /></td>
                <td>{when(ctx, r.savedAt)}</td>
                <td>{r.userName ?? '—'}</td>
                <td>{r.kind}</td>
                <td>{r.title}</td>
                <td><a href={`/admin/articles/${p.articleId}/edit?revision=${r.id}`}>Restore into the editor</a></td>
              </tr>
            ))}
          </tbody>
        </table>
        {revisions.length > 1 ? <button type="submit">Compare</button> : <p class="muted">Only one revision so far.</p>}
      </form>
    </AdminLayout>
  );
}
