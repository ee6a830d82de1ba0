import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { Config } from './config/config.js';
import { CounterService } from './counters/counter-service.js';
import { SaltWithFallback, ViewDedupeWithFallback } from './counters/shared-with-fallback.js';
import type { MediaService } from './media/media-service.js';
import { openMedia } from './media/open-media.js';
import { LocalChangeChannel, type ChangeChannel } from './events/change-channel.js';
import { Lifecycle, type BackgroundTask } from './lifecycle/lifecycle.js';
import { AccountService } from './services/account-service.js';
import { ArticleService } from './services/article-service.js';
import { NewsroomService } from './services/newsroom-service.js';
import { ScheduledPublisher } from './services/scheduled-publisher.js';
import { FrontPageService } from './services/front-page-service.js';
import { TaxonomyAdminService } from './services/taxonomy-admin-service.js';
import type { DiscoveryService } from './services/discovery-service.js';
import { EngineDiscoveryService } from './services/engine-discovery-service.js';
import { RankingService } from './services/ranking-service.js';
import { RecommendationService } from './services/recommendation-service.js';
import { RelatedService } from './services/related-service.js';
import { RelatedLists } from './services/related-lists.js';
import { NewestCards } from './services/newest-cards.js';
import { CardCache } from './services/card-cache.js';
import { ReaderPageService } from './services/reader-page-service.js';
import { SearchService } from './search/search-service.js';
import { SyndicationService } from './services/syndication-service.js';
import { SiteService } from './services/site-service.js';
import { StoreWatcher } from './services/store-watcher.js';
import { openStorage } from './storage/open-storage.js';
import { isServiceUnavailable } from './storage/service-faults.js';
import { RedisChangeChannel } from './storage/redis/redis-change-channel.js';
import { RedisSaltSource, RedisViewDedupe } from './storage/redis/redis-view-dedupe.js';
import { RedisRateWindows } from './storage/redis/redis-rate-windows.js';
import type { Storage } from './storage/ports.js';
import { buildApp } from './web/app.js';
import { PageCache } from './web/site/page-cache.js';
import { purgeKeys, purgeOnChanges } from './web/site/page-purge.js';
import { SECURITY_HEADERS } from './web/security-headers.js';

/** Where the parts report what goes wrong in the background (the HTTP app's logger once it exists). */
type Report = (err: unknown, what: string) => void;

/** The parts every Masthead command shares: the store, the change channel and the services that write. */
export interface SiteCore {
  config: Config;
  clock: () => number;
  storage: Storage;
  changes: ChangeChannel;
  site: SiteService;
  articles: ArticleService;
  /** Newsroom accounts and sessions; the newsroom's writes (revisions, bin, roles). */
  accounts: AccountService;
  newsroom: NewsroomService;
  /** Cookie and reader-key secret, the same in every process of the site. */
  secret: string;
  /** Connects Redis-backed parts (when configured), then the background tasks, in `lifecycle`. */
  lifecycle: Lifecycle;
  redis: Redis | undefined;
  /** With Redis: this site's id, which prefixes its keys and channel (several sites may share one Redis). */
  siteId: string | undefined;
  report: Report;
  /** Sends background failures to `log` from now on (the HTTP app's logger, once it exists). */
  setReporter(log: Report): void;
  /** Stops the background tasks and closes Redis and the database. */
  close(): Promise<void>;
}

/** The assembled server: the core, the engines and the HTTP app. */
export interface Masthead extends SiteCore {
  counters: CounterService;
  discovery: DiscoveryService;
  related: RelatedService;
  /** The Most read board (reload() after a bulk change of counts). */
  ranking: RankingService;
  watcher: StoreWatcher;
  /** Images: what the admin's uploads and the importer call. */
  media: MediaService;
  app: FastifyInstance;
  /** Rendered public pages (purged by the change channel; `clear()` for changes made under the site). */
  pageCache: PageCache;
  /** Resolves when every background task has started (the discovery engines have loaded). */
  ready: Promise<void>;
  /** Seeds the demo newsroom when the database holds no article; returns how many were added. */
  seedDemoIfEmpty(): Promise<number>;
}

export interface MastheadOptions {
  /** The clock every service reads (tests pass a fixed one). */
  clock?: () => number;
  /** Return before the discovery engines have loaded (the server does; `ready` tells when they have). */
  enginesInBackground?: boolean;
  /** How often the store watcher looks for changes no event announced (default 2 s). */
  watchMs?: number;
  /** Give the demo articles their pictures (default: when media files persist, so they are encoded once). */
  demoPictures?: boolean;
}

/**
 * The composition root's first half, shared by `serve` and the command-line tools: opens the
 * store and picks the change channel (Redis pub/sub when configured, so a CLI import reaches
 * every running process at once; otherwise in-process, and the servers' watchers find it).
 */
