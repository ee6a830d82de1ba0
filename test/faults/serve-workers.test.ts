import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { serverScope } from '../helpers/server-scope.js';
import { BROWSER_UA } from '../helpers/app.js';
import { freePort, startMasthead, type ServerProcess } from '../../bench/lib/counters-process.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { ArticleService } from '../../src/services/article-service.js';
import { openRedis } from '../../src/storage/redis/redis-connection.js';
import { AccountService } from '../../src/services/account-service.js';
import { parse } from 'node-html-parser';

const run = promisify(execFile);
const bin = new URL('../../bin/masthead.js', import.meta.url).pathname;
const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

async function redisReachable(): Promise<boolean> {
  try {
    await (await openRedis(REDIS_URL)).quit();
    return true;
  } catch {
    return false;
  }
}
const redisUp = await redisReachable();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request on a connection of its own: the cluster hands each new connection to the next
 * worker in turn, so consecutive requests alternate between the two workers.
 */
function fresh(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', agent: false, headers: { connection: 'close', 'user-agent': BROWSER_UA, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    // A request that hangs fails the test rather than stalling it.
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer from ${url} within 20 s`)));
    req.end(options.body);
  });
}

/**
 * A newsroom browser over fresh connections: every request may reach the other worker, so the
 * session and the CSRF cookie must hold across them (they live in the shared database and are
 * signed with the shared secret).
 */
class Newsroom {
  private readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}

  private keep(answer: Answer): Answer {
    for (const line of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(answer.body)?.[1];
    if (token) this.csrf = token;
    return answer;
  }

  private get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Answer> {
    return this.keep(await fresh(`${this.base}${path}`, { headers: { accept: 'text/html', cookie: this.cookie } }));
  }

  async post(path: string, form: Record<string, string>): Promise<Answer> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    return this.keep(await fresh(`${this.base}${path}`, {
      method: 'POST', body,
      headers: { accept: 'text/html', cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
    }));
  }
}

/** The reader cookie a beacon answer set, as the next request sends it back. */
function cookieOf(answer: Answer): string | undefined {
  const set = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
  return set.map((line) => line.split(';')[0]!).find((pair) => pair.startsWith('mh_reader='));
}

// Two workers of one site on PostgreSQL and Redis behave as one server: a reader counts once
// whichever worker they reach, a change reaches both at once, a reader is limited once, a worker
// that dies is replaced, and a stop writes every counted view.
describe.runIf(DIALECTS.includes('postgres') && redisUp)('serve --workers 2 on PostgreSQL and Redis', () => {
  const scope = serverScope('mh-workers-');
  let db: TestDatabase;
  afterAll(async () => db?.drop());

  it('counts each reader once, shows an import and a newsroom change on both workers within a second, limits a reader once, replaces a dead worker and writes every view on stop', async () => {
    db = await createTestDatabase('postgres');
    const storage = await openStorage({ databaseUrl: db.databaseUrl, dataDir: ':memory:' });
    const service = new ArticleService(new LocalChangeChannel());
    const articles: { id: number; slug: string }[] = [];
    for (const title of ['Harbour cranes arrive', 'Ferry timetable changes', 'Lighthouse lamp restored']) {
      articles.push(await storage.transaction((s) => service.save(s, { title, body: `${title} today, the harbour master said.`, publishedAt: Date.now() - 60_000 })));
    }
    await new AccountService(storage, 'unused-here-0123456789').addUser({ email: 'owner@example.org', role: 'owner', password: 'a long enough passphrase' });
    await storage.close();

    const env = { MASTHEAD_DATABASE_URL: db.databaseUrl!, MASTHEAD_REDIS_URL: REDIS_URL };
    const server: ServerProcess = await startMasthead({ dataDir: join(scope.root, 'data'), port: await freePort(), env, args: ['--workers', '2'], timeoutMs: 120_000 });
    scope.servers.push(server);
    const pids = /2 workers: pids (\d+), (\d+)/.exec(server.output())?.slice(1).map(Number);
    expect(pids).toHaveLength(2);

    // M readers view every article twice, each request on a new connection (so on either worker).
    const readers = 10;
    let lastCookie: string | undefined;
    let countedAnswers = 0;
    const beacon = async (articleId: number, headers: Record<string, string>) => {
      const answer = await fresh(`${server.url}/articles/${articleId}/views`, { method: 'POST', headers: { accept: 'application/json', ...headers } });
      if (answer.status === 200 && (JSON.parse(answer.body) as { counted: boolean }).counted) countedAnswers++;
      return answer;
    };
    for (let r = 0; r < readers; r++) {
      const first = await beacon(articles[0]!.id, { 'user-agent': `${BROWSER_UA} reader/${r}` });
      expect(first.status).toBe(200);
      const cookie = cookieOf(first);
      expect(cookie).toBeDefined();
      lastCookie = cookie;
      for (const [i, a] of articles.entries()) {
        for (let repeat = i === 0 ? 1 : 0; repeat < 2; repeat++) expect((await beacon(a.id, { cookie: cookie!, 'user-agent': `${BROWSER_UA} reader/${r}` })).status).toBe(200);
      }
    }
    expect(countedAnswers).toBe(readers * articles.length);

    // The last reader's counted views all went to one worker (every other request), yet both
    // know their reading history: both answer their own list, without what they have read.
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 4; i++) {
      const answer = await fresh(`${server.url}/articles/${articles[0]!.id}/recommended`, { headers: { accept: 'application/json', cookie: lastCookie!, 'user-agent': `${BROWSER_UA} reader/${readers - 1}` } });
      expect(answer.status).toBe(200);
      const { ids, personal } = JSON.parse(answer.body) as { ids: number[]; personal: boolean };
      // `personal`: the list was made from this reader's history (a worker that never heard of
      // their reads answers the shared list instead).
      expect(personal).toBe(true);
      expect(ids).not.toContain(articles[1]!.id);
      expect(ids).not.toContain(articles[2]!.id);
    }

    // A change from outside (an import through the CLI, announced on the site's Redis channel)
    // is on both workers' front pages within a second, though each had the page cached for 5 s.
    for (let i = 0; i < 6; i++) expect((await fresh(`${server.url}/`)).body).not.toContain('Tidal clock unveiled');
    const file = join(scope.root, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'quay-1', title: 'Tidal clock unveiled on the quay', summary: 'A clock that tells the tide.', category: 'WORLD NEWS', date: new Date().toISOString().slice(0, 10) })}\n`);
    await run(process.execPath, [bin, 'import', file, '--no-images'], { env: { ...process.env, ...env, MASTHEAD_PORT: '' }, timeout: 120_000 });
    const imported = Date.now();
    let seenEverywhere = false;
    while (Date.now() - imported < 1000 && !seenEverywhere) {
      const pages = [];
      for (let i = 0; i < 4; i++) pages.push((await fresh(`${server.url}/`)).body);
      seenEverywhere = pages.every((p) => p.includes('Tidal clock unveiled'));
    }
    expect(seenEverywhere).toBe(true);

    // A settings change through the newsroom of one worker: every front page has the new name
    // within a second (the worker that saved it announces it on the channel).
    const newsroom = new Newsroom(server.url);
    await newsroom.get('/admin/login');
    expect((await newsroom.post('/admin/login', { email: 'owner@example.org', password: 'a long enough passphrase', next: '/admin' })).status).toBe(303);
    const form = parse((await newsroom.get('/admin/settings')).body);
    const value = (name: string) => form.querySelector(`input[name="${name}"]`)!.getAttribute('value') ?? '';
    const fields = {
      name: 'The Quayside Gazette', tagline: value('tagline'), baseUrl: value('baseUrl'), timezone: value('timezone'), language: value('language'),
      reactions: form.querySelector('textarea[name="reactions"]')!.text, rankingWindow: form.querySelector('select[name="rankingWindow"] option[selected]')?.getAttribute('value') ?? 'trending',
    };
    for (let i = 0; i < 4; i++) expect((await fresh(`${server.url}/`)).body).not.toContain('The Quayside Gazette');
    const saved = await newsroom.post('/admin/settings', fields);
    expect(saved.status).toBe(303);
    const savedAt = Date.now();
    let renamedEverywhere = false;
    while (Date.now() - savedAt < 1000 && !renamedEverywhere) {
      const pages = [];
      for (let i = 0; i < 4; i++) pages.push((await fresh(`${server.url}/`)).body);
      renamedEverywhere = pages.every((p) => p.includes('The Quayside Gazette'));
    }
    expect(renamedEverywhere).toBe(true);

    // One reader's 60 view reports a minute are one budget across both workers.
    const limited = await beacon(articles[1]!.id, { 'user-agent': `${BROWSER_UA} limited` });
    const cookie = cookieOf(limited)!;
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 70; i++) {
      const answer = await beacon(articles[1]!.id, { cookie, 'user-agent': `${BROWSER_UA} limited` });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers['retry-after'] as string;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual(Array(10).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);

    // Let the last counted views be written (every second), then kill a worker: it is replaced.
    await new Promise((r) => setTimeout(r, 2500));
    process.kill(pids![1]!, 'SIGKILL');
    const replaced = Date.now();
    // (A connection the primary hands over in the instant the worker dies is lost with it; the
    // primary stops handing any to it once it has seen the exit.)
    while (!/exited on SIGKILL/.test(server.output()) && Date.now() - replaced < 30_000) await new Promise((r) => setTimeout(r, 20));
    while (!/serving again/.test(server.output()) && Date.now() - replaced < 60_000) {
      expect((await fresh(`${server.url}/articles/${articles[0]!.slug}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(server.output()).toMatch(new RegExp(`worker 2 \\(pid ${pids![1]}\\) exited on SIGKILL after [\\d.]+ s; starting another in 500 ms`));
    expect(server.output()).toMatch(/worker 2 \(pid \d+\) serving again/);

    // A view on the way out is written by the worker's own shutdown.
    const late = await beacon(articles[2]!.id, { 'user-agent': `${BROWSER_UA} late reader` });
    expect(late.status).toBe(200);
    expect(await server.stop('SIGTERM', 60_000)).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: stopping 2 workers/);
    expect(server.output()).toMatch(/all workers stopped/);

    const client = new pg.Client({ connectionString: db.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: number; view_count: string }>('select id, view_count from articles where id = any($1) order by id', [articles.map((a) => a.id)]);
    await client.end();
    const counts = rows.map((r) => Number(r.view_count));
    // Each reader once per article, the limited reader once, the late reader once.
    expect(counts).toEqual([readers, readers + 1, readers + 1]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(countedAnswers);
  }, 240_000);
});
