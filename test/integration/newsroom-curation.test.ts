import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { epochToZoned } from '../../src/content/zoned-time.js';
import type { ChangeEvents, ChangeName } from '../../src/events/change-events.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { AdminClient } from '../helpers/admin-client.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

// The review workflow, tags and authors, front-page pins and the list's date filter, over HTTP
// (in-process inject) on each dialect: what each role may do, what it may not (403), CSRF on
// every new form, and what the public site shows afterwards.

const SECRET = 'curation-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const ROLES = ['owner', 'editor', 'author', 'contributor'] as const;
const email = (role: string) => `${role}@example.com`;
const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\//.exec(String(location))![1]);
const leadTitle = (html: string) => /<h2 class="lead__title">\s*<a [^>]*>([^<]*)<\/a>/.exec(html)?.[1];
const topStories = (html: string) => {
  const block = /<section class="secondary front-block"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...block.matchAll(/<a href="\/articles\/([^"]+)"/g)].map((m) => m[1]).filter((s, i, all) => all.indexOf(s) === i);
};

for (const dialect of DIALECTS) {
  describe(`newsroom curation on ${dialect}`, () => {
    let db: TestDatabase;
    let m: Masthead;
    let address = 0;
    const heard: { name: ChangeName; payload: unknown }[] = [];
    const signedIn = async (role: string) => {
      const c = new AdminClient(m.app, `198.51.100.${++address}`);
      expect((await c.signIn(email(role), PASSWORD)).statusCode).toBe(303);
      await c.get('/admin');
      return c;
    };
    const audit = async () => (await m.storage.newsroom.auditLog(1000, 0)).items;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      const config = loadConfig({ data: db.dataDir, logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET, ...(db.databaseUrl ? { MASTHEAD_DATABASE_URL: db.databaseUrl } : {}) });
      m = await createMasthead(config);
      for (const role of ROLES) await m.accounts.addUser({ email: email(role), role, password: PASSWORD, name: `${role} name` });
      for (const name of ['taxonomy.changed', 'settings.changed', 'article.saved'] as const) {
        m.changes.subscribe(name, (payload: ChangeEvents[typeof name]) => heard.push({ name, payload }));
      }
    }, 60_000);
    afterAll(async () => {
      await m?.close();
      await db?.drop();
    });

    describe('review', () => {
      it('an author submits a draft; cannot publish or schedule it (no button, crafted requests 403); an editor sends it back with a note, then publishes it', async () => {
        const author = await signedIn('author');
        await author.get('/admin/articles/new');
        const created = await author.post('/admin/articles', { title: 'Harbour report', body: 'First go.', action: 'draft' });
        expect(created.statusCode).toBe(303);
        const id = idOf(created.headers.location);

        const page = await author.get(`/admin/articles/${id}/edit`);
        expect(page.body).toContain('>Submit for review</button>');
        expect(page.body).not.toContain('>Publish</button>');
        expect(page.body).not.toContain('>Schedule</button>');
        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'x', action: 'publish' })).statusCode).toBe(403);
        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'x', action: 'schedule', publishAt: '2099-01-01T10:00' })).statusCode).toBe(403);
        expect((await author.post('/admin/articles', { title: 'Straight out', body: 'x', action: 'publish' })).statusCode).toBe(403);
        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'x', action: 'return', reviewNote: 'self' })).statusCode).toBe(403);
        expect((await m.storage.articles.findById(id))!.status).toBe('draft');

        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'First go.', action: 'submit' })).statusCode).toBe(303);
        expect((await m.storage.newsroom.ownership(id))!.reviewState).toBe('submitted');
        // Submitted twice is refused; the article is still a draft to the public site.
        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'First go.', action: 'submit' })).statusCode).toBe(403);
        const slug = (await m.storage.articles.findById(id))!.slug;
        expect((await author.get(`/articles/${slug}`)).statusCode).toBe(404);
        const mine = await author.get('/admin?status=review');
        expect(mine.body).toContain('Harbour report');
        expect(mine.body).toContain('data-review-badge');

        const editor = await signedIn('editor');
        const queue = await editor.get('/admin?status=review');
        expect(queue.body).toContain('Review queue');
        expect(queue.body).toContain('Harbour report');
        expect(queue.body).toMatch(/Review \(\d+\)/);
        const review = await editor.get(`/admin/articles/${id}/edit`);
        expect(review.body).toContain('>Send back</button>');
        expect(review.body).toContain('>Publish</button>');
        // A return needs a note; the form keeps what was typed.
        const noNote = await editor.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'First go.', action: 'return', reviewNote: '  ' });
        expect(noNote.statusCode).toBe(400);
        expect(noNote.body).toContain('Tell the writer what to change');
        expect((await editor.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'First go.', action: 'return', reviewNote: 'Quote the <harbour> master, please.' })).statusCode).toBe(303);
        expect((await m.storage.newsroom.ownership(id))).toMatchObject({ reviewState: 'returned', reviewNote: 'Quote the <harbour> master, please.' });
        // Only a submitted article can be sent back.
        await editor.get(`/admin/articles/${id}/edit`);
        expect((await editor.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'First go.', action: 'return', reviewNote: 'again' })).statusCode).toBe(409);

        const back = await author.get(`/admin/articles/${id}/edit`);
        expect(back.body).toContain('Sent back by an editor');
        expect(back.body).toContain('Quote the &lt;harbour> master, please.');
        expect(back.body).toContain('>Submit for review</button>');
        expect((await author.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'Second go, with a quote.', action: 'submit' })).statusCode).toBe(303);

        await editor.get(`/admin/articles/${id}/edit`);
        expect((await editor.post(`/admin/articles/${id}`, { title: 'Harbour report', body: 'Second go, with a quote.', action: 'publish' })).statusCode).toBe(303);
        expect((await m.storage.articles.findById(id))!.status).toBe('published');
        expect((await m.storage.newsroom.ownership(id))!.reviewState).toBeNull();
        expect((await editor.get(`/articles/${slug}`)).statusCode).toBe(200);
        // Published, it is no longer the author's to change: the list offers it to read, not to edit.
        expect((await author.get(`/admin/articles/${id}/edit`)).statusCode).toBe(403);
        const listed = (await author.get('/admin')).body;
        expect(listed).not.toContain(`href="/admin/articles/${id}/edit"`);
        expect(listed).toContain(`href="/articles/${slug}"`);
        expect((await author.post(`/admin/articles/${id}`, { title: 'Changed live', body: 'x', action: 'draft' })).statusCode).toBe(403);
        expect((await author.post(`/admin/articles/${id}/delete`, {})).statusCode).toBe(403);

        const log = (await audit()).filter((e) => e.subject.startsWith(`${id} `)).map((e) => `${e.action} ${e.actor}`);
        expect(log).toEqual([`article.publish ${email('editor')}`, `article.submit ${email('author')}`, `article.return ${email('editor')}`, `article.submit ${email('author')}`]);
      });

      it('a contributor writes and submits only their own drafts: others\' cannot be submitted, nothing can be published', async () => {
        const contributor = await signedIn('contributor');
        await contributor.get('/admin/articles/new');
        const own = idOf((await contributor.post('/admin/articles', { title: 'Contributor draft', body: 'x', action: 'submit' })).headers.location);
        expect((await m.storage.newsroom.ownership(own))!.reviewState).toBe('submitted');
        const author = await signedIn('author');
        await author.get('/admin/articles/new');
        const others = idOf((await author.post('/admin/articles', { title: 'Not the contributor\'s', body: 'x', action: 'draft' })).headers.location);
        await contributor.get('/admin');
        expect((await contributor.post(`/admin/articles/${others}`, { title: 'Not the contributor\'s', body: 'x', action: 'submit' })).statusCode).toBe(403);
        expect((await m.storage.newsroom.ownership(others))!.reviewState).toBeNull();
        expect((await contributor.post(`/admin/articles/${own}`, { title: 'Contributor draft', body: 'x', action: 'publish' })).statusCode).toBe(403);
        expect((await contributor.post(`/admin/articles/${own}/delete`, {})).statusCode).toBe(403);
        expect((await m.storage.articles.findById(own))!.status).toBe('draft');
      });

      it('submit and return need the form\'s CSRF token', async () => {
        const author = await signedIn('author');
        await author.get('/admin/articles/new');
        const id = idOf((await author.post('/admin/articles', { title: 'Token check', body: 'x', action: 'draft' })).headers.location);
        expect((await author.post(`/admin/articles/${id}`, { title: 'Token check', body: 'x', action: 'submit' }, { csrf: false })).statusCode).toBe(403);
        expect((await author.post(`/admin/articles/${id}`, { title: 'Token check', body: 'x', action: 'submit', _csrf: 'forged' })).statusCode).toBe(403);
        expect((await m.storage.newsroom.ownership(id))!.reviewState).toBeNull();
      });
    });

    describe('tags and authors', () => {
      let ferry: number;
      let ferries: number;

      beforeAll(async () => {
        const owner = await signedIn('owner');
        await owner.get('/admin/articles/new');
        await owner.post('/admin/articles', { title: 'Ferry one', body: 'x', tags: 'Ferry, Harbour', authors: 'Ann Writer', action: 'publish' });
        await owner.post('/admin/articles', { title: 'Ferry two', body: 'x', tags: 'Ferries, Harbour', authors: 'A. Writer', action: 'publish' });
        await owner.post('/admin/articles', { title: 'Ferry three', body: 'x', tags: 'Ferry, Ferries', authors: 'Ann Writer, A. Writer', action: 'publish' });
        ferry = (await m.storage.taxonomy.tagBySlug('ferry'))!.id;
        ferries = (await m.storage.taxonomy.tagBySlug('ferries'))!.id;
      });

      it('lists tags with their counts, renames one (the public tag page follows), merges two and deletes one; each change is announced', async () => {
        const editor = await signedIn('editor');
        const list = await editor.get('/admin/tags');
        expect(list.statusCode).toBe(200);
        expect(list.body).toMatch(/<td>Ferry<\/td><td>.*?<\/td><td>2<\/td>/);
        heard.length = 0;
        const renamed = await editor.post(`/admin/tags/${ferry}`, { name: 'Ferry boats', slug: 'ferry-boats' });
        expect(renamed.statusCode).toBe(303);
        expect(heard.filter((h) => h.name === 'taxonomy.changed').map((h) => h.payload)).toEqual([{ kinds: ['tag'] }]);
        const tagPage = await editor.get('/tag/ferry-boats');
        expect(tagPage.statusCode).toBe(200);
        expect(tagPage.body).toContain('Ferry boats');
        expect((await editor.get('/tag/ferry')).statusCode).toBe(404);

        const taken = await editor.post(`/admin/tags/${ferries}`, { name: 'Ferries', slug: 'harbour' });
        expect(taken.statusCode).toBe(400);
        expect(taken.body).toContain('is taken by “Harbour”');

        const badMerge = await editor.post(`/admin/tags/${ferries}/merge`, { into: 'no such tag' });
        expect(badMerge.statusCode).toBe(400);
        expect(badMerge.body).toContain('No tag “no such tag”');
        expect((await editor.post(`/admin/tags/${ferries}/merge`, { into: 'Ferries' })).statusCode).toBe(400);
        expect((await editor.post(`/admin/tags/${ferries}/merge`, { into: 'ferry-boats' })).statusCode).toBe(303);
        // "Ferry three" had both: it keeps one.
        const merged = await m.storage.taxonomy.taxonomyEntry('tag', ferry);
        expect(merged!.articles).toBe(3);
        expect(await m.storage.taxonomy.taxonomyEntry('tag', ferries)).toBeUndefined();
        const three = await m.storage.articles.findBySlug('ferry-three');
        expect(three!.tags.map((t) => t.slug)).toEqual(['ferry-boats']);

        const harbour = (await m.storage.taxonomy.tagBySlug('harbour'))!.id;
        expect((await editor.post(`/admin/tags/${harbour}/delete`, {})).statusCode).toBe(303);
        expect(await m.storage.taxonomy.tagBySlug('harbour')).toBeUndefined();
        expect((await m.storage.articles.findBySlug('ferry-one'))!.tags.map((t) => t.slug)).toEqual(['ferry-boats']);
        expect((await audit()).map((e) => e.action)).toEqual(expect.arrayContaining(['tag.change', 'tag.merge', 'tag.delete']));
      });

      it('edits an author (bio, photo as an http(s) address only) and merges a duplicate byline', async () => {
        const editor = await signedIn('editor');
        const ann = (await m.storage.taxonomy.authorBySlug('ann-writer'))!;
        const short = (await m.storage.taxonomy.authorBySlug('a-writer'))!;
        for (const photoUrl of ['javascript:alert(1)', 'ftp://example.com/a.jpg', 'not a url']) {
          const bad = await editor.post(`/admin/authors/${ann.id}`, { name: 'Ann Writer', slug: '', bio: 'Covers the harbour.', photoUrl });
          expect(bad.statusCode).toBe(400);
          expect(bad.body).toContain('Give a full http:// or https:// address of the photo');
          expect(bad.body).toContain('>Covers the harbour.</textarea>');
        }
        const ok = await editor.post(`/admin/authors/${ann.id}`, { name: 'Ann Writer', slug: '', bio: 'Covers the <b>harbour</b>.', photoUrl: 'https://img.example/ann.jpg' });
        expect(ok.statusCode).toBe(303);
        expect(await m.storage.taxonomy.taxonomyEntry('author', ann.id)).toMatchObject({ bio: 'Covers the <b>harbour</b>.', photoUrl: 'https://img.example/ann.jpg' });
        const authorPage = await editor.get('/author/ann-writer');
        expect(authorPage.body).toContain('Covers the &lt;b>harbour&lt;/b>.');
        expect(authorPage.body).toContain('src="https://img.example/ann.jpg"');

        expect((await editor.post(`/admin/authors/${short.id}/merge`, { into: 'Ann Writer' })).statusCode).toBe(303);
        expect((await m.storage.taxonomy.taxonomyEntry('author', ann.id))!.articles).toBe(3);
        expect((await m.storage.articles.findBySlug('ferry-two'))!.authors.map((a) => a.name)).toEqual(['Ann Writer']);
      });

      it('the typeahead answers signed-in accounts only, as JSON', async () => {
        const author = await signedIn('author');
        const res = await author.get('/admin/api/tags?q=fer', { accept: 'application/json' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ items: [{ name: 'Ferry boats', slug: 'ferry-boats', articles: 3 }] });
        expect((await author.get('/admin/api/authors?q=ann', { accept: 'application/json' })).json().items[0]).toMatchObject({ name: 'Ann Writer' });
        const anonymous = new AdminClient(m.app, '198.51.100.250');
        const refused = await anonymous.get('/admin/api/tags?q=fer', { accept: 'application/json' });
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['cache-control']).toBe('no-store');
      });

      it('authors and contributors may not manage tags or authors (403), and every form needs its CSRF token', async () => {
        for (const role of ['author', 'contributor']) {
          const c = await signedIn(role);
          expect((await c.get('/admin/tags')).statusCode).toBe(403);
          expect((await c.get('/admin/authors')).statusCode).toBe(403);
          expect((await c.post('/admin/tags', { name: 'Sneaky' })).statusCode).toBe(403);
          expect((await c.post(`/admin/tags/${ferry}`, { name: 'Defaced' })).statusCode).toBe(403);
          expect((await c.post(`/admin/tags/${ferry}/merge`, { into: 'x' })).statusCode).toBe(403);
          expect((await c.post(`/admin/tags/${ferry}/delete`, {})).statusCode).toBe(403);
          expect((await c.post('/admin/authors', { name: 'Sneaky' })).statusCode).toBe(403);
          expect((await c.get('/admin/api/articles?q=ferry', { accept: 'application/json' })).statusCode).toBe(403);
        }
        const editor = await signedIn('editor');
        expect((await editor.post('/admin/tags', { name: 'No token' }, { csrf: false })).statusCode).toBe(403);
        expect((await editor.post(`/admin/tags/${ferry}/delete`, {}, { csrf: false })).statusCode).toBe(403);
        expect((await editor.post('/admin/authors', { name: 'No token' }, { csrf: false })).statusCode).toBe(403);
        expect(await m.storage.taxonomy.tagBySlug('no-token')).toBeUndefined();
        expect(await m.storage.taxonomy.taxonomyEntry('tag', ferry)).toMatchObject({ name: 'Ferry boats' });
        // A new tag from the form, then it exists.
        expect((await editor.post('/admin/tags', { name: 'Night buses', slug: '' })).statusCode).toBe(303);
        expect(await m.storage.taxonomy.tagBySlug('night-buses')).toMatchObject({ name: 'Night buses' });
      });
    });

    describe('front page', () => {
      it('pins the lead and top stories; the home page shows them first and fills the rest; an unpublished or deleted pin drops out on its own', async () => {
        const editor = await signedIn('editor');
        await editor.get('/admin/articles/new');
        const ids: number[] = [];
        for (let i = 1; i <= 7; i++) {
          const res = await editor.post('/admin/articles', { title: `Front story ${i}`, slug: `front-story-${i}`, body: 'x', action: 'publish' });
          ids.push(idOf(res.headers.location));
          await new Promise((r) => setTimeout(r, 3));
        }
        // Without pins the newest leads.
        expect(leadTitle((await editor.get('/')).body)).toBe('Front story 7');

        const form = await editor.get('/admin/front-page');
        expect(form.statusCode).toBe(200);
        expect(form.body).toContain('<label for="slot0">Lead story</label>');
        const draft = idOf((await editor.post('/admin/articles', { title: 'Unfinished', body: 'x', action: 'draft' })).headers.location);
        await editor.get('/admin/front-page');
        const bad = await editor.post('/admin/front-page', { slot0: 'front-story-2', slot1: 'no-such-story', slot2: String(draft), slot3: 'front-story-2', slot4: '' });
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain('No article “no-such-story”');
        expect(bad.body).toContain('“Unfinished” is a draft');
        expect(bad.body).toContain('“Front story 2” is already pinned above');
        expect(bad.body).toContain('value="no-such-story"');
        expect(await m.storage.newsroom.frontPins()).toEqual([]);

        heard.length = 0;
        const saved = await editor.post('/admin/front-page', { slot0: 'front-story-2', slot1: String(ids[0]), slot2: '', slot3: 'http://127.0.0.1/articles/front-story-3', slot4: '' });
        expect(saved.statusCode).toBe(303);
        expect(heard.filter((h) => h.name === 'settings.changed').map((h) => h.payload)).toEqual([{ keys: ['frontPins'] }]);
        const home = (await editor.get('/')).body;
        expect(leadTitle(home)).toBe('Front story 2');
        // Slot 1 and 3 pinned, 2 and 4 filled with the newest others.
        expect(topStories(home)).toEqual(['front-story-1', 'front-story-7', 'front-story-3', 'front-story-6']);
        expect((await audit()).map((e) => e.action)).toContain('front.pins');

        // The lead is unpublished: the newest story takes its place, with no edit of the pins.
        await editor.get(`/admin/articles/${ids[1]}/edit`);
        expect((await editor.post(`/admin/articles/${ids[1]}`, { title: 'Front story 2', slug: 'front-story-2', body: 'x', action: 'unpublish' })).statusCode).toBe(303);
        const after = (await editor.get('/')).body;
        expect(leadTitle(after)).toBe('Front story 7');
        expect(topStories(after)).toEqual(['front-story-1', 'front-story-6', 'front-story-3', 'front-story-5']);
        expect((await editor.get('/admin/front-page')).body).toContain('not on the site now (draft)');
        // A pinned article in the bin drops out too.
        expect((await editor.post(`/admin/articles/${ids[0]}/delete`, {})).statusCode).toBe(303);
        expect(topStories((await editor.get('/')).body)).not.toContain('front-story-1');
        // Pins can be cleared.
        await editor.get('/admin/front-page');
        expect((await editor.post('/admin/front-page', { slot0: '', slot1: '', slot2: '', slot3: '', slot4: '' })).statusCode).toBe(303);
        expect(await m.storage.newsroom.frontPins()).toEqual([]);
      });

      it('only owners and editors curate the front page (403), and its form needs the CSRF token', async () => {
        for (const role of ['author', 'contributor']) {
          const c = await signedIn(role);
          expect((await c.get('/admin/front-page')).statusCode).toBe(403);
          expect((await c.post('/admin/front-page', { slot0: 'front-story-3' })).statusCode).toBe(403);
        }
        const owner = await signedIn('owner');
        expect((await owner.post('/admin/front-page', { slot0: 'front-story-3' }, { csrf: false })).statusCode).toBe(403);
        expect(await m.storage.newsroom.frontPins()).toEqual([]);
        await owner.get('/admin/front-page');
        expect((await owner.post('/admin/front-page', { slot0: 'front-story-3' })).statusCode).toBe(303);
        const found = await owner.get('/admin/api/articles?q=front%20story', { accept: 'application/json' });
        expect(found.json().items.map((a: { slug: string }) => a.slug)).toContain('front-story-3');
      });
    });

    describe('the list\'s date filter', () => {
      it('filters by day of last change or of publication, in the site\'s time zone; a malformed day is a 400 with a message', async () => {
        const owner = await signedIn('owner');
        await owner.get('/admin/settings');
        const s = await m.site.settings();
        await m.site.updateSettings({ timezone: 'Pacific/Auckland' });
        try {
          await owner.get('/admin/articles/new');
          const id = idOf((await owner.post('/admin/articles', { title: 'Dated piece', body: 'x', action: 'publish' })).headers.location);
          // Set its dates to a known instant: 2026-03-01 23:30 in Auckland is 2026-03-01 10:30 UTC.
          const at = Date.UTC(2026, 2, 1, 10, 30);
          await m.storage.newsroom.setStatus(id, 'published', at, at);
          expect(epochToZoned(at, 'Pacific/Auckland')).toBe('2026-03-01T23:30');
          const has = async (qs: string) => (await owner.get(`/admin?${qs}`)).body.includes('Dated piece');
          expect(await has('from=2026-03-01&to=2026-03-01')).toBe(true);
          expect(await has('from=2026-03-02')).toBe(false);
          expect(await has('to=2026-02-28')).toBe(false);
          expect(await has('date=published&from=2026-03-01&to=2026-03-01')).toBe(true);
          expect(await has('date=published&from=2026-03-01&to=2026-03-01&status=draft')).toBe(false);
          // The same instant is still 28 February in Pago Pago (UTC−11): the days are the site's.
          await m.site.updateSettings({ timezone: 'Pacific/Pago_Pago' });
          expect(await has('from=2026-03-01&to=2026-03-01')).toBe(false);
          expect(await has('from=2026-02-28&to=2026-02-28')).toBe(true);

          const bad = await owner.get('/admin?from=2026-02-30');
          expect(bad.statusCode).toBe(400);
          expect(bad.body).toContain('“From” is not a day; use YYYY-MM-DD');
          expect(bad.body).toContain('value="2026-02-30"');
          const backwards = await owner.get('/admin?from=2026-03-02&to=2026-03-01');
          expect(backwards.statusCode).toBe(400);
          expect(backwards.body).toContain('“To” is before “From”');
          const pager = await owner.get('/admin?from=2020-01-01&date=published');
          expect(pager.body).toContain('name="from" value="2020-01-01"');
        } finally {
          await m.site.updateSettings({ timezone: s.timezone });
        }
      });
    });
  });
}
