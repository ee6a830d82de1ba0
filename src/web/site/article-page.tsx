import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import { ArticlePage } from '../views/article-view.js';
import { renderPageBytes } from '../views/render.js';
import type { Rendered } from './cached-page.js';
import { HTML_TYPE, PUBLIC_CACHE_CONTROL } from './http-cache.js';
import { purgeKeys } from './page-purge.js';
import { viewContext } from './view-context.js';

/** The purge key of every article a page lists, once each. */
export function articleKeys(cards: readonly ({ id: number } | undefined)[], into: Set<string> = new Set()): Set<string> {
  for (const c of cards) if (c) into.add(purgeKeys.article(c.id));
  return into;
}

/** A public HTML page for the page cache, with the purge keys of what it shows. */
export function htmlPage(html: Buffer, tags: ReadonlySet<string>): Rendered {
  return { body: html, type: HTML_TYPE, cacheControl: PUBLIC_CACHE_CONTROL, tags: [...tags] };
}

/** Longest slug the router takes (its maxParamLength). */
const MAX_SLUG = 300;

/**
 * The slug of an article page's URL as the router reads it (`/articles/<slug>`, no query, no
 * trailing slash), or undefined for any other URL or one the router would refuse.
 */
export function articleSlugOf(url: string): string | undefined {
  if (!url.startsWith('/articles/')) return undefined;
  const raw = url.slice('/articles/'.length);
  if (!raw || raw.length > MAX_SLUG || /[/?#]/.test(raw)) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Renders the article page, the same for the router's route and the page fast path. */
export function articlePages(pages: ReaderPageService, site: SiteService) {
  const render = async (slug: string, reader?: string) => {
    const data = await pages.article(slug, reader);
    const ctx = await viewContext(site, data.crumbs[1]?.href ?? '');
    const html = renderPageBytes(
      <ArticlePage ctx={ctx} article={data.article} cover={data.cover} crumbs={data.crumbs} categoryName={data.categoryName}
        views={data.views} reactions={data.reactions} related={data.related}
        ranking={data.ranking} recommended={data.recommended} viewBeaconPath={`/articles/${data.article.id}/view.gif`} />,
    );
    return { html, data };
  };
  return {
    /** The page with one reader's own reactions marked (after a reaction posted without JavaScript). */
    render,
    /** The page every reader gets, for the page cache: kept under its path, purged by what it shows. */
    async shared(slug: string): Promise<Rendered> {
      const { html, data } = await render(slug);
      const keys = new Set([purgeKeys.articlePage(data.article.id), purgeKeys.article(data.article.id)]);
      articleKeys(data.related, keys);
      articleKeys(data.ranking.items, keys);
      articleKeys(data.recommended, keys);
      return htmlPage(html, keys);
    },
  };
}

export type ArticlePages = ReturnType<typeof articlePages>;
