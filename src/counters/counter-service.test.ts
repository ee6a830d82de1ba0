import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { SiteSettings } from '../content/types.js';
import { defaultSettings } from '../services/site-service.js';
import { LocalChangeChannel } from '../events/change-channel.js';
import { CounterService, type ReaderCredentials } from './counter-service.js';
import { MemoryCounterStore } from './memory-counter-store.js';
import { newReaderId, readerKey } from './reader-identity.js';
import type { RequestTraits } from './view-rules.js';

const SECRET = 'unit-test-secret-0123456789';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 4, 20, 10, 15);
const READ: RequestTraits = { method: 'POST', userAgent: CHROME, purpose: undefined };

function reader(id: string = newReaderId(), address = '198.51.100.1'): ReaderCredentials {
  return { cookieId: id, address, userAgent: CHROME };
}
function anon(address = '198.51.100.1', userAgent = CHROME): ReaderCredentials {
  return { cookieId: undefined, address, userAgent };
}

describe('CounterService', () => {
  let now: number;
  let store: MemoryCounterStore;
  let settings: SiteSettings;
  let service: CounterService;

  beforeEach(() => {
    now = T0;
    store = new MemoryCounterStore();
    store.addArticle(1, T0 - HOUR, 'published', 100);
    store.addArticle(2, T0 - HOUR);
    store.addArticle(3, null, 'draft');
    store.addArticle(4, T0 + HOUR, 'published'); // scheduled
    settings = { ...defaultSettings, reactions: [{ key: 'good', label: 'veryGood!' }, { key: 'sad', label: 'Sad' }] };
    service = new CounterService({ store, site: { settings: async () => settings }, secret: SECRET, clock: () => now, mintPerHour: 5 });
  });
  afterEach(async () => service.close());

  it('counts a view once per reader per article per 30 minutes', async () => {
    const r = reader();
    expect((await service.recordView(1, r, READ)).counted).toBe(true);
    now += 29 * MIN;
    expect(await service.recordView(1, r, READ)).toMatchObject({ counted: false, reason: 'repeat' });
    expect((await service.recordView(2, r, READ)).counted).toBe(true);
    expect((await service.recordView(1, reader(), READ)).counted).toBe(true);
    now = T0 + 30 * MIN;
    expect((await service.recordView(1, r, READ)).counted).toBe(true);
    expect(service.stats).toMatchObject({ counted: 4, repeats: 1 });
  });

  it('follows the viewDedupeMinutes setting', async () => {
    settings.viewDedupeMinutes = 5;
    const r = reader();
    expect((await service.recordView(1, r, READ)).counted).toBe(true);
    now += 5 * MIN;
    expect((await service.recordView(1, r, READ)).counted).toBe(true);
  });

  it('never counts bots, prefetches or HEAD, and gives them no cookie', async () => {
    const bot = { ...anon(), userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' };
    const ignored = await service.recordView(1, bot, { ...READ, userAgent: bot.userAgent });
    expect(ignored).toMatchObject({ counted: false, reason: 'bot' });
    expect(ignored.issuedReaderId).toBeUndefined();
    expect(await service.recordView(1, anon(), { ...READ, purpose: 'prefetch' })).toMatchObject({ counted: false, reason: 'prefetch' });
    expect(await service.recordView(1, anon(), { ...READ, method: 'HEAD' })).toMatchObject({ counted: false, reason: 'method' });
    expect(await service.flush()).toBe(0);
  });

  it('refuses unknown, draft and scheduled articles without remembering anything', async () => {
    for (const id of [999, 3, 4]) {
      await expect(service.recordView(id, reader(), READ)).rejects.toMatchObject({ code: 'MH_ERR_ARTICLE_NOT_FOUND' });
      await expect(service.react(id, reader(), 'good')).rejects.toBeInstanceOf(AppError);
    }
    expect(service.pendingViews).toBe(0);
    expect(store.reactions.size).toBe(0);
    // The scheduled article counts once its time has come.
    now = T0 + HOUR;
    expect((await service.recordView(4, reader(), READ)).counted).toBe(true);
  });

  it('identifies a cookie-less reader by a daily hash of address and agent, and issues a cookie that is the same reader', async () => {
    const first = await service.recordView(1, anon(), READ);
    expect(first.counted).toBe(true);
    expect(first.issuedReaderId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Same address and agent, still without a cookie: the same reader.
    expect((await service.recordView(1, anon(), READ)).counted).toBe(false);
    // Back with the cookie it was given: still the same reader for this article.
    expect((await service.recordView(1, reader(first.issuedReaderId!), READ)).counted).toBe(false);
    // Another agent or address is another reader.
    expect((await service.recordView(1, anon('198.51.100.2'), READ)).counted).toBe(true);
    expect((await service.recordView(1, anon('198.51.100.1', `${CHROME} Edg/124`), READ)).counted).toBe(true);
  });

  it('forgets cookie-less identities when the UTC day turns', async () => {
    now = Date.UTC(2026, 4, 20, 23, 50);
    expect((await service.recordView(1, anon(), READ)).counted).toBe(true);
    now = Date.UTC(2026, 4, 21, 0, 5);
    expect((await service.recordView(1, anon(), READ)).counted).toBe(true);
  });

  it('limits the new cookies one address can collect, so collected cookies cannot mint views', async () => {
    const issued: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await service.recordView(2, anon('203.0.113.5', `${CHROME} n${i}`), READ);
      if (r.issuedReaderId) issued.push(r.issuedReaderId);
    }
    expect(issued).toHaveLength(5);
    // Every cookie handed out counts at most once more, on another article.
    let counted = 0;
    for (const id of issued) if ((await service.recordView(1, reader(id, '203.0.113.5'), READ)).counted) counted++;
    expect(counted).toBe(5);
  });

  it('writes nothing until a flush, then one aggregated batch per article and hour', async () => {
    for (let i = 0; i < 5; i++) await service.recordView(1, reader(), READ);
    now += HOUR;
    for (let i = 0; i < 3; i++) await service.recordView(1, reader(), READ);
    await service.recordView(2, reader(), READ);
    expect(store.writes).toHaveLength(0);
    expect((await service.articleTotals(1)).views).toBe(108);
    expect(await service.flush()).toBe(9);
    const hour = Math.floor(T0 / HOUR);
    expect(store.writes).toEqual([[
      { articleId: 1, hour, views: 5 },
      { articleId: 1, hour: hour + 1, views: 3 },
      { articleId: 2, hour: hour + 1, views: 1 },
    ]]);
    expect(store.articles.get(1)!.views).toBe(108);
    expect((await service.articleTotals(1)).views).toBe(108);
    expect(await service.flush()).toBe(0);
  });

  it('keeps a batch whose write failed and writes it with the next one; shown totals never dip', async () => {
    await service.recordView(1, reader(), READ);
    store.failNext = new Error('disk full');
    const errors: unknown[] = [];
    service = new CounterService({ store, site: { settings: async () => settings }, secret: SECRET, clock: () => now, onError: (e) => errors.push(e) });
    await service.recordView(1, reader(), READ);
    await service.recordView(1, reader(), READ);
    expect(await service.flush()).toBe(0);
    expect(errors).toHaveLength(1);
    expect((await service.articleTotals(1)).views).toBe(102);
    await service.recordView(1, reader(), READ);
    expect(await service.flush()).toBe(3);
    expect(store.articles.get(1)!.views).toBe(103);
  });

  it('flushes on its interval and writes the rest on close', async () => {
    const flushing = new CounterService({ store, site: { settings: async () => settings }, secret: SECRET, clock: () => now, flushMs: 20 });
    flushing.start();
    await flushing.recordView(1, reader(), READ);
    await new Promise((r) => setTimeout(r, 80));
    expect(store.articles.get(1)!.views).toBe(101);
    await flushing.recordView(1, reader(), READ);
    await flushing.recordView(2, reader(), READ);
    await flushing.close();
    expect(store.articles.get(1)!.views).toBe(102);
    expect(store.articles.get(2)!.views).toBe(1);
  });

  it('toggles a reaction once per reader, sets it idempotently, and handles several kinds', async () => {
    const r = reader();
    expect(await service.react(1, r, 'good')).toMatchObject({ active: true, count: 1, slug: 'article-1' });
    expect(await service.react(1, r, 'good', true)).toMatchObject({ active: true, count: 1 });
    expect(await service.react(1, r, 'sad')).toMatchObject({ kind: 'sad', active: true, count: 1 });
    expect(await service.react(1, reader(), 'good')).toMatchObject({ active: true, count: 2 });
    expect(await service.react(1, r, 'good')).toMatchObject({ active: false, count: 1 });
    expect(await service.react(1, r, 'good', false)).toMatchObject({ active: false, count: 1 });
    const state = await service.reactionState(1, readerKey(SECRET, r.cookieId!));
    expect(state).toEqual({ counts: { good: 1, sad: 1 }, mine: ['sad'] });
    const view = await service.recordView(1, r, READ, { mine: true });
    expect(view).toMatchObject({ reactions: { good: 1, sad: 1 }, mine: ['sad'] });
    await expect(service.react(1, r, 'angry')).rejects.toMatchObject({ code: 'MH_ERR_VALIDATION' });
  });

  it('lets a cookie-less reader take a reaction back the same day, without issuing a cookie', async () => {
    expect(await service.react(1, anon(), 'good')).toMatchObject({ active: true, count: 1 });
    expect(await service.react(1, anon(), 'good')).toMatchObject({ active: false, count: 0 });
    expect(await service.react(1, anon('198.51.100.9'), 'good')).toMatchObject({ active: true, count: 1 });
  });

  it('answers at once (recordViewNow) with the same rules once what they need is in memory', async () => {
    const r = reader();
    // Nothing loaded yet (article totals, settings): no answer, and nothing changed.
    expect(service.recordViewNow(1, r, READ)).toBeUndefined();
    expect(service.stats).toMatchObject({ counted: 0, repeats: 0, ignored: 0 });
    expect((await service.recordView(1, reader(), READ)).counted).toBe(true);
    expect(service.recordViewNow(1, r, READ)).toMatchObject({ counted: true, views: 102, reactions: { good: 0, sad: 0 } });
    expect(service.recordViewNow(1, r, READ)).toMatchObject({ counted: false, reason: 'repeat', views: 102 });
    expect(await service.recordView(1, r, READ)).toMatchObject({ counted: false, reason: 'repeat' });
    expect(service.recordViewNow(1, reader(), { ...READ, userAgent: 'Googlebot/2.1' })).toMatchObject({ counted: false, reason: 'bot' });
    now += 30 * MIN;
    expect(service.recordViewNow(1, r, READ)).toMatchObject({ counted: true });
    // Unknown ids are never cached, so recordView answers them (404); a draft, once loaded, is a 404 at once.
    await expect(service.recordView(99, reader(), READ)).rejects.toMatchObject({ code: 'MH_ERR_ARTICLE_NOT_FOUND' });
    expect(service.recordViewNow(99, reader(), READ)).toBeUndefined();
    expect(service.recordViewNow(3, reader(), READ)).toBeUndefined();
    await expect(service.recordView(3, reader(), READ)).rejects.toMatchObject({ code: 'MH_ERR_ARTICLE_NOT_FOUND' });
    expect(() => service.recordViewNow(3, reader(), READ)).toThrow(expect.objectContaining({ code: 'MH_ERR_ARTICLE_NOT_FOUND' }));
    expect(await service.flush()).toBe(3);
  });

  it('recordViewNow: a cookie-less reader waits for the day\'s salt, and a cached article that went private is a 404', async () => {
    await service.recordView(2, reader(), READ);
    const before = { ...service.stats };
    // Today's salt is not loaded yet: no answer, no cookie minted.
    expect(service.recordViewNow(2, anon('203.0.113.9'), READ)).toBeUndefined();
    expect(service.stats).toEqual(before);
    const first = await service.recordView(2, anon('203.0.113.9'), READ);
    expect(first).toMatchObject({ counted: true, issuedReaderId: expect.any(String) });
    expect(service.recordViewNow(2, anon('203.0.113.9'), READ)).toMatchObject({ counted: false, reason: 'repeat' });
    expect(service.recordViewNow(2, reader(first.issuedReaderId), READ)).toMatchObject({ counted: false, reason: 'repeat' });
    store.articles.get(2)!.status = 'draft';
    now += 4000; // past the cache's trust: a background reload sees the change
    expect(service.recordViewNow(2, reader(), READ)).toMatchObject({ counted: true });
    await new Promise((res) => setTimeout(res, 0));
    expect(() => service.recordViewNow(2, reader(), READ)).toThrow(expect.objectContaining({ code: 'MH_ERR_ARTICLE_NOT_FOUND' }));
  });

  it('announces counted views and written batches on its change channel', async () => {
    const changes = new LocalChangeChannel();
    service = new CounterService({ store, site: { settings: async () => settings }, secret: SECRET, clock: () => now, changes });
    const views: number[] = [];
    const batches: number[] = [];
    changes.subscribe('view.counted', (v) => void views.push(v.articleId));
    changes.subscribe('views.flushed', (b) => void batches.push(b.increments.reduce((n, i) => n + i.views, 0)));
    const r = reader();
    await service.recordView(1, r, READ);
    await service.recordView(1, r, READ);
    await service.recordView(2, r, READ);
    await service.flush();
    expect(views).toEqual([1, 2]);
    expect(batches).toEqual([2]);
  });
});
