import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { mastheadOn } from '../helpers/masthead-on.js';
import type { Masthead } from '../../src/main.js';

const TITLE = 'Pelicans <b>return</b> to the harbour';

let m: Masthead;
let close: () => Promise<void>;
let browser: Browser;
let base: string;
let slug: string;

beforeAll(async () => {
  ({ m, close } = await mastheadOn('sqlite'));
  slug = (await m.storage.transaction((s) => m.articles.save(s, { title: TITLE, body: 'The pelican colony is back.' }))).slug;
  await m.storage.transaction((s) => m.articles.save(s, { title: 'Ferry timetable', body: 'Boats run late.' }));
  base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('search box in Chromium', () => {
  it('suggests matching articles as links while the reader types, titles shown as text', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.locator('#q').pressSequentially('pelic');
    const links = page.locator('.search-suggest a');
    await links.first().waitFor({ timeout: 10_000 });
    expect(await links.allInnerTexts()).toEqual([TITLE]);
    expect(await links.first().getAttribute('href')).toBe(`/articles/${slug}`);
    expect(await page.locator('.search-suggest b').count()).toBe(0);
    await page.locator('#q').press('Escape');
    expect(await page.locator('.search-suggest').isHidden()).toBe(true);
    // The form still leads to the results page, with the match marked in its snippet; a
    // submitted search matches whole words. (Escape also empties a search box, as browsers do.)
    await page.locator('#q').fill('pelican');
    await Promise.all([page.waitForURL(/\/search\?q=pelican/, { timeout: 10_000 }), page.locator('#q').press('Enter')]);
    expect(await page.locator('.search-results .card__title a').allInnerTexts()).toEqual([TITLE]);
    expect(await page.locator('.search-results mark').first().innerText()).toBe('pelican');
    await page.close();
  });
});
