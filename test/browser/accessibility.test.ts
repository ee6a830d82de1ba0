import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Masthead } from '../../src/main.js';
import { demoMasthead, BROWSER_UA } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

// axe-core in Chromium over every kind of page a reader or an editor sees: no serious or
// critical violation of WCAG 2.1 A/AA or axe's best practices. The pages' own CSP forbids
// injected scripts, so this context bypasses it (the pages are not changed).

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'an accessible passphrase';

let m: Masthead;
let browser: Browser;
let context: BrowserContext;
let base: string;
const paths: Record<string, string> = {};

beforeAll(async () => {
  m = await demoMasthead({ pictures: true });
  await m.accounts.addUser({ email: 'owner@example.com', role: 'owner', password: PASSWORD, name: 'Olive Owner' });
  base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  context = await browser.newContext({ bypassCSP: true, userAgent: BROWSER_UA, viewport: { width: 1366, height: 900 } });
  const article = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).items[0]!;
  const full = (await m.storage.articles.findById(article.id))!;
  paths.home = '/';
  paths.article = `/articles/${article.slug}`;
  paths.section = `/category/${(await m.site.categories()).get(article.categoryId)!.slug}`;
  paths.tag = `/tag/${full.tags[0]!.slug}`;
  paths.author = `/author/${full.authors[0]!.slug}`;
  paths.search = '/search?q=harbour';
  paths.notFound = '/no/such/page';
}, 180_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await m?.close();
});

interface Finding { id: string; impact: string; help: string; nodes: string[] }

/** axe's serious and critical findings on the page as it is now. */
async function audit(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  if (process.env.MASTHEAD_AXE_ALL) console.log(page.url(), results.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

describe('accessibility (axe-core)', () => {
  it('the check itself finds a picture without alt text and an unlabelled field', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      document.querySelector('main')!.insertAdjacentHTML('afterbegin', '<img src="/favicon-32.png" width="32" height="32"><input type="text">');
    });
    const found = (await audit(page)).map((f) => f.id);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await page.close();
  }, 60_000);

  for (const name of ['home', 'article', 'section', 'tag', 'author', 'search', 'notFound'] as const) {
    for (const width of [1366, 390]) {
      it(`the ${name} page at ${width} px has no serious or critical violation`, async () => {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const res = await page.goto(`${base}${paths[name]}`, { waitUntil: 'load' });
        expect(res!.status()).toBe(name === 'notFound' ? 404 : 200);
        expect(await audit(page)).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }

  it('the home and article pages pass in dark mode too (colour contrast of the dark palette)', async () => {
    const dark = await browser.newContext({ bypassCSP: true, userAgent: BROWSER_UA, colorScheme: 'dark', viewport: { width: 1366, height: 900 } });
    for (const name of ['home', 'article'] as const) {
      const page = await dark.newPage();
      await page.goto(`${base}${paths[name]}`, { waitUntil: 'load' });
      expect(await audit(page), name).toEqual([]);
      await page.close();
    }
    await dark.close();
  }, 60_000);

  it('the More menu of the section bar opens without a script and passes too', async () => {
    await m.site.updateSettings({ navSections: 2 });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.route('**/assets/site.js', (route) => route.abort());
    for (let tries = 0; tries < 40; tries++) {
      await page.goto(`${base}/`, { waitUntil: 'load' });
      if (await page.locator('.site-nav__more').count()) break;
      await page.waitForTimeout(250); // the page cache holds the front page a few seconds
    }
    expect(await page.locator('.site-nav__list > li').count()).toBe(2);
    await page.locator('.site-nav__more summary').click();
    const more = page.locator('.site-nav__more ul a');
    expect(await more.count()).toBe((await m.site.categories()).roots().length - 2);
    const link = more.first();
    expect(await link.isVisible()).toBe(true);
    // The open menu fits the phone's screen and is not clipped by the bar's scrolling row.
    const box = (await page.locator('.site-nav__more ul').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const onTop = await page.evaluate(() => {
      const r = document.querySelector('.site-nav__more ul a')!.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.site-nav__more') !== null;
    });
    expect(onTop).toBe(true);
    mkdirSync('.tmp/screenshots', { recursive: true });
    await page.screenshot({ path: '.tmp/screenshots/nav-more-390.png' });
    expect(await audit(page)).toEqual([]);
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL(`**${href}`);
    await m.site.updateSettings({ navSections: 6 });
    await page.close();
  }, 60_000);

  it('the newsroom sign-in page, article list and editor have no serious or critical violation', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`, { waitUntil: 'load' });
    expect(await audit(page)).toEqual([]);
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/admin`);
    expect(await audit(page)).toEqual([]);
    await page.goto(`${base}/admin/articles/new`, { waitUntil: 'load' });
    expect(await audit(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
