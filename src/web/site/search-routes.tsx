import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import type { SearchInput } from '../../search/search-service.js';
import { snippetHtml, snippetText } from '../../search/snippet.js';
import { SearchPage } from '../views/search-view.js';
import { renderPage } from '../views/render.js';
import { parsePage } from './page-query.js';
import { viewContext } from './view-context.js';

const FILTERS = ['section', 'tag', 'author', 'from', 'to', 'sort'] as const;

/** The query string of a search, every value one string (a repeated parameter is a 400). */
function searchInput(query: unknown): Omit<SearchInput, 'pageSize'> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const one = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new AppError('MH_ERR_BAD_REQUEST', `Give "${name}" once, as ?${name}=…`);
    return v.trim();
  };
  const input: Omit<SearchInput, 'pageSize'> = { q: one('q') ?? '', page: parsePage(query) };
  for (const name of FILTERS) {
    const v = one(name);
    if (v) input[name] = v;
  }
  return input;
}

/**
 * GET /search?q=…: the results page; GET /api/search?q=…: the same search as JSON (for the
 * search box's suggestions and other clients), where the last word, maybe still being typed,
 * also matches as a prefix. Both take section, tag, author, from, to (YYYY-MM-DD), sort
 * (relevance | date) and page.
 */
export const searchRoutes: FastifyPluginAsync<{ pages: ReaderPageService; site: SiteService }> = async (app, { pages, site }) => {
  app.get('/search', async (request, reply) => {
    const input = searchInput(request.query);
    const [ctx, data] = await Promise.all([viewContext(site), pages.search(input)]);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderPage(<SearchPage ctx={ctx} {...data} />));
  });

  app.get('/api/search', async (request, reply) => {
    const input = { ...searchInput(request.query), asYouType: true };
    const [settings, data] = await Promise.all([site.settings(), pages.search(input)]);
    return reply.header('cache-control', 'no-cache').send({
      results: data.items.map((item) => ({
        title: item.title,
        url: `${settings.baseUrl}/articles/${encodeURIComponent(item.slug)}`,
        snippet: snippetText(item.snippet),
        snippetHtml: snippetHtml(item.snippet),
        published: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
        section: item.categoryName ?? null,
      })),
      total: data.total,
      page: data.page,
      pages: data.pages,
    });
  });
};
