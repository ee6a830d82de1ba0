import type { FastifyInstance } from 'fastify';
import { isPublic } from '../content/types.js';
import { AppError } from '../errors.js';
import type { SiteService } from '../services/site-service.js';
import type { Storage } from '../storage/ports.js';
import { siteAssets } from '../web/assets.js';
import { fileForUrl, linkedArticleSlugs, linkedMedia, listingUrl, NOT_FOUND_FILE } from './publish-paths.js';
import { PublishTree, type PublishCounts } from './publish-tree.js';

export type { PublishCounts } from './publish-tree.js';

/** What publishing reads: the built app (every byte comes from it) and the stores that say which pages exist. */
export interface PublishSource {
  app: FastifyInstance;
  storage: Storage;
  site: SiteService;
  clock: () => number;
}

type ListingKind = 'category' | 'tag' | 'author';

/** What changed since the last run, as the change channel told it. */
export interface PublishChange {
  /** Articles saved or withdrawn (by id), with every slug they answered at. */
  articles: { id: number; slugs: string[] }[];
}

const FEED_FILES = ['feed.xml', 'atom.xml', 'feed.json'] as const;
const SITEMAP_FILE = /^sitemap[-.].*xml$/;
/** Rendered at once through the app; more would only queue on the database pool. */
const DEFAULT_CONCURRENCY = 4;
/** Article ids read per query while listing every public article. */
const ARTICLE_PAGE = 5000;

/** Runs `jobs` with at most `limit` at once; the first failure fails the lot (after the running ones end). */
async function runPool(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await job();
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  if (failed !== undefined) throw failed;
}

/**
 * Writes the public site into a folder nginx serves (docs/deploy.md, "Static publishing"). Every
 * byte comes from the built Fastify app through `inject`, so a published page is exactly what the
 * server would send. A whole-site run renders everything and writes what changed; `update`
 * renders only the pages one set of changes touches, for `publish --watch`.
 */
export class SitePublisher {
  /** Listing address (`/tag/x`) → the article slugs on its pages: where an article was listed before a change. */
  private listed = new Map<string, Set<string>>();

