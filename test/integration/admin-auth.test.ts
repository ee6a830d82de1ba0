import { sign } from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';
import { argon2Hasher, type PasswordHasher } from '../../src/accounts/password.js';
import { AccountService, ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from '../../src/services/account-service.js';
import { AdminClient } from '../helpers/admin-client.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

// Sign-in, sessions, CSRF and roles of the newsroom over HTTP (in-process inject), on each dialect.

const SECRET = 'admin-auth-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const ROLES = ['owner', 'editor', 'author', 'contributor'] as const;
const email = (role: string) => `${role}@example.com`;

for (const dialect of DIALECTS) {
  describe(`newsroom security on ${dialect}`, () => {
    let db: TestDatabase;
    let m: Masthead;
    let address = 0;
    /** A client from a fresh address, so per-address throttles of one test stay out of the next. */
    const client = () => new AdminClient(m.app, `198.51.100.${++address}`);
    const signedIn = async (role: string) => {
      const c = client();
      const res = await c.signIn(email(role), PASSWORD);
      expect(res.statusCode).toBe(303);
      await c.get('/admin');
      return c;
    };
    const articleCount = async () => m.storage.articles.countAll();

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      const config = loadConfig({ data: db.dataDir, logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET, ...(db.databaseUrl ? { MASTHEAD_DATABASE_URL: db.databaseUrl } : {}) });
      m = await createMasthead(config);
      for (const role of ROLES) await m.accounts.addUser({ email: email(role), role, password: PASSWORD, name: `${role} <i>name</i>` });
      await m.accounts.addUser({ email: 'locked@example.com', role: 'author', password: PASSWORD });
      await m.accounts.addUser({ email: 'counted@example.com', role: 'author', password: PASSWORD });
    }, 60_000);
    afterAll(async () => {
      await m?.close();
      await db?.drop();
    });

    it('/admin without a session redirects to the sign-in page, which has the stable labels and is never stored', async () => {
      const c = client();
      const res = await c.get('/admin');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/login?next=%2Fadmin');
      const login = await c.get('/admin/login');
      expect(login.headers['cache-control']).toBe('no-store');
      expect(login.body).toMatch(/<label for="email">Email<\/label>/);
      expect(login.body).toMatch(/<label for="password">Password<\/label>/);
      expect(login.body).toMatch(/<button type="submit" class="primary">Sign in<\/button>/);
    });

    it('signs in with a signed, HttpOnly, SameSite=Lax session cookie; Secure when the request came over HTTPS', async () => {
      const c = client();
      await c.get('/admin/login');
      const res = await c.post('/admin/login', { email: email('owner'), password: PASSWORD });
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((l) => l.startsWith('mh_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i);
      const page = await c.get('/admin');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      // Names holding markup are shown as text.
      expect(page.body).toContain('owner &lt;i>name&lt;/i>');
      expect(page.body).not.toContain('<i>name</i>');

      const https = client();
      await https.get('/admin/login', { 'x-forwarded-proto': 'https' });
      // trustProxy is off here, so the header alone does not make the request HTTPS.
      const plain = await https.post('/admin/login', { email: email('owner'), password: PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } });
      expect(([] as string[]).concat(plain.headers['set-cookie'] as string[]).find((l) => l.startsWith('mh_session='))).not.toMatch(/Secure/i);
    });

    it('refuses a state-changing request without the CSRF token, with a wrong one, with one of another session, or from another site (403, nothing written)', async () => {
      const c = await signedIn('owner');
      const before = await articleCount();
      const form = { title: 'Forged', body: 'x', action: 'publish' };
      expect((await c.post('/admin/articles', form, { csrf: false })).statusCode).toBe(403);
      expect((await c.post('/admin/articles', { ...form, _csrf: 'not-a-token' })).statusCode).toBe(403);
      expect((await c.post('/admin/articles', { ...form, _csrf: `${c.csrf.slice(0, -2)}xx` })).statusCode).toBe(403);
      const other = await signedIn('editor');
      expect((await c.post('/admin/articles', { ...form, _csrf: other.csrf })).statusCode).toBe(403);
      expect((await c.post('/admin/articles', form, { headers: { 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
      expect((await c.post('/admin/articles', form, { headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
      const json = await c.postJson('/admin/articles/autosave', { title: 'Forged autosave' }, { csrf: false });
      expect(json.statusCode).toBe(403);
      expect(json.json()).toMatchObject({ error: 'MH_ERR_CSRF' });
      expect((await c.post('/admin/logout', {}, { csrf: false })).statusCode).toBe(403);
      // The sign-in form is protected too (no login CSRF).
      expect((await client().post('/admin/login', { email: email('owner'), password: PASSWORD }, { csrf: false })).statusCode).toBe(403);
      expect(await articleCount()).toBe(before);
      // …and the same form with its token goes through.
      expect((await c.post('/admin/articles', form)).statusCode).toBe(303);
      expect(await articleCount()).toBe(before + 1);
    });

    it('gives a new session on sign-in: a cookie planted before (fixation) or the previous session never becomes the signed-in one', async () => {
      const c = client();
      await c.get('/admin/login');
      const planted = 'attacker-chosen-session-token-000000000000';
      c.cookies.set('mh_session', encodeURIComponent(sign(planted, SECRET)));
      await c.post('/admin/login', { email: email('editor'), password: PASSWORD });
      const first = c.cookies.get('mh_session')!;
      expect(decodeURIComponent(first)).not.toContain(planted);
      // The planted token opens nothing.
      const attacker = client();
      attacker.cookies.set('mh_session', encodeURIComponent(sign(planted, SECRET)));
      expect((await attacker.get('/admin')).statusCode).toBe(303);
      // Signing in again rotates the session and ends the old one.
      await c.get('/admin/login');
      await c.get('/admin');
      await c.post('/admin/logout', {});
      await c.signIn(email('editor'), PASSWORD);
      const second = c.cookies.get('mh_session')!;
      expect(second).not.toBe(first);
      const replay = client();
      replay.cookies.set('mh_session', first);
      expect((await replay.get('/admin')).statusCode).toBe(303);
    });

    it('sign-in while signed in ends the session the browser brought', async () => {
      const c = await signedIn('author');
      const old = c.cookies.get('mh_session')!;
      await c.get('/admin/login'); // signed in: redirected, but the token stays valid for the form
      await c.post('/admin/login', { email: email('author'), password: PASSWORD, _csrf: c.csrf });
      const replay = client();
      replay.cookies.set('mh_session', old);
      expect((await replay.get('/admin')).statusCode).toBe(303);
    });

    it('a session cookie replayed after sign-out, or tampered with, gets the sign-in page, never a 500', async () => {
      const c = await signedIn('owner');
      const cookie = c.cookies.get('mh_session')!;
      await c.post('/admin/logout', {});
      const replay = client();
      replay.cookies.set('mh_session', cookie);
      const res = await replay.get('/admin');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/admin\/login/);
      const before = await articleCount();
      replay.cookies.set('mh_csrf', c.cookies.get('mh_csrf') ?? '');
      replay.csrf = c.csrf;
      expect([303, 403]).toContain((await replay.post('/admin/articles', { title: 'After logout', action: 'draft' })).statusCode);
      expect(await articleCount()).toBe(before);

      const live = await signedIn('owner');
      const good = decodeURIComponent(live.cookies.get('mh_session')!);
      for (const bad of [`${good.slice(0, -3)}abc`, `x${good}`, good.split('.')[0]!, '%%%', 's:'.repeat(500)]) {
        const t = client();
        t.cookies.set('mh_session', encodeURIComponent(bad));
        const r = await t.get('/admin');
        expect(r.statusCode).toBe(303);
        expect(r.headers.location).toMatch(/^\/admin\/login/);
      }
    });

    it('"sign out everywhere" ends every session of the account', async () => {
      const a = await signedIn('contributor');
      const b = await signedIn('contributor');
      expect((await b.get('/admin')).statusCode).toBe(200);
      expect((await a.post('/admin/logout-everywhere', {})).statusCode).toBe(303);
      expect((await b.get('/admin')).statusCode).toBe(303);
      expect((await a.get('/admin')).statusCode).toBe(303);
    });

    it('the tenth wrong password in a row is refused without checking it, with a message that says when to retry', async () => {
      let checks = 0;
      const counting: PasswordHasher = { hash: argon2Hasher.hash, verify: async (h, p) => (checks++, argon2Hasher.verify(h, p)) };
      const accounts = new AccountService(m.storage, SECRET, Date.now, counting);
      for (let i = 1; i <= ACCOUNT_FAILURE_LIMIT; i++) {
        await expect(accounts.signIn('counted@example.com', `wrong ${i}`, `192.0.2.${i}`)).rejects.toMatchObject({ code: 'MH_ERR_SIGN_IN_FAILED' });
      }
      expect(checks).toBe(ACCOUNT_FAILURE_LIMIT);
      // The tenth, even with the right password, is not checked at all.
      await expect(accounts.signIn('counted@example.com', PASSWORD, '192.0.2.99')).rejects.toMatchObject({ code: 'MH_ERR_RATE_LIMITED', message: expect.stringMatching(/Try again in 15 minutes/) });
      expect(checks).toBe(ACCOUNT_FAILURE_LIMIT);

      // Over HTTP: 429 with Retry-After and the time to retry.
      const c = client();
      for (let i = 1; i <= ACCOUNT_FAILURE_LIMIT; i++) {
        await c.get('/admin/login');
        expect((await c.post('/admin/login', { email: 'locked@example.com', password: `nope ${i}` })).statusCode).toBe(401);
      }
      await c.get('/admin/login');
      const refused = await c.post('/admin/login', { email: 'locked@example.com', password: PASSWORD });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
      expect(refused.body).toMatch(/Too many wrong passwords for this account\. Try again in 15 minutes\. \(at [^)]+, UTC\)/);
      expect(refused.body).toContain('value="locked@example.com"');
    }, 60_000);

    it('throttles failed sign-ins per address, across accounts, keyed without storing the address', async () => {
      const c = client();
      for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
        await c.get('/admin/login');
        expect((await c.post('/admin/login', { email: `nobody${i}@example.com`, password: 'whatever' })).statusCode).toBe(401);
      }
      await c.get('/admin/login');
      const refused = await c.post('/admin/login', { email: email('owner'), password: PASSWORD });
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toMatch(/from your network\. Try again in 15 minutes/);
      // Another address signs in as usual.
      expect((await client().signIn(email('owner'), PASSWORD)).statusCode).toBe(303);
      const keys = await (m.storage as unknown as { db: { selectFrom(t: string): { select(c: string): { execute(): Promise<{ key: string }[]> } } } }).db.selectFrom('login_throttle').select('key').execute();
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) expect(k.key).not.toMatch(/198\.51\.100/);
    }, 60_000);

    describe('roles, checked on the server', () => {
      let editorsArticle: number;
      let authorsArticle: number;
      let contributorsDraft: number;
      const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\//.exec(String(location))![1]);

      beforeAll(async () => {
        const editor = await signedIn('editor');
        await editor.get('/admin/articles/new');
        editorsArticle = idOf((await editor.post('/admin/articles', { title: 'Editor piece', body: 'Text.', action: 'publish' })).headers.location);
        const author = await signedIn('author');
        await author.get('/admin/articles/new');
        authorsArticle = idOf((await author.post('/admin/articles', { title: 'Author piece', body: 'Text.', action: 'draft' })).headers.location);
        const contributor = await signedIn('contributor');
        await contributor.get('/admin/articles/new');
        contributorsDraft = idOf((await contributor.post('/admin/articles', { title: 'Contributor piece', body: 'Text.', action: 'draft' })).headers.location);
      });

      it('a contributor writes drafts only: no Publish button, and crafted publish, schedule, delete and settings requests get 403', async () => {
        const c = await signedIn('contributor');
        const page = await c.get(`/admin/articles/${contributorsDraft}/edit`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('>Save draft</button>');
        expect(page.body).not.toContain('>Publish</button>');
        expect(page.body).not.toContain('>Schedule</button>');
        const before = await articleCount();
        expect((await c.post('/admin/articles', { title: 'Crafted', body: 'x', action: 'publish' })).statusCode).toBe(403);
        expect(await articleCount()).toBe(before);
        expect((await c.post(`/admin/articles/${contributorsDraft}`, { title: 'Crafted', action: 'publish' })).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${contributorsDraft}`, { title: 'Crafted', action: 'schedule', publishAt: '2099-01-01T10:00' })).statusCode).toBe(403);
        expect((await m.storage.articles.findById(contributorsDraft))!.status).toBe('draft');
        expect((await c.post(`/admin/articles/${contributorsDraft}/delete`, {})).statusCode).toBe(403);
        expect((await c.get(`/admin/articles/${editorsArticle}/edit`)).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${editorsArticle}`, { title: 'Defaced', action: 'draft' })).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${editorsArticle}/delete`, {})).statusCode).toBe(403);
        expect((await c.postJson(`/admin/articles/${editorsArticle}/autosave`, { title: 'Defaced' })).statusCode).toBe(403);
        expect((await c.get('/admin/settings')).statusCode).toBe(403);
        expect((await c.post('/admin/settings', { name: 'Taken over' })).statusCode).toBe(403);
        expect((await c.get('/admin/audit')).statusCode).toBe(403);
        expect((await c.get('/admin/users')).statusCode).toBe(403);
        expect((await m.storage.articles.findById(editorsArticle))!.title).toBe('Editor piece');
        // What it may do still works.
        expect((await c.post(`/admin/articles/${contributorsDraft}`, { title: 'Contributor piece, revised', action: 'draft' })).statusCode).toBe(303);
      });

      it("an author handles only their own drafts, publishes nothing, and not the site", async () => {
        const c = await signedIn('author');
        expect((await c.get(`/admin/articles/${editorsArticle}/edit`)).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${editorsArticle}`, { title: 'Defaced', action: 'update' })).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${editorsArticle}`, { title: 'Defaced', action: 'unpublish' })).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${editorsArticle}/delete`, {})).statusCode).toBe(403);
        expect((await c.post(`/admin/articles/${contributorsDraft}`, { title: 'Defaced', action: 'draft' })).statusCode).toBe(403);
        expect((await c.post('/admin/settings', { name: 'Taken over' })).statusCode).toBe(403);
        expect((await c.get('/admin/audit')).statusCode).toBe(403);
        const list = await c.get('/admin');
        expect(list.body).toContain('Author piece');
        expect(list.body).not.toContain('Editor piece');
        // Nothing goes live through an author: they submit for review (an editor publishes).
        expect((await c.post(`/admin/articles/${authorsArticle}`, { title: 'Author piece', body: 'Text.', action: 'publish' })).statusCode).toBe(403);
        expect((await m.storage.articles.findById(authorsArticle))!.status).toBe('draft');
        expect((await c.post(`/admin/articles/${authorsArticle}`, { title: 'Author piece', body: 'Text.', action: 'submit' })).statusCode).toBe(303);
        expect((await m.storage.newsroom.ownership(authorsArticle))!.reviewState).toBe('submitted');
      });

      it('an editor handles every article but not settings, accounts or the audit log', async () => {
        const c = await signedIn('editor');
        expect((await c.get(`/admin/articles/${contributorsDraft}/edit`)).statusCode).toBe(200);
        expect((await c.get('/admin/settings')).statusCode).toBe(403);
        expect((await c.post('/admin/settings', { name: 'Taken over' })).statusCode).toBe(403);
        expect((await c.get('/admin/audit')).statusCode).toBe(403);
        expect((await c.get('/admin/users')).statusCode).toBe(403);
        expect((await m.site.settings()).name).not.toBe('Taken over');
      });

      it('the owner reads the audit log of sign-ins and publications', async () => {
        const c = await signedIn('owner');
        const log = await c.get('/admin/audit');
        expect(log.statusCode).toBe(200);
        for (const action of ['login', 'login.failed', 'login.refused', 'article.publish']) expect(log.body).toContain(`<td>${action}</td>`);
      });
    });
  });
}

describe('the session cookie over HTTPS', () => {
  it('is Secure when the request came over HTTPS (behind a TLS proxy the site trusts)', async () => {
    const config = loadConfig({ data: ':memory:', logLevel: 'silent', demo: false }, { MASTHEAD_SECRET: SECRET, MASTHEAD_TRUST_PROXY: '1' });
    const m = await createMasthead(config);
    try {
      await m.accounts.addUser({ email: 'tls@example.com', role: 'editor', password: PASSWORD });
      const c = new AdminClient(m.app);
      const https = { 'x-forwarded-proto': 'https' };
      const page = await c.get('/admin/login', https);
      expect(([] as string[]).concat(page.headers['set-cookie'] as string[]).find((l) => l.startsWith('mh_csrf='))).toMatch(/Secure/);
      const res = await c.post('/admin/login', { email: 'tls@example.com', password: PASSWORD }, { headers: https });
      expect(res.statusCode).toBe(303);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((l) => l.startsWith('mh_session='))!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/admin/);
    } finally {
      await m.close();
    }
  });
});
