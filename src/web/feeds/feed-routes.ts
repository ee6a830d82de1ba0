import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type * as Sitemap from 'sitemap';
import { lazyRequire } from '../../lazy-require.js';
import { Readable } from 'node:stream';
import { AppError, type ErrorCode } from '../../errors.js';
import type { FeedDocument, FeedFormat } from '../../services/feed-document.js';
import type { FeedScope, SyndicationService } from '../../services/syndication-service.js';
import type { PageCache } from '../site/page-cache.js';
import { writeAtom } from './atom-writer.js';
import { writeJsonFeed } from './json-feed-writer.js';
import { writeRss } from './rss-writer.js';
import { purgeKeys } from '../site/page-purge.js';
import { sendPage } from '../site/send-page.js';

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const FEED_FILES: Record<string, FeedFormat> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };
const WRITERS: Record<FeedFormat, (doc: FeedDocument) => string> = { rss: writeRss, atom: writeAtom, json: writeJsonFeed };
const MISSING: Record<'category' | 'tag' | 'author', ErrorCode> = {
  category: 'MH_ERR_CATEGORY_NOT_FOUND', tag: 'MH_ERR_TAG_NOT_FOUND', author: 'MH_ERR_AUTHOR_NOT_FOUND',
};
/** Sitemaps may list 50,000 URLs each. */
const SITEMAP_PAGE = 50_000;

// Feeds and sitemaps change only when articles do; a few minutes of CDN caching spares the database.
const CACHE = 'public, max-age=300';
const XML = 'application/xml; charset=utf-8';

/** What a sitemap with no URL says (the library refuses to end an empty stream). */
const EMPTY_URLSET = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';

const sitemapLib = lazyRequire<typeof Sitemap>('sitemap');

async function sitemapXml(stream: Sitemap.SitemapStream | Sitemap.SitemapIndexStream, items: unknown[]): Promise<string> {
  // A new site, or two quiet days for the news sitemap: an empty list, not an error.
  if (items.length === 0) return EMPTY_URLSET;
  return (await sitemapLib().streamToPromise(Readable.from(items).pipe(stream))).toString();
}

function pageNumber(raw: string, pages: number, what: string): number {
  const n = Number(raw);
  if (!/^[1-9]\d{0,5}$/.test(raw) || n > pages) throw new AppError('MH_ERR_NOT_FOUND', `No ${what} sitemap number ${raw}`);
  return n;
}

/**
 * RSS / Atom / JSON feeds (site-wide and per section, tag and author), sitemaps and robots.txt.
 * Rendered bodies share the page cache (purged whenever an article is saved), so a burst of
 * feed readers costs one render; every answer carries ETag and Last-Modified for 304s.
 */
