import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { launchBrowser } from '../helpers/browser.js';

// The newsroom in Chromium against a real server: the owner made with the command line signs
// in, writes, previews and publishes; a closed browser loses no draft; a contributor cannot publish;
// an author's article goes through one round of review (sent back with a note, then published).

const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const OWNER = 'owner@example.com';
const PASSWORD = 'a long and secret passphrase';
/** Set MASTHEAD_SCREENSHOTS=docs to refresh the pictures in docs/admin.md. */
const SCREENSHOTS = process.env.MASTHEAD_SCREENSHOTS;

function cli(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

let dir: string;
let m: Masthead;
let browser: Browser;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mh-newsroom-'));
  const added = await cli(['user', 'add', OWNER, '--role', 'owner', '--name', 'Olive Owner', '--password-stdin', '--data', dir], `${PASSWORD}\n`);
  expect(added.stderr).toBe('');
  expect(added.stdout).toMatch(/^Added owner@example\.com \(owner\)/);
  const listed = await cli(['user', 'list', '--data', dir], '');
  expect(listed.stdout).toContain('owner@example.com\towner\tOlive Owner');
  const short = await cli(['user', 'add', 'c@example.com', '--role', 'contributor', '--password-stdin', '--data', dir], 'short\n');
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/at least 10 characters/);

  m = await createMasthead(loadConfig({ data: dir, logLevel: 'silent' }, {}));
  await m.seedDemoIfEmpty();
  await m.accounts.addUser({ email: 'contributor@example.com', role: 'contributor', password: PASSWORD, name: 'Cody Contributor' });
  await m.accounts.addUser({ email: 'author@example.com', role: 'author', password: PASSWORD, name: 'Ada Author' });
  await m.accounts.addUser({ email: 'editor@example.com', role: 'editor', password: PASSWORD, name: 'Eddie Editor' });
  base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await m?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  await page.waitForURL(/\/admin\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

describe('the newsroom in Chromium', () => {
  it('the owner signs in, writes in Markdown with a live preview, previews the real page, publishes, and the article is on the site', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, OWNER);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'admin-articles.png') });
    await page.getByRole('link', { name: 'New article', exact: true }).first().click();
    await page.waitForURL(/\/admin\/articles\/new$/);
    await page.getByLabel('Title', { exact: true }).fill('Harbour bridge <reopens> after repairs');
    await page.getByLabel('Summary', { exact: true }).fill('Traffic flows again across the harbour.');
    await page.getByLabel('Body', { exact: true }).fill('## What changed\n\nThe bridge is **open** again, after _six_ weeks.\n\n- two lanes\n- a cycle path');
    // The live preview renders the Markdown as the article page will.
    await expect.poll(() => page.locator('[data-preview] strong').textContent()).toBe('open');
    expect(await page.locator('[data-preview] h2').textContent()).toBe('What changed');
    await page.getByLabel('Section', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Tags', { exact: true }).fill('bridges, traffic');
    await page.getByLabel('Cover image address', { exact: true }).fill('https://images.example/bridge.jpg');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'admin-editor.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/edit\?saved=draft$/), page.getByRole('button', { name: 'Save draft' }).click()]);
    await expect.poll(() => page.locator('.notice').first().textContent()).toBe('Draft saved.');

    const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Preview' }).click()]);
    await preview.waitForLoadState();
    expect(await preview.locator('h1').textContent()).toBe('Harbour bridge <reopens> after repairs');
    expect(await preview.locator('.article__body strong').textContent()).toBe('open');
    await preview.close();
    const { slug } = (await m.storage.newsroom.list({ search: 'harbour bridge', limit: 1, offset: 0, countCap: 10 })).items[0]!;
    // Not public before it is published.
    expect((await page.request.get(`${base}/articles/${slug}`)).status()).toBe(404);

    await Promise.all([page.waitForURL(/\/edit\?saved=publish$/), page.getByRole('button', { name: 'Publish', exact: true }).click()]);
    expect(await page.getByRole('button', { name: 'Unpublish' }).isVisible()).toBe(true);

    const reader = await browser.newPage();
    await reader.goto(`${base}/articles/${slug}`);
    expect(await reader.locator('h1').textContent()).toBe('Harbour bridge <reopens> after repairs');
    expect(await reader.locator('.article__standfirst').textContent()).toBe('Traffic flows again across the harbour.');
    expect(await reader.locator('.article__body h2').textContent()).toBe('What changed');
    expect(await reader.locator('.article__body li').count()).toBe(2);
    expect(await reader.locator('article .article__meta time[datetime]').isVisible()).toBe(true);
    expect(await reader.locator('nav[aria-label="Breadcrumb"] li').count()).toBeGreaterThan(1);
    expect(await reader.locator('form[data-reaction] button').count()).toBeGreaterThan(0);
    expect(await reader.locator('#ranking a').count()).toBeGreaterThan(0);
    expect(await reader.locator('body').innerText()).toContain('Olive Owner');
    await reader.close();
    await context.close();
  }, 120_000);

  it('the browser closed mid-edit: the draft is there when the editor comes back', async () => {
    const first = await browser.newContext();
    const page = await signIn(first, OWNER);
    await page.goto(`${base}/admin/articles/new`);
    await page.getByLabel('Title', { exact: true }).fill('Council votes on the ferry timetable');
    await page.getByLabel('Body', { exact: true }).pressSequentially('The vote is set for Thursday evening.', { delay: 5 });
    await expect.poll(() => page.locator('[data-autosave-status]').textContent(), { timeout: 15_000 }).toMatch(/^Autosaved at/);
    // The page became the editor of the new draft without a reload.
    await page.waitForURL(/\/admin\/articles\/\d+\/edit$/);
    await page.getByLabel('Body', { exact: true }).pressSequentially(' Residents may speak first.', { delay: 5 });
    await expect.poll(() => page.locator('[data-autosave-status]').textContent(), { timeout: 15_000 }).toMatch(/^Autosaved at/);
    await first.close(); // no button was pressed

    const second = await browser.newContext();
    const again = await signIn(second, OWNER);
    await again.goto(`${base}/admin?status=draft`);
    await again.getByRole('link', { name: 'Council votes on the ferry timetable' }).click();
    await again.waitForURL(/\/edit$/);
    expect(await again.getByLabel('Body', { exact: true }).inputValue()).toBe('The vote is set for Thursday evening. Residents may speak first.');
    await second.close();
  }, 120_000);

  it('a contributor has no Publish button, and a crafted publish request gets 403', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'contributor@example.com');
    await page.getByRole('link', { name: 'New article', exact: true }).first().click();
    expect(await page.getByRole('button', { name: 'Save draft' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Schedule' }).count()).toBe(0);
    const before = await m.storage.articles.countAll();
    // The same form, posted by hand with its valid CSRF token and publish as the action.
    const status = await page.evaluate(async () => {
      const form = document.querySelector('form[data-editor]') as HTMLFormElement;
      const data = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      data.set('title', 'Crafted by a contributor');
      data.set('action', 'publish');
      const res = await fetch(form.getAttribute('action')!, { method: 'POST', body: data, headers: { accept: 'text/html' } });
      return res.status;
    });
    expect(status).toBe(403);
    expect(await m.storage.articles.countAll()).toBe(before);
    await context.close();
  }, 60_000);

  it('review: an author submits, an editor sends it back with a note, the author revises and resubmits, the editor publishes', async () => {
    const authorContext = await browser.newContext();
    const author = await signIn(authorContext, 'author@example.com');
    await author.getByRole('link', { name: 'New article', exact: true }).first().click();
    expect(await author.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    await author.getByLabel('Title').fill('Night ferry returns for the summer');
    await author.getByLabel('Body', { exact: true }).fill('The night ferry runs again from June.');
    // The tags field offers what the site already has as it is typed.
    await Promise.all([author.waitForResponse((r) => r.url().includes('/admin/api/tags?q=')), author.getByLabel('Tags').pressSequentially('fer')]);
    await Promise.all([author.waitForURL(/saved=submit$/), author.getByRole('button', { name: 'Submit for review' }).click()]);
    expect(await author.locator('[data-review-state="submitted"]').isVisible()).toBe(true);
    const editUrl = author.url().replace(/\?.*$/, '');

    const editorContext = await browser.newContext();
    const editor = await signIn(editorContext, 'editor@example.com');
    await Promise.all([editor.waitForURL(/status=review/), editor.locator('[data-review-queue]').click()]);
    await Promise.all([editor.waitForURL(/\/edit$/), editor.getByRole('link', { name: 'Night ferry returns for the summer' }).click()]);
    await editor.getByLabel('Note to the writer').fill('Say which pier it leaves from.');
    await Promise.all([editor.waitForURL(/saved=return$/), editor.getByRole('button', { name: 'Send back' }).click()]);

    await author.goto(editUrl);
    expect(await author.locator('[data-review-note]').textContent()).toBe('Say which pier it leaves from.');
    await author.getByLabel('Body', { exact: true }).fill('The night ferry runs again from June, from the north pier.');
    await Promise.all([author.waitForURL(/saved=submit$/), author.getByRole('button', { name: 'Submit for review' }).click()]);

    await editor.goto(editUrl);
    expect(await editor.getByLabel('Body', { exact: true }).inputValue()).toContain('north pier');
    await Promise.all([editor.waitForURL(/saved=publish$/), editor.getByRole('button', { name: 'Publish', exact: true }).click()]);
    const article = await m.storage.articles.findBySlug('night-ferry-returns-for-the-summer');
    expect(article?.status).toBe('published');
    const pub = await editor.goto(`${base}/articles/night-ferry-returns-for-the-summer`);
    expect(pub?.status()).toBe(200);
    await authorContext.close();
    await editorContext.close();
  }, 120_000);
});
