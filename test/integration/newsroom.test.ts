import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { epochToZoned } from '../../src/content/zoned-time.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { ScheduledPublisher } from '../../src/services/scheduled-publisher.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { AdminClient } from '../helpers/admin-client.js';
import { solidPng } from '../helpers/images.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

// The editor's workflow over HTTP: bad input, old slugs, revisions, the bin, scheduling.

const SECRET = 'newsroom-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\//.exec(String(location))![1]);

for (const dialect of DIALECTS) {
  describe(`newsroom workflow on ${dialect}`, () => {
    let db: TestDatabase;
    let m: Masthead;
    let c: AdminClient;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      const config = loadConfig({ data: db.dataDir, logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET, ...(db.databaseUrl ? { MASTHEAD_DATABASE_URL: db.databaseUrl } : {}) });
      m = await createMasthead(config);
      await m.accounts.addUser({ email: 'owner@example.com', role: 'owner', password: PASSWORD, name: 'Olive Owner' });
      c = new AdminClient(m.app);
      expect((await c.signIn('owner@example.com', PASSWORD)).statusCode).toBe(303);
      await c.get('/admin/articles/new');
    }, 60_000);
    afterAll(async () => {
      await m?.close();
      await db?.drop();
    });

    it('a slug already taken is a form error, and everything typed is still in the form', async () => {
      expect((await c.post('/admin/articles', { title: 'First', slug: 'taken-slug', body: 'One', action: 'publish' })).statusCode).toBe(303);
      const before = await m.storage.articles.countAll();
      const res = await c.post('/admin/articles', {
        title: 'Second <script>x</script>', slug: 'taken-slug', summary: 'My summary', body: 'My **body** text', tags: 'alpha, beta',
        coverImageUrl: 'https://img.example/a.jpg', action: 'draft',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('The slug &quot;taken-slug&quot; is taken by “First”');
      expect(res.body).toContain('value="Second &lt;script>x&lt;/script>"');
      expect(res.body).not.toContain('<script>x</script>');
      expect(res.body).toContain('>My summary</textarea>');
      expect(res.body).toContain('>My **body** text</textarea>');
      expect(res.body).toContain('value="alpha, beta"');
      expect(res.body).toContain('value="https://img.example/a.jpg"');
      expect(await m.storage.articles.countAll()).toBe(before);
    });

    it('a library cover is saved with the article, its alt text and caption onto the image, in one transaction', async () => {
      const image = await m.media.ingest(await solidPng(90, 60), { filename: `cover-${dialect}.png` });
      const res = await c.post('/admin/articles', { title: 'Covered', body: 'x', coverImageId: String(image.id), coverAlt: 'A blue square', coverCaption: 'Blue.', action: 'draft' });
      expect(res.statusCode).toBe(303);
      const saved = (await m.storage.articles.findById(idOf(res.headers.location)))!;
      expect(saved.coverImageId).toBe(image.id);
      expect(await m.media.byId(image.id)).toMatchObject({ alt: 'A blue square', caption: 'Blue.' });
      // A failed save writes nothing: neither the article nor the words on the image.
      const bad = await c.post(`/admin/articles/${saved.id}`, { title: '', body: 'x', coverImageId: String(image.id), coverAlt: 'Changed', action: 'draft' });
      expect(bad.statusCode).toBe(400);
      expect((await m.media.byId(image.id))!.alt).toBe('A blue square');
    });

    it('a schedule time in the past is a clear error; a future one publishes on its own, exactly once', async () => {
      const tz = (await m.site.settings()).timezone;
      const past = await c.post('/admin/articles', { title: 'Late', body: 'x', action: 'schedule', publishAt: epochToZoned(Date.now() - 3_600_000, tz) });
      expect(past.statusCode).toBe(400);
      expect(past.body).toMatch(/That time is in the past; pick a time after/);
      const none = await c.post('/admin/articles', { title: 'Late', body: 'x', action: 'schedule', publishAt: '' });
      expect(none.body).toMatch(/Pick the date and time to publish/);

      const ok = await c.post('/admin/articles', { title: 'Soon', body: 'x', action: 'schedule', publishAt: epochToZoned(Date.now() + 120_000, tz) });
      expect(ok.statusCode).toBe(303);
      const id = idOf(ok.headers.location);
      expect((await m.storage.articles.findById(id))!.status).toBe('scheduled');
      // Its time comes (set here rather than waited for); the publisher flips it once.
      await m.storage.newsroom.setStatus(id, 'scheduled', Date.now() - 1000, Date.now());
      const heard: number[] = [];
      m.changes.subscribe('article.saved', (e) => heard.push(e.id));
      const a = new ScheduledPublisher(m.storage, m.changes, Date.now, (err) => { throw err; });
      const first = await a.publishDue();
      const second = await a.publishDue();
      expect(first.map((r) => r.id)).toEqual([id]);
      expect(second).toEqual([]);
      expect(heard.filter((x) => x === id)).toHaveLength(1);
      expect((await m.storage.articles.findById(id))!.status).toBe('published');
    });

    it.runIf(dialect === 'postgres')('several processes flip each due article exactly once', async () => {
      const now = Date.now();
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) {
        const saved = await m.storage.transaction((s) => m.articles.save(s, { title: `Due ${i}`, body: 'x', status: 'scheduled', publishedAt: now + 60_000 }));
        await m.storage.newsroom.setStatus(saved.id, 'scheduled', now - 1000, now);
        ids.push(saved.id);
      }
      const others = await Promise.all([1, 2, 3].map(() => openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' })));
      try {
        const publishers = others.map((s) => new ScheduledPublisher(s, m.changes, Date.now, (err) => { throw err; }));
        const results = await Promise.all(publishers.flatMap((p) => [p.publishDue(), p.publishDue()]));
        const flipped = results.flat().map((r) => r.id).filter((id) => ids.includes(id));
        expect(flipped.sort((x, y) => x - y)).toEqual(ids);
        const log = await m.storage.newsroom.auditLog(1000, 0);
        const audited = log.items.filter((e) => e.actor === 'scheduler' && ids.includes(Number(e.subject.split(' ')[0])));
        expect(audited).toHaveLength(ids.length);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it('the scheduler publishes what fell due while the site was down, when it starts', async () => {
      const saved = await m.storage.transaction((s) => m.articles.save(s, { title: 'Missed while down', body: 'x', status: 'scheduled', publishedAt: Date.now() + 60_000 }));
      await m.storage.newsroom.setStatus(saved.id, 'scheduled', Date.now() - 3_600_000, Date.now());
      const task = new ScheduledPublisher(m.storage, m.changes, Date.now, (err) => { throw err; }, 60_000);
      await task.start();
      await task.stop();
      expect((await m.storage.articles.findById(saved.id))!.status).toBe('published');
    });

    it('a body over 5 MB gets 413 with a message', async () => {
      const res = await c.post('/admin/articles', { title: 'Huge', body: 'a'.repeat(5 * 1024 * 1024 + 10), action: 'draft' });
      expect(res.statusCode).toBe(413);
      expect(res.body).toMatch(/an article body can be at most 5 MB/);
      const json = await c.postJson('/admin/articles/autosave', { title: 'Huge', body: 'a'.repeat(5 * 1024 * 1024 + 10) });
      expect(json.statusCode).toBe(413);
      expect(json.json()).toMatchObject({ error: 'MH_ERR_PAYLOAD_TOO_LARGE' });
    }, 30_000);

    it('a renamed article answers at its old slug with a 301; revisions keep every save, with a diff and a restore', async () => {
      const created = await c.post('/admin/articles', { title: 'Original title', slug: 'original-slug', body: 'Line one\nLine two', action: 'publish' });
      const id = idOf(created.headers.location);
      expect((await c.get('/articles/original-slug')).statusCode).toBe(200);
      await c.get(`/admin/articles/${id}/edit`);
      expect((await c.post(`/admin/articles/${id}`, { title: 'Better title', slug: 'better-slug', body: 'Line one\nLine 2', action: 'update' })).statusCode).toBe(303);
      const old = await c.get('/articles/original-slug');
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe('/articles/better-slug');
      expect((await c.get('/articles/better-slug')).statusCode).toBe(200);

      const revisions = await m.storage.newsroom.revisions(id, 10);
      expect(revisions.map((r) => r.kind)).toEqual(['update', 'publish']);
      const diff = await c.get(`/admin/articles/${id}/revisions?a=${revisions[1]!.id}&b=${revisions[0]!.id}`);
      expect(diff.body).toContain('<del># Original title\n</del>');
      expect(diff.body).toContain('<ins># Better title\n</ins>');
      expect(diff.body).toContain('<del>Line two\n</del>');
      const restoring = await c.get(`/admin/articles/${id}/edit?revision=${revisions[1]!.id}`);
      expect(restoring.body).toContain('value="Original title"');
      expect((await c.post(`/admin/articles/${id}`, { title: 'Original title', slug: 'better-slug', body: 'Line one\nLine two', action: 'update' })).statusCode).toBe(303);
      expect((await m.storage.articles.findById(id))!.title).toBe('Original title');
    });

    it('unpublish takes an article off the site (410); delete puts it in the bin; restore brings it back as a draft', async () => {
      const id = idOf((await c.post('/admin/articles', { title: 'Short lived', body: 'x', action: 'publish' })).headers.location);
      const { slug } = (await m.storage.articles.findById(id))!;
      expect((await c.get(`/articles/${slug}`)).statusCode).toBe(200);
      await c.get(`/admin/articles/${id}/edit`);
      expect((await c.post(`/admin/articles/${id}`, { title: 'Short lived', body: 'x', action: 'unpublish' })).statusCode).toBe(303);
      expect((await c.get(`/articles/${slug}`)).statusCode).toBe(410);
      expect((await c.post(`/admin/articles/${id}/delete`, {})).statusCode).toBe(303);
      expect((await c.get('/admin')).body).not.toContain('Short lived');
      const bin = await c.get('/admin?status=bin');
      expect(bin.body).toContain('Short lived');
      expect((await c.post(`/admin/articles/${id}/restore`, {})).statusCode).toBe(303);
      expect((await c.get('/admin?status=draft')).body).toContain('Short lived');
      const log = (await m.storage.newsroom.auditLog(100, 0)).items.map((e) => e.action);
      expect(log).toEqual(expect.arrayContaining(['article.unpublish', 'article.delete', 'article.restore']));
    });

    it('autosave creates a draft, keeps later text as a revision the editor shows again, and leaves the public site alone', async () => {
      const first = await c.postJson('/admin/articles/autosave', { title: 'Typed so far', body: 'Half a sentence' });
      expect(first.statusCode).toBe(200);
      const { id } = first.json() as { id: number };
      expect((await m.storage.articles.findById(id))!.status).toBe('draft');
      await new Promise((r) => setTimeout(r, 5));
      expect((await c.postJson(`/admin/articles/${id}/autosave`, { title: 'Typed so far', body: 'Half a sentence, and more' })).statusCode).toBe(200);
      expect((await c.postJson(`/admin/articles/${id}/autosave`, { title: 'Typed so far', body: 'Half a sentence, and more still' })).statusCode).toBe(200);
      expect((await m.storage.articles.findById(id))!.bodySource).toBe('Half a sentence');
      const kinds = (await m.storage.newsroom.revisions(id, 10)).map((r) => r.kind);
      expect(kinds).toEqual(['autosave', 'draft']);
      const page = await c.get(`/admin/articles/${id}/edit`);
      expect(page.body).toContain('>Half a sentence, and more still</textarea>');
      expect(page.body).toMatch(/autosaved text from/);
    });

    it('filters and searches the list, and pages through it', async () => {
      const res = await c.get('/admin?q=ORIGINAL');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Original title');
      expect(res.body).not.toContain('Typed so far');
      expect((await c.get('/admin?status=published&q=typed')).body).not.toContain('Typed so far');
      await c.post('/admin/articles', { title: 'Bylined piece', authors: 'Olive Owner, Guest Writer', body: 'x', action: 'draft' });
      const byline = (await c.get('/admin?author=Guest%20Writer')).body;
      expect(byline).toContain('Bylined piece');
      expect(byline).not.toContain('Typed so far');
      expect((await c.get('/admin?author=Nobody%20Here')).body).toContain('>0 articles<');
      expect((await c.get('/admin?q=%25')).statusCode).toBe(200);
      // The total is exact up to the cap and "cap + 1" beyond it.
      const all = await m.storage.newsroom.list({ limit: 2, offset: 0, countCap: 1000 });
      const capped = await m.storage.newsroom.list({ limit: 2, offset: 0, countCap: 3 });
      expect(all.total).toBeGreaterThan(4);
      expect(capped.total).toBe(4);
      expect(capped.items).toEqual(all.items);
    });

    it('sections: added as a tree with an order that drives the navigation; bad input is a form error; only owners and editors', async () => {
      await c.get('/admin/sections');
      expect((await c.post('/admin/sections', { name: 'World', slug: '', parent: '', position: '1', description: '' })).statusCode).toBe(303);
      expect((await c.post('/admin/sections', { name: 'Local', slug: 'local', parent: '', position: '0', description: '' })).statusCode).toBe(303);
      const tree = await m.site.categories();
      const world = tree.getBySlug('world')!;
      expect((await c.post('/admin/sections', { name: 'Asia', slug: '', parent: String(world.id), position: '0', description: '' })).statusCode).toBe(303);
      const taken = await c.post('/admin/sections', { name: 'Also world', slug: 'world', parent: '', position: '', description: '' });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toContain('The slug &quot;world&quot; is taken by another section');
      expect(taken.body).toContain('value="Also world"');
      const asia = (await m.site.categories()).getBySlug('asia')!;
      const loop = await c.post(`/admin/sections/${world.id}`, { name: 'World', slug: 'world', parent: String(asia.id), position: '1', description: '' });
      expect(loop.body).toContain('A section cannot sit inside itself');
      expect((await c.post(`/admin/sections/${world.id}`, { name: 'The World', slug: 'world', parent: '', position: '1', description: 'Abroad' })).statusCode).toBe(303);
      const home = await c.get('/');
      const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(home.body)![0];
      expect(nav.indexOf('Local')).toBeLessThan(nav.indexOf('The World'));
      expect(nav).not.toContain('Asia');
      const editor = await c.get('/admin/articles/new');
      expect(editor.body).toContain('— Asia</option>');

      await m.accounts.addUser({ email: 'contrib@example.com', role: 'contributor', password: PASSWORD });
      const contributor = new AdminClient(m.app, '203.0.113.50');
      await contributor.signIn('contrib@example.com', PASSWORD);
      await contributor.get('/admin');
      expect((await contributor.get('/admin/sections')).statusCode).toBe(403);
      expect((await contributor.post('/admin/sections', { name: 'Mine', slug: '', parent: '', position: '', description: '' })).statusCode).toBe(403);
      expect((await m.site.categories()).getBySlug('mine')).toBeUndefined();
    });

    it('settings: each field validated with its own message; a valid change is saved and audit-logged', async () => {
      await c.get('/admin/settings');
      const bad = await c.post('/admin/settings', { name: '', tagline: 'ok', baseUrl: 'not a url', timezone: 'Mars/Base', language: 'english!', reactions: 'Bad Key: x', rankingWindow: '7d' });
      expect(bad.statusCode).toBe(400);
      for (const message of ['The site needs a name', 'Give a full address', 'Not a time zone', 'Use a language tag', 'A reaction key is']) expect(bad.body).toContain(message);
      expect(bad.body).toContain('value="Mars/Base"');
      const good = await c.post('/admin/settings', { name: 'The Daily <Test>', tagline: 'ok', baseUrl: 'https://news.example', timezone: 'Europe/Zurich', language: 'en', reactions: 'good: Good\nsad: Sad', rankingWindow: '24h' });
      expect(good.statusCode).toBe(303);
      const s = await m.site.settings();
      expect(s).toMatchObject({ name: 'The Daily <Test>', timezone: 'Europe/Zurich', rankingWindow: '24h', reactions: [{ key: 'good', label: 'Good' }, { key: 'sad', label: 'Sad' }] });
      expect((await c.get('/admin')).body).toContain('The Daily &lt;Test>');
      expect((await m.storage.newsroom.auditLog(100, 0)).items.map((e) => e.action)).toContain('settings.change');
    });
  });
}