export async function openSite(config: Config, options: { clock?: () => number } = {}): Promise<SiteCore> {
  const clock = options.clock ?? Date.now;
  let logError: Report = (err, what) => console.error(`${what}:`, err);
  const report: Report = (err, what) => logError(err, what);
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir === ':memory:' ? ':memory:' : config.dataDir,
    onConnectionError: (err) => report(err, 'PostgreSQL connection lost; it is replaced on the next query'),
  });
  // ioredis is loaded only when the site uses Redis.
  const redis = config.redisUrl ? await (await import('./storage/redis/redis-connection.js')).openRedis(config.redisUrl).catch(async (err) => {
    await storage.close();
    throw err;
  }) : undefined;
  // Every process of a site must sign cookies with the same key, so an unconfigured key
  // is made once and kept in the shared database (under a key the settings page never shows).
  const secret = config.secret ?? (await storage.settings.initOnce('internal.secret', randomBytes(32).toString('base64url')));
  let changes: ChangeChannel;
  let siteId: string | undefined;
  const lifecycle = new Lifecycle((err, task) => report(err, `stopping ${task} failed`));
  if (redis) {
    // Sites sharing one Redis hear only their own changes.
    siteId = await storage.settings.initOnce('internal.siteId', randomBytes(9).toString('base64url'));
    const channel = new RedisChangeChannel(redis, `masthead:${siteId}:changes`, (err, what) => report(err, `change channel (${what})`));
    lifecycle.stage('change channel', [{ name: 'redis subscriber', start: () => channel.start(), stop: () => channel.stop() }]);
    changes = channel;
  } else {
    changes = new LocalChangeChannel((err, what) => report(err, `a listener of ${what} failed`));
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const site = new SiteService(storage.settings, storage.taxonomy, changes, {
    overrides: { baseUrl: (config.baseUrl ?? `http://${host}:${config.port}`).replace(/\/+$/, '') },
    onInvalid: (key, message) => report(new Error(message), `stored setting "${key}" ignored`),
    findImage: (id) => storage.media.findById(id),
  });
  const articles = new ArticleService(changes, clock);
  const accounts = new AccountService(storage, secret, clock);
  const newsroom = new NewsroomService(storage, articles, site, changes, clock);
  return {
    config, clock, storage, changes, site, articles, accounts, newsroom, secret, lifecycle, redis, siteId, report,
    setReporter(log) {
      logError = log;
    },
    async close() {
      await lifecycle.stop();
      await redis?.quit().catch(() => redis.disconnect());
      await storage.close();
    },
  };
}

