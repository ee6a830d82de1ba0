import { Layout } from './layout.js';
import { Pagination } from './pagination.js';
import { CardList, type CardView } from './article-list.js';
import { t, type ViewContext } from './format.js';

export interface SearchPageProps {
  ctx: ViewContext;
  query: string;
  items: CardView[];
  total: number;
  page: number;
  pages: number;
}

/** Search results, with the query kept in the box so a reader can refine it. */
export function SearchPage(p: SearchPageProps) {
  const { ctx } = p;
  const pathFor = (page: number) => `/search?q=${encodeURIComponent(p.query)}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <Layout ctx={ctx} meta={{ title: p.query ? t(ctx, 'searchResultsFor', { query: p.query }) : t(ctx, 'search'), canonicalPath: '/search', noindex: true }}>
      <header class="listing-header">
        <h1>{p.query ? t(ctx, 'searchResultsFor', { query: p.query }) : t(ctx, 'search')}</h1>
        <form class="search search--page" role="search" action="/search" method="get">
          <label class="visually-hidden" for="q-page">{t(ctx, 'search')}</label>
          <input id="q-page" name="q" type="search" value={p.query} placeholder={t(ctx, 'searchPlaceholder')} />
          <button type="submit">{t(ctx, 'search')}</button>
        </form>
        {p.query ? <p class="muted small">{t(ctx, 'articlesCount', { count: p.total })}</p> : null}
      </header>
      {p.items.length ? <CardList ctx={ctx} items={p.items} /> : p.query ? <p class="empty">{t(ctx, 'noResults')}</p> : null}
      <Pagination ctx={ctx} page={p.page} pages={p.pages} pathFor={pathFor} />
    </Layout>
  );
}
