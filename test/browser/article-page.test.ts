import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, demoMasthead } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import type { Masthead } from '../../src/main.js';

let m: Masthead;
let browser: Browser;
let base: string;
let slug: string;

beforeAll(async () => {
  m = await demoMasthead();
  base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  slug = (await m.storage.articles.listPublic({ now: Date.now(), limit: 3 })).items[2]!.slug;
});
afterAll(async () => {
  await browser?.close();
  await m?.close();
});

const count = async (page: Page) => Number((await page.locator('form[data-reaction] [data-reaction-count]').first().innerText()).replace(/\D/g, ''));

describe('article page in Chromium', () => {
  it('shows every part of the article page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/articles/${slug}`);
    await expect(page.locator('.site-name').innerText()).resolves.toBe('The Port Alder Courier');
    expect(await page.locator('nav[aria-label="Breadcrumb"] li').allInnerTexts()).toEqual(expect.arrayContaining(['Home']));
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('article .article__meta time[datetime]').isVisible()).toBe(true);
    expect(await page.locator('[data-views]').innerText()).toMatch(/^[\d,]+$/);
    expect(await page.locator('form[data-reaction] button').innerText()).toMatch(/^veryGood! \([\d,]+\)$/);
    expect(await page.locator('#related a').count()).toBe(10);
    expect(await page.locator('#ranking a').count()).toBe(8);
    expect(await page.locator('#recommended a').count()).toBe(8);
    expect(await page.locator('.article__body p').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('a click raises the reaction count by exactly one, in place; a second click does not raise it again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/articles/${slug}`);
    const before = await count(page);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    await page.locator('form[data-reaction] button').click();
    await expect.poll(() => count(page)).toBe(before + 1);
    expect(await page.locator('form[data-reaction] button').getAttribute('aria-pressed')).toBe('true');
    expect(navigations).toEqual([]); // updated without reloading
    await page.locator('form[data-reaction] button').click();
    await expect.poll(async () => page.locator('form[data-reaction] button').getAttribute('aria-pressed')).toBe('false');
    expect(await count(page)).toBe(before);
    await page.reload();
    expect(await count(page)).toBe(before);
    await context.close();
  });

  it('works with JavaScript disabled: all parts render and the reaction form posts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/articles/${slug}`);
    expect(await page.locator('#related a').count()).toBe(10);
    const before = await count(page);
    await Promise.all([page.waitForURL(/#reactions$/), page.locator('form[data-reaction] button').click()]);
    expect(await count(page)).toBe(before + 1);
    expect(await page.locator('form[data-reaction] button').getAttribute('aria-pressed')).toBe('true');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[data-reaction] button').click()]);
    await page.waitForURL(/#reactions$/);
    expect(await count(page)).toBe(before);
    await page.locator('#related a').first().click();
    await page.waitForURL(/\/articles\//);
    expect(await page.locator('h1').count()).toBe(1);
    await context.close();
  });

  it('swaps in the reader\'s own Recommendation list with JavaScript, and keeps the shared one without', async () => {
    const slugs = (await m.storage.articles.listPublic({ now: Date.now(), limit: 12 })).items.map((c) => c.slug);
    // Headless Chromium names itself in its user agent, and automated clients never count.
    const context = await browser.newContext({ userAgent: BROWSER_UA });
    const page = await context.newPage();
    for (const s of slugs.slice(3, 7)) {
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/views')), page.goto(`${base}/articles/${s}`)]);
    }
    await page.goto(`${base}/articles/${slugs[8]}`);
    await page.locator('#recommended[data-personal="true"]').waitFor({ timeout: 10_000 });
    const personal = await page.locator('#recommended a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(personal.length).toBeGreaterThan(0);
    for (const s of [...slugs.slice(3, 7), slugs[8]]) expect(personal).not.toContain(`/articles/${s}`);
    await context.close();

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${base}/articles/${slugs[8]}`);
    expect(await plain.locator('#recommended').getAttribute('data-personal')).toBeNull();
    expect(await plain.locator('#recommended a').count()).toBe(8);
    await noJs.close();
  });
});
