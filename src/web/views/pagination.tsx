import { t, type ViewContext } from './format.js';

/** Newer / Older links with "Page N of M" between them; nothing when there is one page. */
export function Pagination(p: { ctx: ViewContext; page: number; pages: number; pathFor: (page: number) => string }) {
  if (p.pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t(p.ctx, 'pagination')}>
      {p.page > 1 ? <a rel="prev" href={p.pathFor(p.page - 1)}>← {t(p.ctx, 'previous')}</a> : <span />}
      <span class="muted">{t(p.ctx, 'page', { page: p.page, pages: p.pages })}</span>
      {p.page < p.pages ? <a rel="next" href={p.pathFor(p.page + 1)}>{t(p.ctx, 'next')} →</a> : <span />}
    </nav>
  );
}
