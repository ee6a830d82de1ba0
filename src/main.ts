import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { randomBytes } from 'node:crypto';
import { CounterService } from './counters/counter-service.js';
import { seedDemo } from './demo/seed-demo.js';
import { ArticleService } from './services/article-service.js';
import { StoreDiscoveryService, type DiscoveryService } from './services/discovery-service.js';
import { ReaderPageService } from './services/reader-page-service.js';
import { SearchService } from './search/search-service.js';
import { SyndicationService } from './services/syndication-service.js';
import { SiteService } from './services/site-service.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/ports.js';
import { buildApp } from './web/app.js';

/** The assembled application: storage, services and the HTTP app. */
export interface Masthead {
  config: Config;
  storage: Storage;
  site: SiteService;
  articles: ArticleService;
  counters: CounterService;
  discovery: DiscoveryService;
  app: FastifyInstance;
  /** Seeds the demo newsroom when the database holds no article; returns how many were added. */
  seedDemoIfEmpty(): Promise<number>;
  close(): Promise<void>;
}

export interface MastheadOptions {
  /** The clock every service reads (tests pass a fixed one). */
  clock?: () => number;
}

/** Composition root: config → stores → services → HTTP app. The only place that picks adapters. */
export async function createMasthead(config: Config, options: MastheadOptions = {}): Promise<Masthead> {
  const clock = options.clock ?? Date.now;
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir === ':memory:' ? ':memory:' : config.dataDir });
  // Every process of a site must sign cookies with the same key, so an unconfigured key
  // is made once and kept in the shared database (under a key the settings page never shows).
  const secret = config.secret ?? (await storage.settings.initOnce('internal.secret', randomBytes(32).toString('base64url')));
  const site = new SiteService(storage.settings, storage.taxonomy);
  const articles = new ArticleService(clock);
  let log: FastifyInstance['log'] | undefined;
  const counters = new CounterService({
    store: storage.counters, site, secret, clock,
    // Write-behind: counted views are written once per interval, and by close() on shutdown.
    flushMs: config.counterFlushMs,
    onError: (err) => (log ? log.error({ err }, 'counter flush failed; the batch is kept for the next one') : console.error(err)),
  });
  const discovery = new StoreDiscoveryService(storage.articles, async () => (await site.settings()).rankingWindow);
  const searcher = new SearchService(storage.search, clock);
  const pages = new ReaderPageService(storage, site, articles, discovery, counters, searcher, clock);
  const app = await buildApp({
    pages, site, counters, secret,
    syndication: new SyndicationService(storage.articles, site, clock),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    counterLimits: { viewsPerAddress: config.counterRateLimit },
  });
  log = app.log;

  return {
    config, storage, site, articles, counters, discovery, app,
    async seedDemoIfEmpty() {
      if ((await storage.articles.countAll()) > 0) return 0;
      return seedDemo(storage, articles, site, clock());
    },
    async close() {
      // Stop taking requests (in-flight ones finish), then write every counted view, then close the store.
      await app.close();
      await counters.close();
      await storage.close();
    },
  };
}
