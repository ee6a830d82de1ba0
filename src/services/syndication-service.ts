import { createHash, randomUUID } from 'node:crypto';
import { feedBodyHtml } from '../content/safe-html.js';
import type { CategoryTree } from '../content/category-tree.js';
import { messagesFor } from '../i18n/messages.js';
import type { MediaImage } from '../content/types.js';
import { mediaUrl, shareVariant } from '../media/picture-sources.js';
import { mimeOf } from '../media/variant-plan.js';
import type { ArticleStore, FeedArticle, ListQuery, MediaStore, SettingsStore, TaxonomyStore } from '../storage/ports.js';
import type { FeedDocument, FeedEntry } from './feed-document.js';
import type { SiteService } from './site-service.js';

export type { FeedFormat } from './feed-document.js';

export const FEED_SIZE = 50;
/**
 * The most of one body a feed item carries. Only this much is read from the database, so a
 * 20 MB article costs a feed 50 kB; a longer body ends with a link to the whole article.
 */
export const FEED_ITEM_MAX_CHARS = 50_000;
export const SITEMAP_CHUNK = 45_000;
/** Google News sitemaps list articles of the last two days, at most 1,000. */
export const NEWS_SITEMAP_WINDOW_MS = 48 * 3600_000;
export const NEWS_SITEMAP_MAX = 1000;

/** Whose articles a feed lists. */
export type FeedScope = { kind: 'site' } | { kind: 'category' | 'tag' | 'author'; slug: string };

const SITE_ID_KEY = 'internal.siteId';

