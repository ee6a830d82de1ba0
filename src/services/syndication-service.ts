import { Feed } from 'feed';
import type { Article } from '../content/types.js';
import type { ArticleStore } from '../storage/ports.js';
import type { SiteService } from './site-service.js';

export const FEED_SIZE = 50;
export const SITEMAP_CHUNK = 45_000;

export type FeedFormat = 'rss' | 'atom' | 'json';

/** RSS, Atom and JSON Feed of the latest articles, site-wide or for one section. */
export class SyndicationService {
  constructor(private readonly articles: ArticleStore, private readonly site: SiteService, private readonly clock: () => number = Date.now) {}

  async feed(format: FeedFormat, categorySlug?: string): Promise<string | undefined> {
    const [settings, tree] = await Promise.all([this.site.settings(), this.site.categories()]);
    const category = categorySlug ? tree.getBySlug(categorySlug) : undefined;
    if (categorySlug && !category) return undefined;
    const now = this.clock();
    const page = await this.articles.listPublic({ now, limit: FEED_SIZE, ...(category ? { categoryIds: tree.descendantIds(category.id) } : {}) });
    const full = (await Promise.all(page.items.map((c) => this.articles.findById(c.id)))).filter((a): a is Article => !!a);
    const base = settings.baseUrl;
    const self = category ? `${base}/category/${category.slug}` : base;
    const feed = new Feed({
      title: category ? `${category.name} · ${settings.name}` : settings.name,
      description: category?.description || settings.tagline,
      id: `${self}/`,
      link: `${self}/`,
      language: settings.language,
      updated: new Date(full[0]?.updatedAt ?? now),
      generator: 'Masthead',
      copyright: `© ${settings.name}`,
      feedLinks: { rss: `${self}/feed.xml`, atom: `${self}/atom.xml`, json: `${self}/feed.json` },
    });
    for (const a of full) {
      const link = `${base}/articles/${encodeURIComponent(a.slug)}`;
      const cat = tree.get(a.categoryId);
      feed.addItem({
        title: a.title,
        id: link,
        link,
        description: a.summary,
        content: a.bodyHtml,
        date: new Date(a.updatedAt),
        published: new Date(a.publishedAt ?? a.createdAt),
        author: a.authors.map((au) => ({ name: au.name, link: `${base}/author/${au.slug}` })),
        category: cat ? [{ name: cat.name }] : [],
        ...(a.coverImageUrl ? { image: a.coverImageUrl } : {}),
      });
    }
    return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
  }

  /** How many article sitemaps the index lists. */
  async sitemapChunks(): Promise<number> {
    return Math.max(1, Math.ceil((await this.articles.maxId()) / SITEMAP_CHUNK));
  }

  /**
   * Article URLs of sitemap chunk `n` (1-based) with their last change. A chunk holds a fixed
   * range of ids, so each sitemap's address and contents stay stable as articles are added.
   */
  async sitemapChunk(n: number): Promise<{ url: string; lastmod: string }[]> {
    const base = (await this.site.settings()).baseUrl;
    const now = this.clock();
    const rows = await this.articles.sitemapEntries(now, (n - 1) * SITEMAP_CHUNK, SITEMAP_CHUNK);
    return rows.filter((r) => r.id <= n * SITEMAP_CHUNK)
      .map((r) => ({ url: `${base}/articles/${encodeURIComponent(r.slug)}`, lastmod: new Date(r.updatedAt).toISOString() }));
  }

  /** Home and section pages for the sitemap. */
  async sitemapPages(): Promise<string[]> {
    const [settings, tree] = await Promise.all([this.site.settings(), this.site.categories()]);
    return [`${settings.baseUrl}/`, ...tree.all().map((c) => `${settings.baseUrl}/category/${c.slug}`)];
  }

  async baseUrl(): Promise<string> {
    return (await this.site.settings()).baseUrl;
  }
}
