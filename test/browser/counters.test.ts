import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { ArticleService } from '../../src/services/article-service.js';
import { launchBrowser } from '../helpers/browser.js';

// Pages served from a cache still count, once: Chromium reads an article through a caching
// proxy (a stand-in for a CDN) that serves the HTML without asking Masthead, and through its
// own cache on back/forward; the page's beacon reports the view every time, and the rules
// count it once. The reader's reaction state comes back on a cached page too.

// Headless Chromium says "HeadlessChrome", which the rules rightly treat as a bot.
const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A minimal shared cache: keeps public article HTML from the origin and serves it without asking again. */
class CachingProxy {
  readonly pageHits = new Map<string, number>();
  /** Article pages Masthead itself was asked for, by path. */
  readonly originPageRequests = new Map<string, number>();
  private readonly cache = new Map<string, { status: number; headers: IncomingHttpHeaders; body: Buffer }>();
  private server: Server | undefined;
  url = '';

  constructor(private readonly origin: URL) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      const cacheable = req.method === 'GET' && /^\/articles\/[^/]+$/.test(path.split('?')[0]!) && !path.includes('?');
      const hit = cacheable ? this.cache.get(path) : undefined;
      if (hit) {
        this.pageHits.set(path, (this.pageHits.get(path) ?? 0) + 1);
        res.writeHead(hit.status, { ...hit.headers, 'x-cache': 'HIT' });
        res.end(hit.body);
        return;
      }
      if (cacheable) this.originPageRequests.set(path, (this.originPageRequests.get(path) ?? 0) + 1);
      const upstream = httpRequest({ host: this.origin.hostname, port: this.origin.port, method: req.method, path, headers: req.headers }, (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const cc = String(up.headers['cache-control'] ?? '');
          // A shared cache stores only what is public and carries no cookie.
          if (cacheable && up.statusCode === 200 && /\bpublic\b/.test(cc) && !up.headers['set-cookie']) {
            this.cache.set(path, { status: 200, headers: up.headers, body });
          }
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-cache': 'MISS' });
          res.end(body);
        });
      });
      upstream.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }
}

let m: Masthead;
let browser: Browser;
let proxy: CachingProxy;
let articleId: number;
let otherSlug: string;
let path: string;

beforeAll(async () => {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, {});
  m = await createMasthead(config);
  const articles = new ArticleService(new LocalChangeChannel());
  await m.storage.transaction(async (s) => {
    const a = await articles.save(s, { title: 'Harbour ferry returns to the timetable', body: 'The ferry is back.', publishedAt: Date.now() - 3_600_000 });
    const b = await articles.save(s, { title: 'Night market opens on the quay', body: 'Stalls and lanterns.', publishedAt: Date.now() - 7_200_000 });
    articleId = a.id;
    path = `/articles/${a.slug}`;
    otherSlug = b.slug;
    await s.counters.seedCounts(a.id, 1000, { good: 10 });
  });
  const origin = await m.app.listen({ port: 0, host: '127.0.0.1' });
  proxy = new CachingProxy(new URL(origin));
  await proxy.start();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await m?.close();
});

const views = async () => (await m.counters.articleTotals(articleId)).views;
const shownViews = async (page: Page) => Number((await page.locator('[data-views]').innerText()).replace(/\D/g, ''));
const button = (page: Page) => page.locator('form[data-reaction="good"] button');
const shownReactions = async (page: Page) => Number((await page.locator('form[data-reaction="good"] [data-reaction-count]').innerText()).replace(/\D/g, ''));

/** Opens `url` and waits for the page's view beacon to be answered. */
async function openAndReport(page: Page, open: () => Promise<unknown>): Promise<{ counted: boolean; views: number }> {
  const answered = page.waitForResponse((r) => r.url().includes(`/articles/${articleId}/views`) && r.request().method() === 'POST');
  await open();
  return (await (await answered).json()) as { counted: boolean; views: number };
}

