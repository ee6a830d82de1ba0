import type { Crumb } from '../../content/category-tree.js';
import { Layout } from './layout.js';
import { Pagination } from './pagination.js';
import { Breadcrumb } from './breadcrumb.js';
import { breadcrumbLd } from './structured-data.js';
import { CardList, type CardView } from './article-list.js';
import { t, type ViewContext } from './format.js';

export interface ListingPageProps {
  ctx: ViewContext;
  title: string;
  description?: string | undefined;
  basePath: string;
  crumbs: Crumb[];
  items: CardView[];
  page: number;
  pages: number;
  total: number;
  subcategories?: { name: string; slug: string }[];
  /** An author's photo; only an https address is shown (the pages' image policy allows no other remote images). */
  photoUrl?: string | undefined;
}

/** Category, tag and author pages: a paginated list of teasers. */
export function ListingPage(p: ListingPageProps) {
  const { ctx } = p;
  const pathFor = (page: number) => (page <= 1 ? p.basePath : `${p.basePath}?page=${page}`);
  return (
    <Layout ctx={ctx} meta={{ title: p.page > 1 ? `${p.title} (${p.page})` : p.title, description: p.description, canonicalPath: pathFor(p.page), feed: { path: p.basePath, title: p.title },
      jsonLd: [breadcrumbLd(ctx, p.crumbs, p.basePath)] }}>
      <Breadcrumb ctx={ctx} crumbs={p.crumbs} />
      <header class="listing-header">
        {p.photoUrl?.startsWith('https://') ? <img class="listing-header__photo" src={p.photoUrl} alt="" width={96} height={96} loading="lazy" referrerpolicy="no-referrer" /> : null}
        <h1>{p.title}</h1>
        {p.description ? <p class="muted">{p.description}</p> : null}
        <p class="muted small">{t(ctx, 'articlesCount', { count: p.total })}</p>
        {p.subcategories?.length ? (
          <nav aria-label={t(ctx, 'subcategories')} class="subnav">
            <ul>
              {p.subcategories.map((c) => <li><a href={`/category/${c.slug}`}>{c.name}</a></li>)}
            </ul>
          </nav>
        ) : null}
      </header>
      {/* The cards' titles are h3: a heading of their own keeps the outline in order for screen readers. */}
      <h2 class="visually-hidden">{t(ctx, 'articleList')}</h2>
      {p.items.length ? <CardList ctx={ctx} items={p.items} /> : <p class="empty">{t(ctx, 'noArticles')}</p>}
      <Pagination ctx={ctx} page={p.page} pages={p.pages} pathFor={pathFor} />
    </Layout>
  );
}