export const feedRoutes: FastifyPluginAsync<{ syndication: SyndicationService; cache: PageCache }> = async (app, { syndication, cache }) => {
  const sendFeed = async (request: FastifyRequest, reply: FastifyReply, format: FeedFormat, scope: FeedScope): Promise<FastifyReply> => {
    const tags = scope.kind === 'site' ? [purgeKeys.siteFeed] : scope.kind === 'category' ? [purgeKeys.sectionFeeds]
      : [scope.kind === 'tag' ? purgeKeys.tag(scope.slug) : purgeKeys.author(scope.slug)];
    // Kept under the path as requested, so the fast path finds it for the same URL.
    const page = await cache.get(request.url.split('?')[0]!, async () => {
      const doc = await syndication.feed(scope);
      return doc && { body: WRITERS[format](doc), type: FEED_TYPES[format], cacheControl: CACHE, lastModified: doc.lastModified, tags };
    });
    if (!page) {
      const kind = scope.kind === 'site' ? 'category' : scope.kind;
      throw new AppError(MISSING[kind], `No ${kind === 'category' ? 'section' : kind} at /${kind}/${scope.kind === 'site' ? '' : scope.slug}`);
    }
    return sendPage(request, reply, page);
  };

  const sendXml = async (request: FastifyRequest, reply: FastifyReply, render: () => Promise<{ xml: string; lastModified: number }>) => {
    const page = await cache.get(request.url.split('?')[0]!, async () => {
      const r = await render();
      return { body: r.xml, type: XML, cacheControl: CACHE, lastModified: r.lastModified, tags: [purgeKeys.sitemap] };
    });
    return sendPage(request, reply, page!);
  };
  const newest = (items: { lastmod: string }[]) => items.reduce((max, i) => Math.max(max, Date.parse(i.lastmod)), 0);

  for (const [file, format] of Object.entries(FEED_FILES)) {
    app.get(`/${file}`, async (request, reply) => sendFeed(request, reply, format, { kind: 'site' }));
    for (const kind of ['category', 'tag', 'author'] as const) {
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${file}`, async (request, reply) =>
        sendFeed(request, reply, format, { kind, slug: request.params.slug }));
    }
  }

  const taxonomyPages = async (kind: 'tag' | 'author') => Math.ceil((await syndication.sitemapTaxonomy(kind)).length / SITEMAP_PAGE);

  /** Every child sitemap the index (and robots.txt) names. */
  const childSitemaps = async (): Promise<string[]> => {
    const base = await syndication.baseUrl();
    const [chunks, tagPages, authorPages] = await Promise.all([syndication.sitemapChunks(), taxonomyPages('tag'), taxonomyPages('author')]);
    return [
      `${base}/sitemap-pages.xml`,
      `${base}/sitemap-news.xml`,
      ...Array.from({ length: chunks }, (_, i) => `${base}/sitemap-articles-${i + 1}.xml`),
      ...Array.from({ length: tagPages }, (_, i) => `${base}/sitemap-tags-${i + 1}.xml`),
      ...Array.from({ length: authorPages }, (_, i) => `${base}/sitemap-authors-${i + 1}.xml`),
    ];
  };

  app.get('/sitemap.xml', async (request, reply) => sendXml(request, reply, async () => {
    const urls = await childSitemaps();
    return { xml: await sitemapXml(new (sitemapLib().SitemapIndexStream)(), urls.map((url) => ({ url }))), lastModified: Date.now() };
  }));

  app.get('/sitemap-pages.xml', async (request, reply) => sendXml(request, reply, async () => {
    const pages = await syndication.sitemapPages();
    return { xml: await sitemapXml(new (sitemapLib().SitemapStream)(), pages.map((url) => ({ url, changefreq: 'hourly' }))), lastModified: Date.now() };
  }));

  app.get('/sitemap-news.xml', async (request, reply) => sendXml(request, reply, async () => {
    const news = await syndication.newsSitemap();
    const items = news.items.map((i) => ({
      url: i.url,
      news: { publication: { name: news.publicationName, language: news.language }, publication_date: i.published, title: i.title },
    }));
    const stream = new (sitemapLib().SitemapStream)({ xmlns: { news: true, xhtml: false, image: false, video: false } });
    return { xml: await sitemapXml(stream, items), lastModified: news.items.reduce((max, i) => Math.max(max, Date.parse(i.published)), 0) || Date.now() };
  }));

  app.get<{ Params: { n: string } }>('/sitemap-articles-:n.xml', async (request, reply) => {
    const n = pageNumber(request.params.n, await syndication.sitemapChunks(), 'article');
    return sendXml(request, reply, async () => {
      const items = await syndication.sitemapChunk(n);
      return { xml: await sitemapXml(new (sitemapLib().SitemapStream)(), items), lastModified: newest(items) || Date.now() };
    });
  });

  for (const kind of ['tag', 'author'] as const) {
    app.get<{ Params: { n: string } }>(`/sitemap-${kind}s-:n.xml`, async (request, reply) => {
      const n = pageNumber(request.params.n, await taxonomyPages(kind), kind);
      return sendXml(request, reply, async () => {
        const items = (await syndication.sitemapTaxonomy(kind)).slice((n - 1) * SITEMAP_PAGE, n * SITEMAP_PAGE);
        return { xml: await sitemapXml(new (sitemapLib().SitemapStream)(), items), lastModified: newest(items) || Date.now() };
      });
    });
  }

  app.get('/robots.txt', async (_request, reply) => {
    const base = await syndication.baseUrl();
    const sitemaps = [`${base}/sitemap.xml`, ...(await childSitemaps())].map((url) => `Sitemap: ${url}\n`).join('');
    return reply.type('text/plain; charset=utf-8').header('cache-control', CACHE)
      .send(`User-agent: *\nDisallow: /admin/\nDisallow: /search\nDisallow: /api/\n\n${sitemaps}`);
  });
};