describe('counting behind caches, in Chromium', () => {
  let context: BrowserContext;

  it('a page the caching proxy serves without asking Masthead still counts one view, and reloads do not add more', async () => {
    // Prime the shared cache (a request without JavaScript counts nothing).
    const primed = await fetch(`${proxy.url}${path}`, { headers: { 'user-agent': READER_UA } });
    expect(primed.headers.get('cache-control')).toMatch(/public/);
    expect(primed.headers.get('set-cookie')).toBeNull();
    expect(proxy.originPageRequests.get(path)).toBe(1);
    const before = await views();

    context = await browser.newContext({ userAgent: READER_UA });
    const page = await context.newPage();
    const first = await openAndReport(page, () => page.goto(`${proxy.url}${path}`));
    expect(proxy.pageHits.get(path)).toBe(1); // the HTML came from the proxy's cache
    expect(proxy.originPageRequests.get(path)).toBe(1); // Masthead never rendered it for this reader
    expect(first).toMatchObject({ counted: true, views: before + 1 });
    await expect.poll(() => shownViews(page)).toBe(before + 1); // the cached page shows the fresh count
    expect(await views()).toBe(before + 1);

    const again = await openAndReport(page, () => page.reload());
    expect(again).toMatchObject({ counted: false, views: before + 1 });

    // Away and back: Chromium restores the page from its own caches; the beacon reports again and does not count.
    const beacons: string[] = [];
    page.on('request', (r) => { if (r.url().includes(`/articles/${articleId}/views`)) beacons.push(r.method()); });
    await page.goto(`${proxy.url}/articles/${otherSlug}`);
    const back = await openAndReport(page, () => page.goBack());
    expect(beacons).toContain('POST');
    expect(back.counted).toBe(false);
    expect(await views()).toBe(before + 1);
    expect(proxy.originPageRequests.get(path)).toBe(1);
  });

  it('the reaction toggles, and a cached page shows the reader their own reaction', async () => {
    const page = await context.newPage();
    await openAndReport(page, () => page.goto(`${proxy.url}${path}`));
    const before = await shownReactions(page);
    expect(await button(page).getAttribute('aria-pressed')).toBe('false');

    await button(page).click();
    await expect.poll(() => button(page).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => shownReactions(page)).toBe(before + 1);
    expect((await m.counters.reactionState(articleId, undefined)).counts.good).toBe(before + 1);

    // The HTML is the same cached copy for everyone (not pressed); the beacon brings this reader's state.
    await openAndReport(page, () => page.reload());
    expect(proxy.originPageRequests.get(path)).toBe(1);
    await expect.poll(() => button(page).getAttribute('aria-pressed')).toBe('true');
    expect(await shownReactions(page)).toBe(before + 1);

    await button(page).click();
    await expect.poll(() => button(page).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => shownReactions(page)).toBe(before);
    expect((await m.counters.reactionState(articleId, undefined)).counts.good).toBe(before);
    await context.close();
  });

  it('without JavaScript the <noscript> image counts the view and the form post shows the state', async () => {
    // Another reader on the same address (a cookie-less reader is its address + agent for the day).
    const noJs = await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', javaScriptEnabled: false });
    const page = await noJs.newPage();
    const before = await views();
    const pixel = page.waitForResponse((r) => r.url().includes(`/articles/${articleId}/view.gif`));
    await page.goto(`${proxy.url}${path}`);
    expect((await pixel).status()).toBe(200);
    await expect.poll(views).toBe(before + 1);
    const reactionsBefore = (await m.counters.reactionState(articleId, undefined)).counts.good!;
    await button(page).click();
    await page.waitForURL(/\?reacted=1/);
    expect(await button(page).getAttribute('aria-pressed')).toBe('true');
    expect((await m.counters.reactionState(articleId, undefined)).counts.good).toBe(reactionsBefore + 1);
    await button(page).click();
    await page.waitForLoadState();
    await expect.poll(async () => (await m.counters.reactionState(articleId, undefined)).counts.good).toBe(reactionsBefore);
    expect(await button(page).getAttribute('aria-pressed')).toBe('false');
    await noJs.close();
  });
});
