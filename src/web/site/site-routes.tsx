import type { FastifyPluginAsync } from 'fastify';
import { addressKey } from '../../counters/address-key.js';
import type { CounterService } from '../../counters/counter-service.js';
import { readerKey } from '../../counters/reader-identity.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import { ArticlePage } from '../views/article-view.js';
import { HomePage } from '../views/home-view.js';
import { ListingPage } from '../views/listing-view.js';
import { renderPage } from '../views/render.js';
import { viewContext } from './view-context.js';
import { parsePage } from './page-query.js';
import { readReaderId } from './reader-cookie.js';
import { sendCacheableHtml } from './http-cache.js';
import type { PageCache } from './page-cache.js';
import { format } from '../../i18n/messages.js';
import { isAppError } from '../../errors.js';

export interface SiteRoutesOptions {
  pages: ReaderPageService;
  site: SiteService;
  counters: CounterService;
  secret: string;
  /** Rendered pages that are the same for every reader; main.ts purges it when content changes. */
  pageCache: PageCache;
}

/** The public pages: home, article, category, tag and author pages (counting and reactions: counter-routes.ts). */
export const siteRoutes: FastifyPluginAsync<SiteRoutesOptions> = async (app, opts) => {
  const { pages, site, counters, secret } = opts;
  const shared = opts.pageCache;
  const readerOf = (id: string | undefined) => (id ? readerKey(secret, id) : undefined);

  app.get('/', async (_request, reply) => {
    const html = await shared.get('/', async () => {
      const [ctx, data] = await Promise.all([viewContext(site, '/'), pages.home()]);
      return renderPage(<HomePage ctx={ctx} {...data} />);
    });
    return sendCacheableHtml(_request, reply, html, 'public');
  });

  app.get<{ Params: { slug: string }; Querystring: { reacted?: string } }>('/articles/:slug', async (request, reply) => {
    // No view is counted here: the page reports it through its beacon (counter-routes.ts),
    // which no cache swallows, so this HTML may come from any cache and costs no write.
    const cookieId = readReaderId(request);
    // After a no-JavaScript reaction post the page shows this reader's own state, uncached.
    const showMine = request.query?.reacted !== undefined;
    const reader = showMine
      ? await counters.readerKeyOf({ cookieId, address: addressKey(request.ip), userAgent: request.headers['user-agent'] })
      : readerOf(cookieId);
    const render = async () => {
      const data = await pages.article(request.params.slug, reader);
      const ctx = await viewContext(site, data.crumbs[1]?.href ?? '');
      // Otherwise reaction buttons render the same for everyone; site.js fills in the reader's own.
      const reactions = showMine ? data.reactions : data.reactions.map((r) => ({ ...r, active: false }));
      return renderPage(
        <ArticlePage ctx={ctx} article={data.article} crumbs={data.crumbs} categoryName={data.categoryName}
          views={data.views} reactions={reactions} related={data.related}
          ranking={data.ranking} recommended={data.recommended} viewBeaconPath={`/articles/${data.article.id}/view.gif`} />,
      );
    };
    // Only the page that is the same for everyone (no reader, no own state) is shared.
    const html = await (reader ? render() : shared.get(`article:${request.params.slug}`, render)).catch(async (err: unknown) => {
      // A renamed article keeps answering at its old slug, with a permanent redirect.
      const moved = isAppError(err) && err.code === 'MH_ERR_ARTICLE_NOT_FOUND' ? await pages.movedSlug(request.params.slug) : undefined;
      if (moved === undefined) throw err;
      return { moved };
    });
    if (typeof html !== 'string') return reply.redirect(`/articles/${encodeURIComponent(html.moved)}`, 301);
    // With a reader cookie the Recommendation list may follow this reader's taste: keep it out of shared caches.
    return sendCacheableHtml(request, reply, html, showMine ? 'no-store' : reader ? 'private' : 'public');
  });

  for (const kind of ['category', 'tag', 'author'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, async (request, reply) => {
      const page = parsePage(request.query);
      const html = await shared.get(`${kind}:${request.params.slug}:${page}`, async () => {
        const data = await pages[kind](request.params.slug, page);
        const ctx = await viewContext(site, data.basePath);
        const title = kind === 'tag' ? format(ctx.messages.tagTitle, { name: data.title })
          : kind === 'author' ? format(ctx.messages.authorTitle, { name: data.title }) : data.title;
        return renderPage(<ListingPage ctx={ctx} {...data} title={title} />);
      });
      return sendCacheableHtml(request, reply, html, 'public');
    });
  }
};
