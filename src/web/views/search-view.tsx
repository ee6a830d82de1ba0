import { Layout } from './layout.js';
import { Pagination } from './pagination.js';
import { articleHref, type CardView } from './article-list.js';
import { Picture } from './picture.js';
import { formatDateTime, isoDateTime, t, type ViewContext } from './format.js';
import type { SnippetPart } from '../../search/snippet.js';
import type { SearchPageData } from '../../services/reader-page-service.js';

/** What the search page shows: the reader page service's data, its cards as the views take them. */
export type SearchPageProps = Omit<SearchPageData, 'items'> & {
  ctx: ViewContext;
  items: (CardView & { snippet: SnippetPart[] })[];
};

/** The query string of this search at another page (filters kept). */
function searchPath(p: SearchPageProps, page: number): string {
  const params = new URLSearchParams({ q: p.query });
  for (const [k, v] of Object.entries(p.filters)) if (v) params.set(k, v);
  if (p.sort !== 'relevance') params.set('sort', p.sort);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** Search results with highlighted snippets, and the query and filters kept in the form. */
export function SearchPage(p: SearchPageProps) {
  const { ctx } = p;
  const title = p.query ? t(ctx, 'searchResultsFor', { query: p.query }) : t(ctx, 'search');
  return (
    <Layout ctx={ctx} meta={{ title, canonicalPath: '/search', noindex: true }}>
      <header class="listing-header">
        <h1>{title}</h1>
        <form class="search search--page" role="search" aria-label={t(ctx, 'searchRefine')} action="/search" method="get">
          <label class="visually-hidden" for="q-page">{t(ctx, 'search')}</label>
          <input id="q-page" name="q" type="search" value={p.query} placeholder={t(ctx, 'searchPlaceholder')} maxLength={200} />
          <label>
            {t(ctx, 'searchSection')}{' '}
            <select name="section">
              <option value="">{t(ctx, 'searchAllSections')}</option>
              {p.sections.map((s) => <option value={s.slug} selected={s.slug === p.filters.section}>{s.name}</option>)}
            </select>
          </label>
          <label>{t(ctx, 'searchFrom')} <input type="date" name="from" value={p.filters.from} /></label>
          <label>{t(ctx, 'searchTo')} <input type="date" name="to" value={p.filters.to} /></label>
          <label>
            {t(ctx, 'searchSort')}{' '}
            <select name="sort">
              <option value="relevance" selected={p.sort === 'relevance'}>{t(ctx, 'searchSortRelevance')}</option>
              <option value="date" selected={p.sort === 'date'}>{t(ctx, 'searchSortDate')}</option>
            </select>
          </label>
          {p.filters.tag ? <input type="hidden" name="tag" value={p.filters.tag} /> : null}
          {p.filters.author ? <input type="hidden" name="author" value={p.filters.author} /> : null}
          <button type="submit">{t(ctx, 'search')}</button>
        </form>
        {p.query ? <p class="muted small">{t(ctx, 'articlesCount', { count: p.total >= 1000 ? '1,000+' : p.total })}</p> : null}
      </header>
      {p.items.length ? <h2 class="visually-hidden">{t(ctx, 'articleList')}</h2> : null}
      {p.items.length ? (
        <ol class="cards cards--rows search-results">
          {p.items.map((item) => (
            <li class={item.image ? 'card card--thumb' : 'card'}>
              <article>
                {item.image ? (
                  <a href={articleHref(item)} class="card__media" tabindex={-1} aria-hidden="true">
                    <Picture image={item.image} class="card__thumb" alt="" sizes="(min-width: 36rem) 9rem, 6.5rem" maxWidth={320} />
                  </a>
                ) : null}
                <div class="card__text">
                  {item.categoryName ? <a class="kicker" href={`/category/${item.categorySlug}`}>{item.categoryName}</a> : null}
                  <h3 class="card__title"><a href={articleHref(item)}>{item.title}</a></h3>
                  <p class="card__summary snippet">{item.snippet.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}</p>
                  {item.publishedAt !== null ? (
                    <time class="muted small" datetime={isoDateTime(ctx, item.publishedAt)}>{formatDateTime(ctx, item.publishedAt)}</time>
                  ) : null}
                </div>
              </article>
            </li>
          ))}
        </ol>
      ) : p.query ? <p class="empty">{t(ctx, 'noResults')}</p> : null}
      <Pagination ctx={ctx} page={p.page} pages={p.pages} pathFor={(page) => searchPath(p, page)} />
    </Layout>
  );
}
