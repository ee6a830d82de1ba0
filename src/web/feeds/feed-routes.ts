import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { Readable } from 'node:stream';
import { AppError } from '../../errors.js';
import type { FeedFormat, SyndicationService } from '../../services/syndication-service.js';

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const FEED_FILES: Record<string, FeedFormat> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

// Feeds and sitemaps change only when articles do; a few minutes of CDN caching spares the database.
const CACHE = 'public, max-age=300';

async function sendXml(reply: FastifyReply, stream: SitemapStream | SitemapIndexStream, items: unknown[]): Promise<FastifyReply> {
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return reply.type('application/xml; charset=utf-8').header('cache-control', CACHE).send(xml.toString());
}

/** RSS / Atom / JSON feeds (site-wide and per section), sitemaps and robots.txt. */
export const feedRoutes: FastifyPluginAsync<{ syndication: SyndicationService }> = async (app, { syndication }) => {
  for (const [file, format] of Object.entries(FEED_FILES)) {
    app.get(`/${file}`, async (_request, reply) => {
      const body = await syndication.feed(format);
      return reply.type(FEED_TYPES[format]).header('cache-control', CACHE).send(body);
    });
    app.get<{ Params: { slug: string } }>(`/category/:slug/${file}`, async (request, reply) => {
      const body = await syndication.feed(format, request.params.slug);
      if (body === undefined) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section at /category/${request.params.slug}`);
      return reply.type(FEED_TYPES[format]).header('cache-control', CACHE).send(body);
    });
  }

  app.get('/sitemap.xml', async (_request, reply) => {
    const base = await syndication.baseUrl();
    const chunks = await syndication.sitemapChunks();
    const urls = [`${base}/sitemap-pages.xml`, ...Array.from({ length: chunks }, (_, i) => `${base}/sitemap-articles-${i + 1}.xml`)];
    return sendXml(reply, new SitemapIndexStream(), urls.map((url) => ({ url })));
  });

  app.get('/sitemap-pages.xml', async (_request, reply) => {
    const pages = await syndication.sitemapPages();
    return sendXml(reply, new SitemapStream(), pages.map((url) => ({ url, changefreq: 'hourly' })));
  });

  app.get<{ Params: { n: string } }>('/sitemap-articles-:n.xml', async (request, reply) => {
    const n = Number(request.params.n);
    if (!/^[1-9]\d{0,5}$/.test(request.params.n) || n > (await syndication.sitemapChunks())) {
      throw new AppError('MH_ERR_NOT_FOUND', `No sitemap number ${request.params.n}`);
    }
    return sendXml(reply, new SitemapStream(), await syndication.sitemapChunk(n));
  });

  app.get('/robots.txt', async (_request, reply) => {
    const base = await syndication.baseUrl();
    return reply.type('text/plain; charset=utf-8').header('cache-control', CACHE)
      .send(`User-agent: *\nDisallow: /admin/\nDisallow: /search\n\nSitemap: ${base}/sitemap.xml\n`);
  });
};