/** Composition root: config → stores → services → HTTP app. The only place that picks adapters. */
export async function createMasthead(config: Config, options: MastheadOptions = {}): Promise<Masthead> {
  const core = await openSite(config, options.clock ? { clock: options.clock } : {});
  const { clock, storage, changes, site, articles, accounts, newsroom, secret, lifecycle, redis, siteId, report } = core;
  const redisState = (what: string) => (state: 'degraded' | 'rejoined', err?: unknown) =>
    report(err ?? new Error('Redis answers again'), state === 'degraded'
      ? `Redis unreachable: ${what} falls back to this process's own until it answers`
      : `Redis answers again: ${what} is shared again`);
  const counters = new CounterService({
    store: storage.counters, site, secret, clock, changes,
    // With Redis, every process of the site shares who-counted-what and the cookie-less salt.
    // While Redis is unreachable each process counts on its own, and rejoins when it answers.
    ...(redis ? {
      // Under the site's own prefix: sites sharing one Redis have the same article ids, and a
      // cookie-less reader's key (address and agent under the day's salt) would repeat across them.
      dedupe: new ViewDedupeWithFallback(new RedisViewDedupe(redis, `masthead:${siteId}:seen:`), { onStateChange: redisState('view dedupe') }),
      salt: new SaltWithFallback(new RedisSaltSource(redis, `masthead:${siteId}:salt:`), { onStateChange: redisState('cookie-less salt') }),
      // The per-minute budgets too, so a reader is limited once however many processes they reach.
      sharedLimits: { windows: new RedisRateWindows(redis, `masthead:${siteId}:limit:`), secret, onStateChange: redisState('rate limits') },
    } : {}),
    // Write-behind: counted views are written once per interval, and by stop() on shutdown.
    flushMs: config.counterFlushMs,
    limits: { viewsPerAddress: config.counterRateLimit },
    onError: (err) => report(err, 'counter flush failed; the batch is kept for the next one'),
  });
  const media = openMedia(storage.media, config, { clock });
  const watcher = new StoreWatcher(storage, changes, clock, (err) => report(err, 'store watcher pass failed'), options.watchMs ? { intervalMs: options.watchMs } : {});
  const settings = await site.settings();
  // The snapshot names its site, so a data folder copied beside another database is not trusted.
  const snapshotSiteId = config.relatedSnapshot ? siteId ?? await storage.settings.initOnce('internal.siteId', randomBytes(9).toString('base64url')) : '';
  let info: (message: string) => void = () => {};
  const related = new RelatedService(storage.articles, changes, clock, (err) => report(err, 'related index update failed'), {
    snapshot: config.relatedSnapshot ? { path: config.relatedSnapshot, siteId: snapshotSiteId } : undefined,
    log: (message) => info(message),
  });
  const ranking = new RankingService(storage.counters, storage.articles, clock, changes, {
    halfLifeHours: settings.trendingHalfLifeHours,
    // Without Redis, other processes' views reach this one only through the shared database.
    reloadMs: storage.dialect === 'postgres' ? 60_000 : undefined,
  });
  // With Redis, every process learns every process's reads (the same histories wherever a reader lands).
  const recommendations = new RecommendationService(storage.reads, storage.articles, clock, { changes, shareReads: redis !== undefined });
  // Pages the same for everyone, kept ready to send; a change purges the pages that show it.
  // Each page's freshness shortened by up to a fifth at random: pages rendered together (a warm-up,
  // the purge when the engines are ready) are re-rendered over a minute, not in one burst.
  const pageCache = new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024, baseHeaders: SECURITY_HEADERS, clock, staleOnError: isServiceUnavailable, freshSpread: 0.2 });
  purgeOnChanges(pageCache, changes, async (id) => {
    const a = await storage.articles.findById(id);
    return a && { tags: a.tags.map((t) => t.slug), authors: a.authors.map((u) => u.slug) };
  }, (err) => report(err, 'page purge failed'));
  // A change to the index can change other articles' Related lists: their pages follow.
  related.onAffected((ids) => pageCache.purge(ids.map(purgeKeys.articlePage)));
  let enginesReady = false;
  const cards = new CardCache((ids) => storage.articles.cardsWithStatus(ids), changes, clock);
  const newest = new NewestCards(storage.articles, changes, clock);
  const discovery = new EngineDiscoveryService(storage.articles, new RelatedLists(related), ranking, recommendations, async () => (await site.settings()).rankingWindow, cards, () => enginesReady, newest);
  const searcher = new SearchService(storage.search, storage.taxonomy, site, clock);
  const pages = new ReaderPageService(storage, site, articles, discovery, counters, searcher, clock);
  const app = await buildApp({
    pages, site, counters, secret, pageCache, media, admin: { accounts, newsroom, pages, taxonomy: new TaxonomyAdminService(storage, changes, clock), frontPage: new FrontPageService(storage, changes, clock) },
    syndication: new SyndicationService(storage.articles, storage.taxonomy, storage.settings, site, clock, storage.media),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    timeouts: { requestMs: config.requestTimeoutMs, headersMs: Math.min(10_000, config.requestTimeoutMs), keepAliveMs: 72_000 },
  });
  core.setReporter((err, what) => app.log.error({ err }, what));
  info = (message) => app.log.info(message);

  // Started in this order, stopped in the reverse: counting and the watcher first, so nothing
  // said while the engines load is missed; the engines last, so they stop (and write) first.
  const tasks: BackgroundTask[] = [related, ranking, recommendations];
  const scheduler = new ScheduledPublisher(storage, changes, clock, (err) => report(err, 'scheduled publishing pass failed'));
  lifecycle.stage('counting and watching', [counters, watcher, scheduler]).stage('discovery engines', tasks);
  // A server starts answering at once (lists fall back to simple rules for the seconds the
  // index takes to build on a large site); tools and tests wait for the engines.
  const ready = lifecycle.start().then(() => {
    enginesReady = true;
    // Pages rendered with the fallback lists of the loading seconds are redone now the real lists
    // exist: purged, not dropped, so a page read meanwhile still has a copy if the database is down.
    pageCache.purgeAll();
  });
  if (options.enginesInBackground) ready.catch((err) => report(err, 'background tasks failed to start'));
  else await ready;

  return {
    ...core, counters, discovery, related, ranking, watcher, media, app, pageCache, ready,
    async seedDemoIfEmpty() {
      if ((await storage.articles.countAll()) > 0) return 0;
      await ready;
      const pictures = options.demoPictures ?? (config.dataDir !== ':memory:' || config.mediaDir !== undefined);
      // The demo (and sharp, which draws its pictures) is loaded only when it is seeded.
      const { seedDemo } = await import('./demo/seed-demo.js');
      const seeded = await seedDemo(storage, articles, changes, clock(), pictures ? media : undefined);
      // The seeded counts and texts are in the database; bring the engines up to date at once.
      await Promise.all([related.applyPending(), ranking.reload()]);
      return seeded;
    },
    async close() {
      // Stop taking requests (in-flight ones finish), then the background tasks (counted views
      // and reading histories are written), then Redis and the store.
      await app.close();
      await core.close();
    },
  };
}