  constructor(
    private readonly source: PublishSource,
    readonly dir: string,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  /** Renders the whole public site; writes changed files, removes those of pages that no longer exist. */
  async publishAll(): Promise<PublishCounts> {
    const { storage, site, clock } = this.source;
    return this.staged(async (tree) => {
      const now = clock();
      const listed = new Map<string, Set<string>>();
      const media = new Set<string>();
      const jobs: (() => Promise<void>)[] = [];
      const page = (url: string) => jobs.push(() => this.page(tree, url, media));

      for (const url of ['/', '/robots.txt', ...FEED_FILES.map((f) => `/${f}`)]) page(url);
      for (const url of await this.sitemaps(tree)) page(url);
      jobs.push(() => this.notFoundPage(tree));
      // Every asset under its fingerprinted name (what pages link) and its plain one.
      for (const { path } of siteAssets.files()) page(path);
      for (let afterId = 0; ;) {
        const rows = await storage.articles.sitemapEntries(now, afterId, ARTICLE_PAGE);
        for (const r of rows) page(`/articles/${encodeURIComponent(r.slug)}`);
        if (rows.length < ARTICLE_PAGE) break;
        afterId = rows[rows.length - 1]!.id;
      }
      const listings: [ListingKind, string][] = (await site.categories()).all().map((c) => ['category', c.slug]);
      for (const kind of ['tag', 'author'] as const) {
        for (const r of await storage.articles.taxonomySitemap(kind, now)) listings.push([kind, r.slug]);
      }
      for (const [kind, slug] of listings) jobs.push(() => this.listing(tree, kind, slug, listed, media));

      await runPool(jobs, this.concurrency);
      await this.media(tree, media);
      tree.removeUnseen();
      return listed;
    });
  }

  /**
   * Renders only what `change` touches: each article's page (or removes it), every listing it is
   * in now or was in before (all their pages and feeds), the home page, the site's feeds, the
   * sitemaps and robots.txt. Other articles' pages (their Related and Most read lists) wait for
   * the next whole-site run.
   */
  async update(change: PublishChange): Promise<PublishCounts> {
    const { storage, site, clock } = this.source;
    return this.staged(async (tree) => {
      const now = clock();
      const categories = await site.categories();
      const media = new Set<string>();
      const listings = new Map<string, [ListingKind, string]>();
      const addListing = (kind: ListingKind, slug: string) => listings.set(`/${kind}/${encodeURIComponent(slug)}`, [kind, slug]);
      const jobs: (() => Promise<void>)[] = [];
      const touched = new Set<string>();

      for (const { id, slugs } of change.articles) {
        const article = await storage.articles.findById(id);
        const live = article && isPublic(article, now) ? article : undefined;
        for (const slug of new Set([...slugs, ...(article ? [article.slug] : [])])) {
          touched.add(slug);
          if (slug !== live?.slug) tree.remove(fileForUrl(`/articles/${encodeURIComponent(slug)}`)!);
        }
        if (!live) continue;
        jobs.push(() => this.page(tree, `/articles/${encodeURIComponent(live.slug)}`, media));
        for (const c of categories.ancestry(live.categoryId)) addListing('category', c.slug);
        for (const t of live.tags) addListing('tag', t.slug);
        for (const a of live.authors) addListing('author', a.slug);
      }
      for (const [path, slugs] of this.listed) {
        if ([...touched].some((s) => slugs.has(s))) {
          const [, kind, slug] = path.split('/') as [string, ListingKind, string];
          addListing(kind, decodeURIComponent(slug));
        }
      }

      for (const url of ['/', '/robots.txt', ...FEED_FILES.map((f) => `/${f}`)]) jobs.push(() => this.page(tree, url, media));
      const sitemaps = await this.sitemaps(tree);
      for (const url of sitemaps) jobs.push(() => this.page(tree, url, media));
      const current = new Set(sitemaps.map((u) => fileForUrl(u)));
      for (const file of tree.publishedFiles()) if (SITEMAP_FILE.test(file) && file !== 'sitemap.xml' && !current.has(file)) tree.remove(file);
      const listed = new Map(this.listed);
      for (const [kind, slug] of listings.values()) jobs.push(() => this.listing(tree, kind, slug, listed, media, { prune: true }));

      await runPool(jobs, this.concurrency);
      await this.media(tree, media, { onlyNew: true });
      return listed;
    });
  }

  /**
   * Fills a staged tree and commits it, then remembers which articles each listing showed; a
   * failure leaves the published files as they were.
   */
  private async staged(fill: (tree: PublishTree) => Promise<Map<string, Set<string>>>): Promise<PublishCounts> {
    const tree = await PublishTree.open(this.dir);
    try {
      const listed = await fill(tree);
      const counts = await tree.commit();
      this.listed = listed;
      return counts;
    } catch (err) {
      await tree.abort();
      throw err;
    }
  }

  /**
   * GET through the app. Gone, missing or moved (an article withdrawn or renamed while the run was
   * under way) is undefined: no file, so nginx asks the app. Anything else fails the run.
   */
  private async fetch(url: string, expect = 200): Promise<Buffer | undefined> {
    const res = await this.source.app.inject({ method: 'GET', url });
    if (res.statusCode === expect) return res.rawPayload;
    if (res.statusCode === 404 || res.statusCode === 410 || res.statusCode === 301) return undefined;
    throw new AppError('MH_ERR_PUBLISH', `GET ${url} answered ${res.statusCode}; nothing was changed in the published folder`);
  }

  /** One page or file, and the images it shows. */
  private async page(tree: PublishTree, url: string, media: Set<string>): Promise<void> {
    const bytes = await this.fetch(url);
    const file = fileForUrl(url);
    if (!bytes || !file) return;
    if (file.endsWith('.html')) for (const m of linkedMedia(bytes.toString('utf8'))) media.add(m);
    await tree.put(file, bytes);
  }

  private async notFoundPage(tree: PublishTree): Promise<void> {
    const bytes = await this.fetch(`/${NOT_FOUND_FILE}`, 404);
    if (bytes) await tree.put(NOT_FOUND_FILE, bytes);
  }

  /** The sitemap index (written) and the addresses of the sitemaps it names. */
  private async sitemaps(tree: PublishTree): Promise<string[]> {
    const index = await this.fetch('/sitemap.xml');
    if (!index) throw new AppError('MH_ERR_PUBLISH', 'GET /sitemap.xml answered 404');
    await tree.put('sitemap.xml', index);
    return Array.from(index.toString('utf8').matchAll(/<loc>([^<]+)<\/loc>/g), (m) => new URL(m[1]!.replace(/&amp;/g, '&')).pathname);
  }

  /**
   * Every page of a listing (following its "Next" links) and its three feeds. With `prune`, the
   * pages past its new end go, and so does all of it when the listing is gone or, for a tag or
   * an author, lists nothing public any more (a whole-site run would not publish it either).
   */
  private async listing(tree: PublishTree, kind: ListingKind, slug: string, listed: Map<string, Set<string>>, media: Set<string>, options: { prune?: boolean } = {}): Promise<void> {
    const base = `/${kind}/${encodeURIComponent(slug)}`;
    const folder = fileForUrl(base)!.replace(/index\.html$/, '');
    const slugs = new Set<string>();
    let pages = 0;
    for (let n = 1; ; n++) {
      const bytes = await this.fetch(listingUrl(base, n));
      if (!bytes) break;
      const html = bytes.toString('utf8');
      const shown = linkedArticleSlugs(html);
      // A tag or author without a public article is not published (a whole-site run does not list it).
      if (n === 1 && kind !== 'category' && shown.length === 0) break;
      for (const s of shown) slugs.add(s);
      for (const m of linkedMedia(html)) media.add(m);
      await tree.put(fileForUrl(listingUrl(base, n))!, bytes);
      pages = n;
      if (!html.includes('rel="next"')) break;
    }
    if (pages === 0) {
      listed.delete(base);
      if (options.prune) for (const file of tree.publishedFiles()) if (isListingFile(file, folder)) tree.remove(file);
      return;
    }
    listed.set(base, slugs);
    for (const feed of FEED_FILES) {
      const bytes = await this.fetch(`${base}/${feed}`);
      if (bytes) await tree.put(`${folder}${feed}`, bytes);
    }
    if (options.prune) {
      for (const file of tree.publishedFiles()) {
        const m = file.startsWith(folder) ? /^page-(\d+)\.html$/.exec(file.slice(folder.length)) : null;
        if (m && Number(m[1]) > pages) tree.remove(file);
      }
    }
  }

  /** Image variants the written pages show. Their names are content addresses: a published one never changes. */
  private async media(tree: PublishTree, urls: Set<string>, options: { onlyNew?: boolean } = {}): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    for (const url of urls) {
      const file = fileForUrl(url);
      if (!file) continue;
      if (tree.isPublished(file)) {
        if (!options.onlyNew) tree.keep(file);
        continue;
      }
      jobs.push(async () => {
        const bytes = await this.fetch(url);
        if (bytes) await tree.put(file, bytes);
      });
    }
    await runPool(jobs, this.concurrency);
  }
}

/** The files of one listing: its pages and its feeds, not the listings under it. */
function isListingFile(file: string, folder: string): boolean {
  if (!file.startsWith(folder)) return false;
  const rest = file.slice(folder.length);
  return rest === 'index.html' || /^page-\d+\.html$/.test(rest) || (FEED_FILES as readonly string[]).includes(rest);
}

/** Publishes `masthead`'s public site into `dir` (the whole site; only changed files are written). */
export async function publishSite(masthead: PublishSource, dir: string): Promise<PublishCounts> {
  return new SitePublisher(masthead, dir).publishAll();
}
