import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { AdminClient } from '../helpers/admin-client.js';
import { solidPng } from '../helpers/images.js';

// The section bar, the footer and the icons, as the site settings shape them.

const PASSWORD = 'correct horse battery staple';
let m: Masthead;
let owner: AdminClient;

beforeAll(async () => {
  m = await createMasthead(loadConfig({ data: ':memory:', logLevel: 'silent' }, { MASTHEAD_SECRET: 'navigation-test-secret-0123456789' }));
  await m.seedDemoIfEmpty();
  await m.accounts.addUser({ email: 'owner@example.com', role: 'owner', password: PASSWORD });
  owner = new AdminClient(m.app);
  await owner.signIn('owner@example.com', PASSWORD);
}, 120_000);
afterAll(() => m.close());

/** The front page once the page cache has let go of the last copy (it keeps one a few seconds). */
async function homeWhere(check: (root: ReturnType<typeof parse>) => boolean) {
  for (let tries = 0; tries < 40; tries++) {
    const root = parse((await m.app.inject({ url: '/' })).body);
    if (check(root)) return root;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the front page never changed');
}

describe('navigation and footer', () => {
  it('the bar shows every section by default (five of six places), the footer lists them and the feeds', async () => {
    const roots = (await m.site.categories()).roots().map((c) => c.name);
    const root = parse((await m.app.inject({ url: '/' })).body);
    expect(root.querySelectorAll('.site-nav__list a').map((a) => a.text)).toEqual(roots);
    expect(root.querySelector('.site-nav__more')).toBeNull();
    const footer = root.querySelector('footer.site-footer')!;
    expect(footer.querySelectorAll('.site-footer__col--sections a').map((a) => a.text)).toEqual(roots);
    expect(footer.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(expect.arrayContaining(['/feed.xml', '/atom.xml', '/feed.json', '/search']));
    expect(footer.text).not.toMatch(/About|Contact/);
  });

  it('the owner sets how many sections the bar shows and the about and contact pages; the rest go under More, in section order', async () => {
    await owner.get('/admin/settings');
    const saved = await owner.post('/admin/settings', {
      ...(await currentForm()), navSections: '2', aboutUrl: '/about', contactUrl: 'mailto:desk@example.com',
    });
    expect(saved.statusCode).toBe(303);
    const roots = (await m.site.categories()).roots().map((c) => c.name);
    const root = await homeWhere((r) => r.querySelector('.site-nav__more') !== null);
    expect(root.querySelectorAll('.site-nav__list a').map((a) => a.text)).toEqual(roots.slice(0, 2));
    const more = root.querySelector('details.site-nav__more')!;
    expect(more.querySelector('summary')!.text).toMatch(/^More/);
    expect(more.querySelectorAll('a').map((a) => a.text)).toEqual(roots.slice(2));
    const footer = root.querySelector('footer.site-footer')!;
    expect(footer.querySelector('a[href="/about"]')!.text).toBe('About');
    expect(footer.querySelector('a[href="mailto:desk@example.com"]')!.text).toBe('Contact');
  });

  it('a bad number or address is a field error and nothing is saved', async () => {
    for (const [field, value, message] of [['navSections', '-1', 'At least 0'], ['navSections', 'lots', 'Expected number'], ['aboutUrl', 'javascript:alert(1)', 'Give a path such as /about']] as const) {
      await owner.get('/admin/settings');
      const res = await owner.post('/admin/settings', { ...(await currentForm()), [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(parse(res.body).querySelector(`#${field}-error`)?.text ?? '', `${field}=${value}`).toMatch(new RegExp(message, 'i'));
    }
    expect((await m.site.settings()).navSections).toBe(2);
    expect((await m.site.settings()).aboutUrl).toBe('/about');
  });

  it('the owner picks the logo from the library: the header shows it with its size, JSON-LD names it; a crafted id is a field error', async () => {
    const image = await m.media.ingest(await solidPng(900, 300), { filename: 'masthead-logo.png', alt: 'The logo' });
    await owner.get('/admin/settings');
    const form = await currentForm();
    expect(parse((await owner.get('/admin/settings')).body).querySelectorAll('#logoImageId option').map((o) => o.getAttribute('value'))).toContain(String(image.id));
    const crafted = await owner.post('/admin/settings', { ...form, logoImageId: '987654' });
    expect(crafted.statusCode).toBe(400);
    expect(parse(crafted.body).querySelector('#logoImageId-error')?.text).toMatch(/No such image/);
    expect((await m.site.settings()).logoImageId).toBe(0);
    await owner.get('/admin/settings');
    expect((await owner.post('/admin/settings', { ...form, logoImageId: String(image.id) })).statusCode).toBe(303);
    const root = await homeWhere((r) => r.querySelector('.site-logo') !== null);
    const logo = root.querySelector('a.site-name img.site-logo')!;
    expect(logo.getAttribute('alt')).toBe((await m.site.settings()).name);
    expect(Number(logo.getAttribute('height'))).toBeGreaterThanOrEqual(80);
    // The variant keeps the image's 3:1 shape (to a pixel of rounding).
    expect(Math.abs(Number(logo.getAttribute('width')) - Number(logo.getAttribute('height')) * 3)).toBeLessThanOrEqual(3);
    expect((await m.app.inject({ url: logo.getAttribute('src')! })).statusCode).toBe(200);
    const article = (await m.storage.articles.listPublic({ now: Date.now(), limit: 1 })).items[0]!;
    const ld = parse((await m.app.inject({ url: `/articles/${article.slug}` })).body).querySelectorAll('script[type="application/ld+json"]')
      .map((el) => JSON.parse(el.text) as { publisher?: { logo?: { url: string } } }).find((d) => d.publisher);
    expect(ld?.publisher?.logo?.url).toMatch(new RegExp(`${logo.getAttribute('src')!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await owner.get('/admin/settings');
    expect((await owner.post('/admin/settings', { ...(await currentForm()), logoImageId: '0' })).statusCode).toBe(303);
    await homeWhere((r) => r.querySelector('.site-logo') === null);
  });

  it('pages link their icons, made from the logo', async () => {
    const root = parse((await m.app.inject({ url: '/' })).body);
    expect(root.querySelectorAll('link[rel="icon"]').map((l) => l.getAttribute('href'))).toEqual(['/favicon.svg', '/favicon-32.png']);
    const svg = await m.app.inject({ url: '/favicon.svg' });
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    for (const [url, size] of [['/favicon-32.png', 32], ['/apple-touch-icon.png', 180]] as const) {
      const res = await m.app.inject({ url });
      expect(res.headers['content-type'], url).toBe('image/png');
      expect(res.rawPayload.readUInt32BE(16), url).toBe(size); // PNG IHDR width
      expect(res.rawPayload.readUInt32BE(20), url).toBe(size);
    }
    const ico = await m.app.inject({ url: '/favicon.ico' });
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe('/favicon-32.png');
  });
});

/** The settings form's current values, as the browser would post them back. */
async function currentForm(): Promise<Record<string, string>> {
  const root = parse((await owner.get('/admin/settings')).body);
  const out: Record<string, string> = {};
  for (const el of root.querySelectorAll('form.settings input[name], form.settings textarea[name], form.settings select[name]')) {
    const name = el.getAttribute('name')!;
    if (name === '_csrf') continue;
    out[name] = el.tagName === 'TEXTAREA' ? el.text : el.tagName === 'SELECT' ? (el.querySelector('option[selected]')?.getAttribute('value') ?? '') : (el.getAttribute('value') ?? '');
  }
  return out;
}
