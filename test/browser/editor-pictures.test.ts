import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { BROWSER_UA } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { photoJpeg } from '../helpers/images.js';

// Pictures through the editor in Chromium: upload a cover, describe it, insert an image into
// the body, see both on the published page; a file that is not an image is named in the error.

const PASSWORD = 'a long and secret passphrase';
let dir: string;
let m: Masthead;
let browser: Browser;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mh-editor-pictures-'));
  m = await createMasthead(loadConfig({ data: dir, logLevel: 'silent', demo: false }, {}));
  await m.accounts.addUser({ email: 'writer@example.com', role: 'editor', password: PASSWORD, name: 'Wren Writer' });
  base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await m?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: BROWSER_UA })).newPage();
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('Email').fill('writer@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

describe('pictures in the editor', () => {
  it('uploads a cover and a body image, flags missing alt text, and publishes both as responsive pictures', async () => {
    const page = await signIn();
    await page.goto(`${base}/admin/articles/new`);
    await page.getByLabel('Title', { exact: true }).fill('Night ferry returns to the timetable');
    await page.getByLabel('Body', { exact: true }).fill('The last boat leaves at midnight again.');

    // A cover without alt text: uploaded, chosen, and flagged before anything is published.
    await page.getByLabel('Upload a new cover').setInputFiles({ name: 'night-ferry.jpg', mimeType: 'image/jpeg', buffer: await photoJpeg(1400, 900) });
    await expect.poll(() => page.locator('[data-upload-status="cover"]').textContent(), { timeout: 60_000 }).toMatch(/night-ferry\.jpg uploaded \(1400×900\)/);
    const chosen = page.locator('input[name="coverImageId"]:checked');
    expect(await chosen.getAttribute('value')).toMatch(/^\d+$/);
    await expect.poll(() => page.locator('[data-alt-warnings]').textContent()).toContain('The cover image has no alt text');
    await page.getByLabel('Alt text', { exact: true }).fill('The ferry at the pier under lamps');
    await page.getByLabel('Caption', { exact: true }).fill('The night ferry at North Pier.');
    await expect.poll(() => page.locator('[data-alt-warnings]').textContent()).toBe('');

    // Insert into the body, at the end of the text.
    await page.getByLabel('Body', { exact: true }).press('End');
    await page.getByLabel('Its alt text').fill('Passengers boarding at midnight');
    await page.getByLabel('Its caption').fill('Boarding at midnight.');
    await page.getByLabel(/^Image file/).setInputFiles({ name: 'boarding.jpg', mimeType: 'image/jpeg', buffer: await photoJpeg(1000, 700) });
    await expect.poll(() => page.getByLabel('Body', { exact: true }).inputValue(), { timeout: 60_000 })
      .toMatch(/\n\n!\[Passengers boarding at midnight\]\(\/media\/[0-9a-f]{64}-1000\.jpg "Boarding at midnight\."\)/);
    // The live preview shows it as the page will.
    await expect.poll(() => page.locator('[data-preview] figure.body-figure picture source').count()).toBe(2);

    mkdirSync('.tmp/screenshots', { recursive: true });
    await page.screenshot({ path: '.tmp/screenshots/editor-pictures.png', fullPage: true });

    // A file that is not an image: the error names it, and nothing is inserted.
    const before = await page.getByLabel('Body', { exact: true }).inputValue();
    await page.getByLabel(/^Image file/).setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><body>notes</body></html>') });
    await expect.poll(() => page.locator('[data-upload-status="body"]').textContent()).toMatch(/^notes\.jpg: /);
    expect(await page.getByLabel('Body', { exact: true }).inputValue()).toBe(before);
    // A body image without alt text is flagged as it is typed.
    await page.getByLabel('Body', { exact: true }).fill(`${before}\n\n![](https://example.com/x.png)`);
    await expect.poll(() => page.locator('[data-alt-warnings]').textContent()).toContain('An image in the body has no alt text');
    await page.getByLabel('Body', { exact: true }).fill(before);

    await Promise.all([page.waitForURL(/\/edit\?saved=publish$/), page.getByRole('button', { name: 'Publish', exact: true }).click()]);
    const article = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).items[0]!;
    expect(article.title).toBe('Night ferry returns to the timetable');

    const reader = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await reader.goto(`${base}/articles/${article.slug}`);
    const cover = reader.locator('.article__figure img');
    expect(await cover.getAttribute('alt')).toBe('The ferry at the pier under lamps');
    expect(await reader.locator('.article__caption').textContent()).toContain('The night ferry at North Pier.');
    const inBody = reader.locator('.article__body figure.body-figure');
    expect(await inBody.locator('img').getAttribute('alt')).toBe('Passengers boarding at midnight');
    expect(await inBody.locator('figcaption').textContent()).toBe('Boarding at midnight.');
    await inBody.scrollIntoViewIfNeeded();
    await expect.poll(() => inBody.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect(await inBody.locator('img').evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif$/);
    await reader.close();
    await page.context().close();
  }, 180_000);
});