/** A UUID (RFC 4122 version 5 layout) named by `name` within the site: the same name, the same id. */
function stableUrn(siteId: string, name: string): string {
  const h = createHash('sha1').update(`${siteId}:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An entry's cover: the media store's share copy (absolute, with type and length), else the outside address. */
function coverOf(a: FeedArticle, covers: ReadonlyMap<number, MediaImage>, base: string): Pick<FeedEntry, 'imageUrl' | 'image'> {
  const image = a.coverImageId !== null ? covers.get(a.coverImageId) : undefined;
  if (!image) return { imageUrl: a.coverImageUrl ?? undefined };
  const v = shareVariant(image);
  return { imageUrl: `${base}${mediaUrl(v.name)}`, image: { type: mimeOf(v.format), bytes: v.bytes, width: v.width, height: v.height } };
}

/** Feeds (as documents the writers serialise) and sitemap entries of the site. */
export class SyndicationService {
  private siteId: Promise<string> | undefined;

  constructor(
    private readonly articles: ArticleStore,
    private readonly taxonomy: TaxonomyStore,
    private readonly settingsStore: SettingsStore,
    private readonly site: SiteService,
    private readonly clock: () => number = Date.now,
    /** Cover pictures in the media store; without it feeds carry only outside cover addresses. */
    private readonly media?: Pick<MediaStore, 'byIds'>,
  ) {}

  /**
   * The site's own id, made once and kept in the database: feed and entry ids are built from
   * it, so they survive a new domain, port or base URL.
   */
  private ownId(): Promise<string> {
    this.siteId ??= this.settingsStore.initOnce(SITE_ID_KEY, randomUUID()).catch((err: unknown) => {
      this.siteId = undefined;
      throw err;
    });
    return this.siteId;
  }

  /** The feed of `scope`, or undefined when its section, tag or author does not exist. */
  async feed(scope: FeedScope): Promise<FeedDocument | undefined> {
    const [settings, tree, siteId] = await Promise.all([this.site.settings(), this.site.categories(), this.ownId()]);
    const target = await this.resolve(scope, tree);
    if (!target) return undefined;
    const base = settings.baseUrl;
    const now = this.clock();
    const [rows, lastChange] = await Promise.all([
      this.articles.feedArticles({ now, limit: FEED_SIZE, ...target.filter }, FEED_ITEM_MAX_CHARS),
      this.articles.lastChange(now),
    ]);
    const home = `${base}${target.path}`;
    const feedBase = `${base}${target.path === '/' ? '' : target.path}`;
    const messages = messagesFor(settings.language);
    const coverIds = rows.flatMap((a) => (a.coverImageId !== null ? [a.coverImageId] : []));
    const covers = this.media && coverIds.length ? await this.media.byIds(coverIds) : new Map<number, MediaImage>();
    const entries = rows.map((a) => this.entry(a, base, siteId, tree, settings.feedContent === 'full', messages.continueReading, covers));
    const updated = entries.reduce((max, e) => Math.max(max, e.updated), 0) || now;
    return {
      id: stableUrn(siteId, `feed:${target.path}`),
      titleText: target.title ? `${target.title} · ${settings.name}` : settings.name,
      descriptionText: target.description || settings.tagline,
      homeUrl: home,
      selfUrls: { rss: `${feedBase}/feed.xml`, atom: `${feedBase}/atom.xml`, json: `${feedBase}/feed.json` },
      language: settings.language,
      updated,
      lastModified: Math.max(updated, lastChange),
      publisherName: settings.name,
      rightsText: `© ${settings.name}`,
      entries,
    };
  }

  private async resolve(scope: FeedScope, tree: CategoryTree): Promise<{ path: string; title: string; description: string; filter: Partial<ListQuery> } | undefined> {
    switch (scope.kind) {
      case 'site':
        return { path: '/', title: '', description: '', filter: {} };
      case 'category': {
        const c = tree.getBySlug(scope.slug);
        return c && { path: `/category/${c.slug}`, title: c.name, description: c.description, filter: { categoryIds: tree.descendantIds(c.id) } };
      }
      case 'tag': {
        const t = await this.taxonomy.tagBySlug(scope.slug);
        return t && { path: `/tag/${t.slug}`, title: `#${t.name}`, description: '', filter: { tagId: t.id } };
      }
      case 'author': {
        const a = await this.taxonomy.authorBySlug(scope.slug);
        return a && { path: `/author/${a.slug}`, title: a.name, description: a.bio, filter: { authorId: a.id } };
      }
    }
  }

  private entry(a: FeedArticle, base: string, siteId: string, tree: CategoryTree, full: boolean, continueReading: string, covers: ReadonlyMap<number, MediaImage>): FeedEntry {
    const url = `${base}/articles/${encodeURIComponent(a.slug)}`;
    const section = tree.get(a.categoryId);
    let contentHtml: string | undefined;
    if (full) {
      const cut = a.bodyLength > a.bodyHtmlHead.length;
      // The sanitizer closes what a cut left open; the link says where the rest is.
      const more = cut ? `<p><a href="${url}">${continueReading}</a></p>` : '';
      contentHtml = feedBodyHtml(a.bodyHtmlHead + more, url);
    }
    return {
      id: stableUrn(siteId, `article:${a.id}`),
      url,
      titleText: a.title,
      summaryText: a.summary,
      contentHtml,
      published: a.publishedAt ?? a.createdAt,
      updated: Math.max(a.updatedAt, a.publishedAt ?? 0),
      authors: a.authors.map((au) => ({ name: au.name, url: `${base}/author/${encodeURIComponent(au.slug)}` })),
      categories: [
        ...(section ? [{ term: section.slug, label: section.name, scheme: `${base}/category/` }] : []),
        ...a.tags.map((t) => ({ term: t.slug, label: t.name, scheme: `${base}/tag/` })),
      ],
      ...coverOf(a, covers, base),
    };
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

  /** Tag or author pages that list at least one public article, with their newest change. */
  async sitemapTaxonomy(kind: 'tag' | 'author'): Promise<{ url: string; lastmod: string }[]> {
    const base = (await this.site.settings()).baseUrl;
    const rows = await this.articles.taxonomySitemap(kind, this.clock());
    return rows.map((r) => ({ url: `${base}/${kind}/${encodeURIComponent(r.slug)}`, lastmod: new Date(r.lastmod).toISOString() }));
  }

  /** The Google News sitemap: articles published in the last 48 hours. */
  async newsSitemap(): Promise<{ publicationName: string; language: string; items: { url: string; title: string; published: string }[] }> {
    const settings = await this.site.settings();
    const now = this.clock();
    const rows = await this.articles.publishedSince(now - NEWS_SITEMAP_WINDOW_MS, now, NEWS_SITEMAP_MAX);
    return {
      publicationName: settings.name,
      // Google News wants an ISO 639 code: "en", "zh-cn" and "zh-tw" are the only forms with a region.
      language: /^zh-(cn|tw)$/i.test(settings.language) ? settings.language.toLowerCase() : settings.language.split('-')[0]!.toLowerCase(),
      items: rows.map((r) => ({ url: `${settings.baseUrl}/articles/${encodeURIComponent(r.slug)}`, title: r.title, published: new Date(r.publishedAt).toISOString() })),
    };
  }

  async baseUrl(): Promise<string> {
    return (await this.site.settings()).baseUrl;
  }
}
