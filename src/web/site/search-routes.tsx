import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import { SearchPage } from '../views/search-view.js';
import { renderPage } from '../views/render.js';
import { parsePage } from './page-query.js';
import { viewContext } from './view-context.js';

/** GET /search?q=…&page=N: the reader-facing search page. */
export const searchRoutes: FastifyPluginAsync<{ pages: ReaderPageService; site: SiteService }> = async (app, { pages, site }) => {
  app.get('/search', async (request, reply) => {
    const q = (request.query as Record<string, unknown>).q ?? '';
    if (typeof q !== 'string') throw new AppError('MH_ERR_BAD_REQUEST', 'Give one search query, as ?q=words');
    const page = parsePage(request.query);
    const [ctx, data] = await Promise.all([viewContext(site), pages.search(q.trim(), page)]);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderPage(<SearchPage ctx={ctx} {...data} />));
  });
};
