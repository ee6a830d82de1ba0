import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { randomBytes } from 'node:crypto';
import { CounterService } from './counters/counter-service.js';
import { seedDemo } from './demo/seed-demo.js';
import { ArticleService } from './services/article-service.js';
import type { DiscoveryService } from './services/discovery-service.js';
import { EngineDiscoveryService } from './services/engine-discovery-service.js';
import { RankingService } from './services/ranking-service.js';
import { RecommendationService } from './services/recommendation-service.js';
import { RelatedService } from './services/related-service.js';
import { ReaderPageService } from './services/reader-page-service.js';
import { SearchService } from './search/search-service.js';
import { SyndicationService } from './services/syndication-service.js';
import { SiteService } from './services/site-service.js';
import { openStorage } from './storage/open-storage.js';
import { RedisSaltSource, RedisViewDedupe, openCounterRedis } from './storage/redis/redis-view-dedupe.js';
import type { Storage } from './storage/ports.js';
import { buildApp } from './web/app.js';
import { PageCache } from './web/site/page-cache.js';

/** The assembled application: storage, services and the HTTP app. */
export interface Masthead {
  config: Config;
  storage: Storage;
  site: SiteService;
  articles: ArticleService;
  counters: CounterService;
  discovery: DiscoveryService;
  app: FastifyInstance;
  /** Resolves when the discovery engines have loaded. */
  ready: Promise<void>;
  /** Seeds the demo newsroom when the database holds no article; returns how many were added. */
  seedDemoIfEmpty(): Promise<number>;
  close(): Promise<void>;
}

export interface MastheadOptions {
  /** The clock every service reads (tests pass a fixed one). */
  clock?: () => number;
  /** Return before the discovery engines have loaded (the server does; `ready` tells when they have). */
  enginesInBackground?: boolean;
}

/** Composition root: config → stores → services → HTTP app. The only place that picks adapters. */
export async function createMasthead(config: Config, options: MastheadOptions = {}): Promise<Masthead> {
  const clock = options.clock ?? Date.now;
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir === ':memory:' ? ':memory:' : config.dataDir });
  // Every process of a site must sign cookies with the same key, so an unconfigured key
  // is made once and kept in the shared database (under a key the settings page never shows).
  const secret = config.secret ?? (await storage.settings.initOnce('internal.secret', randomBytes(32).toString('base64url')));
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const site = new SiteService(storage.settings, storage.taxonomy, {
    baseUrl: (config.baseUrl ?? `http://${host}:${config.port}`).replace(/\/+$/, ''),
  });
  const articles = new ArticleService(clock);
  let log: FastifyInstance['log'] | undefined;
  // With Redis, every process of the site shares who-counted-what and the cookie-less salt.
  const counterRedis = config.redisUrl ? await openCounterRedis(config.redisUrl) : undefined;
  const counters = new CounterService({
    store: storage.counters, site, secret, clock,
    ...(counterRedis ? { dedupe: new RedisViewDedupe(counterRedis), salt: new RedisSaltSource(counterRedis) } : {}),
    // Write-behind: counted views are written once per interval, and by close() on shutdown.
    flushMs: config.counterFlushMs,
    onError: (err) => (log ? log.error({ err }, 'counter flush failed; the batch is kept for the next one') : console.error(err)),
  });
  const settings = await site.settings();
  const related = new RelatedService(storage.articles, clock);
  const ranking = new RankingService(storage.counters, storage.articles, clock, {
    halfLifeHours: settings.trendingHalfLifeHours,
    // Other processes' views reach this one only through the shared database.
    reloadMs: storage.dialect === 'postgres' ? 60_000 : undefined,
  });
  const recommendations = new RecommendationService(storage.reads, storage.articles, clock);
  const engines = Promise.all([related.start(), ranking.start(), recommendations.start()]).then(() => undefined);
  // A server starts answering at once (lists fall back to simple rules for the seconds the
  // index takes to build on a large site); tools and tests wait for the engines.
  if (options.enginesInBackground) engines.catch((err) => log?.error({ err }, 'discovery engines failed to start'));
  else await engines;
  counters.onFlushed((batch) => ranking.addViews(batch));
  counters.onView((view) => recommendations.recordRead(view.reader, view.articleId, view.at));
  // Saves from this process, other processes and CLI imports all reach the index through the store.
  // Pages the same for everyone are rendered once per few seconds; any content change purges them.
  const pageCache = new PageCache(5000);
  const syncTimer = setInterval(() => {
    related.sync().then((touched) => touched && pageCache.clear(), (err) => log?.error({ err }, 'related index sync failed'));
  }, 2000);
  articles.onSaved(() => pageCache.clear());
  syncTimer.unref();
  const discovery = new EngineDiscoveryService(storage.articles, related, ranking, recommendations, async () => (await site.settings()).rankingWindow);
  const searcher = new SearchService(storage.search, storage.taxonomy, site, clock);
  const pages = new ReaderPageService(storage, site, articles, discovery, counters, searcher, clock);
  const app = await buildApp({
    pages, site, counters, secret, pageCache,
    syndication: new SyndicationService(storage.articles, storage.taxonomy, storage.settings, site, clock),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    counterLimits: { viewsPerAddress: config.counterRateLimit },
  });
  log = app.log;

  return {
    config, storage, site, articles, counters, discovery, app, ready: engines,
    async seedDemoIfEmpty() {
      if ((await storage.articles.countAll()) > 0) return 0;
      await engines;
      const seeded = await seedDemo(storage, articles, site, clock());
      // The seeded counts and texts are in the database; bring the engines up to date at once.
      await Promise.all([related.sync(), ranking.reload()]);
      return seeded;
    },
    async close() {
      // Stop taking requests (in-flight ones finish), then write every counted view, then close the store.
      clearInterval(syncTimer);
      ranking.stop();
      await app.close();
      await counters.close();
      await counterRedis?.quit();
      await recommendations.stop();
      await storage.close();
    },
  };
}
