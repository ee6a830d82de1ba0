import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AppError } from '../../errors.js';
import type { CounterService } from '../../counters/counter-service.js';
import { readerKey } from '../../counters/reader-identity.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import { ArticlePage } from '../views/article-view.js';
import { HomePage } from '../views/home-view.js';
import { ListingPage } from '../views/listing-view.js';
import { renderPage } from '../views/render.js';
import { viewContext } from './view-context.js';
import { ensureReaderId, readReaderId } from './reader-cookie.js';
import { assertSameOrigin } from './same-origin.js';
import { format } from '../../i18n/messages.js';

export interface SiteRoutesOptions {
  pages: ReaderPageService;
  site: SiteService;
  counters: CounterService;
  secret: string;
}

/** `?page=N` → N; anything else is a 400 that says what is wrong. */
function parsePage(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) {
    throw new AppError('MH_ERR_BAD_REQUEST', `"page" must be a whole number from 1, not ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** The public pages: home, article, category, tag and author pages, and reactions. */
export const siteRoutes: FastifyPluginAsync<SiteRoutesOptions> = async (app, opts) => {
  const { pages, site, counters, secret } = opts;
  const readerOf = (id: string | undefined) => (id ? readerKey(secret, id) : undefined);

  app.get('/', async (_request, reply) => {
    const [ctx, data] = await Promise.all([viewContext(site, '/'), pages.home()]);
    return sendHtml(reply, renderPage(<HomePage ctx={ctx} {...data} />));
  });

  app.get<{ Params: { slug: string } }>('/articles/:slug', async (request, reply) => {
    const reader = readerOf(readReaderId(request));
    const data = await pages.article(request.params.slug, reader);
    const counted = await counters.recordView({
      articleId: data.article.id,
      userAgent: request.headers['user-agent'],
      method: request.method,
      purpose: (request.headers['sec-purpose'] ?? request.headers.purpose) as string | undefined,
    });
    const ctx = await viewContext(site, data.crumbs[1]?.href ?? '');
    reply.header('cache-control', 'no-cache');
    return sendHtml(reply, renderPage(
      <ArticlePage ctx={ctx} article={data.article} crumbs={data.crumbs} categoryName={data.categoryName}
        views={data.views + (counted ? 1 : 0)} reactions={data.reactions} related={data.related}
        ranking={data.ranking} recommended={data.recommended} />,
    ));
  });

  for (const kind of ['category', 'tag', 'author'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, async (request, reply) => {
      const page = parsePage(request.query);
      const data = await pages[kind](request.params.slug, page);
      const ctx = await viewContext(site, data.basePath);
      const title = kind === 'tag' ? format(ctx.messages.tagTitle, { name: data.title })
        : kind === 'author' ? format(ctx.messages.authorTitle, { name: data.title }) : data.title;
      return sendHtml(reply, renderPage(<ListingPage ctx={ctx} {...data} title={title} />));
    });
  }

  app.post<{ Params: { id: string }; Body: { kind?: unknown; active?: unknown } | undefined }>('/articles/:id/reactions', {
    bodyLimit: 1024,
  }, async (request, reply) => {
    assertSameOrigin(request);
    if (!/^\d{1,12}$/.test(request.params.id)) throw new AppError('MH_ERR_BAD_REQUEST', 'The article id must be a number');
    const body = request.body ?? {};
    if (typeof body !== 'object') throw new AppError('MH_ERR_BAD_REQUEST', 'Send the reaction as a form or JSON object');
    const settings = await site.settings();
    const kind = body.kind ?? settings.reactions[0]!.key;
    if (typeof kind !== 'string') throw new AppError('MH_ERR_BAD_REQUEST', '"kind" must be a string');
    const wanted = body.active === undefined ? undefined : body.active === true || body.active === 'true';
    const id = Number(request.params.id);
    const reader = readerKey(secret, ensureReaderId(request, reply));
    const result = await counters.react(id, reader, kind, wanted);
    reply.header('cache-control', 'no-store');
    if (request.headers.accept?.includes('application/json')) return reply.send({ kind, active: result.active, count: result.count });
    // A plain form post (JavaScript off) goes back to the article, at the button.
    return reply.redirect(`/articles/${encodeURIComponent(result.slug)}#reactions`, 303);
  });
};
