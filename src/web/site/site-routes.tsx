import type { FastifyPluginAsync } from 'fastify';
import type { CounterService } from '../../counters/counter-service.js';
import { isAppError } from '../../errors.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import { HomePage } from '../views/home-view.js';
import { ListingPage } from '../views/listing-view.js';
import { renderPageBytes } from '../views/render.js';
import { viewContext } from './view-context.js';
import { parsePage } from './page-query.js';
import { readerCredentials } from './reader-cookie.js';
import { parseArticleId } from './article-id.js';
import { HeadlineList } from '../views/article-list.js';
import { renderToString } from 'preact-render-to-string';
import { sendCacheableHtml } from './http-cache.js';
import { articleKeys, htmlPage, type ArticlePages } from './article-page.js';
import { purgeKeys } from './page-purge.js';
import { sendPage } from './send-page.js';
import type { PageCache } from './page-cache.js';
import { format } from '../../i18n/messages.js';

export interface SiteRoutesOptions {
  pages: ReaderPageService;
  site: SiteService;
  counters: CounterService;
  /** Rendered pages that are the same for every reader; main.ts purges it when content changes. */
  pageCache: PageCache;
  /** The article page's renderer, shared with the page fast path. */
  articlePages: ArticlePages;
}

/** The public pages: home, article, category, tag and author pages (counting and reactions: counter-routes.ts). */
export const siteRoutes: FastifyPluginAsync<SiteRoutesOptions> = async (app, opts) => {
  const { pages, site, counters } = opts;
  const shared = opts.pageCache;
  const articles = opts.articlePages;

  app.get('/', async (request, reply) => {
    const page = await shared.get('/', async () => {
      const [ctx, data] = await Promise.all([viewContext(site, '/'), pages.home()]);
      const shown = [data.lead, ...data.secondary, ...data.latest, ...data.sections.flatMap((s) => s.items), ...data.ranking.items, ...data.recommended];
      return htmlPage(renderPageBytes(<HomePage ctx={ctx} {...data} />), articleKeys(shown, new Set([purgeKeys.home])));
    });
    return sendPage(request, reply, page!);
  });

  app.get<{ Params: { slug: string }; Querystring: { reacted?: string } }>('/articles/:slug', async (request, reply) => {
    // No view is counted here: the page reports it through its beacon (counter-routes.ts),
    // which no cache swallows. The page is the same bytes for every reader, cookie or not:
    // the reader's own reactions and personal Recommendation list arrive through site.js.
    const slug = request.params.slug;
    // After a no-JavaScript reaction post the page shows this reader's own state, uncached.
    if (request.query?.reacted !== undefined) {
      const reader = await counters.readerKeyOf(readerCredentials(request));
      return sendCacheableHtml(request, reply, (await articles.render(slug, reader)).html, 'no-store');
    }
    // Kept under the path as requested, so the fast path finds it for the same URL.
    const key = request.url.split('?')[0]!;
    const page = await shared.get(key, () => articles.shared(slug)).catch(async (err: unknown) => {
      // A renamed article keeps answering at its old slug, with a permanent redirect.
      const moved = isAppError(err) && err.code === 'MH_ERR_ARTICLE_NOT_FOUND' ? await pages.movedSlug(slug) : undefined;
      if (moved === undefined) throw err;
      return { moved };
    });
    if (page && 'moved' in page) return reply.redirect(`/articles/${encodeURIComponent(page.moved)}`, 301);
    return sendPage(request, reply, page!);
  });

  // The personal Recommendation list, which site.js swaps in for the shared one once the view is
  // counted. Never cached: it follows this reader's history.
  app.get<{ Params: { id: string } }>('/articles/:id/recommended', { securityHeaders: false }, async (request, reply) => {
    const id = parseArticleId(request.params.id);
    const reader = await counters.readerKeyOf(readerCredentials(request));
    const list = await pages.personalRecommendations(id, reader);
    const ctx = await viewContext(site);
    reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
    return {
      personal: list.personal,
      ids: list.items.map((c) => c.id),
      // The same markup as the shared list, escaped by Preact like every page.
      html: renderToString(<HeadlineList ctx={ctx} items={list.items} />),
    };
  });

  for (const kind of ['category', 'tag', 'author'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, async (request, reply) => {
      const number = parsePage(request.query);
      // The canonical URL of the page: the path as requested, and ?page=N past the first.
      const key = `${request.url.split('?')[0]!}${number > 1 ? `?page=${number}` : ''}`;
      const page = await shared.get(key, async () => {
        const data = await pages[kind](request.params.slug, number);
        const ctx = await viewContext(site, data.basePath);
        const title = kind === 'tag' ? format(ctx.messages.tagTitle, { name: data.title })
          : kind === 'author' ? format(ctx.messages.authorTitle, { name: data.title }) : data.title;
        const listed = kind === 'category' ? (data.sectionIds ?? []).map(purgeKeys.section)
          : [kind === 'tag' ? purgeKeys.tag(request.params.slug) : purgeKeys.author(request.params.slug)];
        return htmlPage(renderPageBytes(<ListingPage ctx={ctx} {...data} title={title} />), articleKeys(data.items, new Set(listed)));
      });
      return sendPage(request, reply, page!);
    });
  }
};
