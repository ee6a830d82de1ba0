import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { parseQuery } from '../../src/search/search-query.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { ArticleService } from '../../src/services/article-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';
import { AppError } from '../../src/errors.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

for (const dialect of DIALECTS) {
  describe(`article store on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    const service = new ArticleService(new LocalChangeChannel(), () => NOW);

    beforeAll(async () => {
      ({ storage, close } = await openTestStorage(dialect));
    });
    afterAll(async () => close());

    it('saves an article with rendered body, category path, tags and authors', async () => {
      const saved = await storage.transaction((s) => service.save(s, {
        importId: 'x-1', title: 'Harbour bridge reopens', body: 'The **bridge** is open.\n\n<script>bad()</script>',
        category: 'World/Asia', tags: ['Bridges', 'Port Alder', 'bridges'], authors: ['Ana Ruiz', 'Ben Okafor'], publishedAt: NOW - HOUR,
      }));
      expect(saved).toMatchObject({ slug: 'harbour-bridge-reopens', created: true });
      const a = (await storage.articles.findBySlug('harbour-bridge-reopens'))!;
      expect(a.bodyHtml).toContain('<strong>bridge</strong>');
      expect(a.bodyHtml).not.toContain('script');
      expect(a.bodyText).toBe('The bridge is open.');
      expect(a.tags.map((t) => t.slug).sort()).toEqual(['bridges', 'port-alder']);
      expect(a.authors.map((x) => x.name)).toEqual(['Ana Ruiz', 'Ben Okafor']);
      const cats = await storage.taxonomy.categories();
      const asia = cats.find((c) => c.slug === 'asia')!;
      expect(cats.find((c) => c.id === asia.parentId)?.slug).toBe('world');
      expect(a.categoryId).toBe(asia.id);
    });

    it('updates by import id instead of duplicating, keeping the slug', async () => {
      const before = await storage.articles.countAll();
      const saved = await storage.transaction((s) => service.save(s, { importId: 'x-1', title: 'Harbour bridge reopens at last', body: 'Updated.', category: 'World/Asia', publishedAt: NOW - HOUR }));
      expect(saved).toMatchObject({ slug: 'harbour-bridge-reopens', created: false });
      expect(await storage.articles.countAll()).toBe(before);
      expect((await storage.articles.findBySlug('harbour-bridge-reopens'))!.title).toBe('Harbour bridge reopens at last');
    });

    it('gives colliding titles distinct slugs', async () => {
      const a = await storage.transaction((s) => service.save(s, { title: 'Same title', publishedAt: NOW - 2 * HOUR }));
      const b = await storage.transaction((s) => service.save(s, { title: 'Same title', publishedAt: NOW - 3 * HOUR }));
      expect([a.slug, b.slug]).toEqual(['same-title', 'same-title-2']);
    });

    it('rejects an article without title and writes nothing', async () => {
      const before = await storage.articles.countAll();
      await expect(storage.transaction((s) => service.save(s, { title: '   ' }))).rejects.toBeInstanceOf(AppError);
      expect(await storage.articles.countAll()).toBe(before);
    });

    it('rolls back every write of a failed transaction', async () => {
      const before = await storage.articles.countAll();
      await expect(storage.transaction(async (s) => {
        await service.save(s, { title: 'Will vanish', tags: ['ghost-tag'], publishedAt: NOW });
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await storage.articles.countAll()).toBe(before);
      expect(await storage.taxonomy.tagBySlug('ghost-tag')).toBeUndefined();
    });

    it('lists only public articles, newest first, hiding drafts and future schedules', async () => {
      await storage.transaction(async (s) => {
        await service.save(s, { title: 'Draft piece', status: 'draft' });
        await service.save(s, { title: 'Scheduled piece', status: 'scheduled', publishedAt: NOW + HOUR });
        await service.save(s, { title: 'Newest piece', publishedAt: NOW - 1000 });
      });
      const page = await storage.articles.listPublic({ now: NOW, limit: 10 });
      const titles = page.items.map((i) => i.title);
      expect(titles[0]).toBe('Newest piece');
      expect(titles).not.toContain('Draft piece');
      expect(titles).not.toContain('Scheduled piece');
      expect(page.total).toBe(page.items.length);
      const later = await storage.articles.listPublic({ now: NOW + 2 * HOUR, limit: 10 });
      expect(later.items.map((i) => i.title)).toContain('Scheduled piece');
    });

    it('filters by category subtree, tag and author, and paginates', async () => {
      const cats = await storage.taxonomy.categories();
      const world = cats.find((c) => c.slug === 'world')!;
      const asia = cats.find((c) => c.slug === 'asia')!;
      const byCat = await storage.articles.listPublic({ now: NOW, categoryIds: [world.id, asia.id], limit: 10 });
      expect(byCat.items.map((i) => i.slug)).toEqual(['harbour-bridge-reopens']);
      const tag = (await storage.taxonomy.tagBySlug('bridges'))!;
      expect((await storage.articles.listPublic({ now: NOW, tagId: tag.id, limit: 10 })).total).toBe(0); // the update dropped its tags
      const author = (await storage.taxonomy.authorBySlug('ana-ruiz'))!;
      expect(author.name).toBe('Ana Ruiz');
      const p1 = await storage.articles.listPublic({ now: NOW, limit: 2 });
      const p2 = await storage.articles.listPublic({ now: NOW, limit: 2, offset: 2 });
      expect(p1.items.length).toBe(2);
      expect(p2.items.map((i) => i.id)).not.toContain(p1.items[0]!.id);
    });

    it('returns cards in the order asked and drops non-public ids', async () => {
      const all = (await storage.articles.listPublic({ now: NOW, limit: 10 })).items.map((i) => i.id);
      const draft = (await storage.articles.findBySlug('draft-piece'))!;
      const ids = [...all].reverse();
      const cards = await storage.articles.cardsByIds([...ids, draft.id], NOW);
      expect(cards.map((c) => c.id)).toEqual(ids);
    });

    it('adds views to totals and hourly buckets, and toggles reactions once per reader', async () => {
      const a = (await storage.articles.findBySlug('newest-piece'))!;
      const hour = Math.floor(NOW / HOUR);
      await storage.counters.addViews([{ articleId: a.id, hour, views: 3 }, { articleId: a.id, hour: hour - 1, views: 2 }]);
      await storage.counters.addViews([{ articleId: a.id, hour, views: 1 }]);
      expect(await storage.counters.viewCount(a.id)).toBe(6);
      const buckets = await storage.counters.viewBuckets(hour - 1);
      expect(buckets.filter((b) => b.articleId === a.id).sort((x, y) => x.hour - y.hour).map((b) => b.views)).toEqual([2, 4]);
      expect(await storage.counters.toggleReaction(a.id, 'reader-1', 'good', NOW)).toEqual({ active: true, count: 1 });
      expect(await storage.counters.toggleReaction(a.id, 'reader-2', 'good', NOW)).toEqual({ active: true, count: 2 });
      expect(await storage.counters.toggleReaction(a.id, 'reader-1', 'good', NOW, true)).toEqual({ active: true, count: 2 });
      expect(await storage.counters.toggleReaction(a.id, 'reader-1', 'good', NOW)).toEqual({ active: false, count: 1 });
      expect(await storage.counters.reactionCounts(a.id)).toEqual({ good: 1 });
    });

    it('finds public articles by words of title and body, best first, with prefixes and accents', async () => {
      await storage.transaction(async (s) => {
        await service.save(s, { title: 'Ferry timetable changes', body: 'The harbour ferry runs later on Fridays.', publishedAt: NOW - 5 * HOUR });
        await service.save(s, { title: 'Café culture returns', body: 'Terraces reopen along the quay.', publishedAt: NOW - 6 * HOUR });
        await service.save(s, { title: 'Secret ferry draft', body: 'harbour', status: 'draft' });
      });
      const find = (q: string) => storage.search.search({ query: parseQuery(q), now: NOW, limit: 10, offset: 0, sort: 'relevance' });
      const hits = await find('harbour');
      // a title match ranks above a body match; the draft is never found
      expect(hits.items.map((i) => i.title)).toEqual(['Harbour bridge reopens at last', 'Ferry timetable changes']);
      expect(hits.total).toBe(2);
      const both = await find('ferry fri*');
      expect(both.items.map((i) => i.title)).toEqual(['Ferry timetable changes']);
      // accents fold the same way on both dialects
      expect((await find('cafe')).items.map((i) => i.title)).toEqual(['Café culture returns']);
      expect((await find('café')).items.map((i) => i.title)).toEqual(['Café culture returns']);
      expect((await find('nothinglikethis')).total).toBe(0);
      // edits reach the index
      const ferry = (await storage.articles.findBySlug('ferry-timetable-changes'))!;
      await storage.transaction((s) => service.save(s, { title: 'Bus timetable changes', body: 'Buses run later.', publishedAt: NOW - 5 * HOUR }, ferry.id));
      expect((await find('harbour')).total).toBe(1);
    });

    it('reads what a page shows by slug through queries compiled once, with each call\'s own slug, in or out of a transaction', async () => {
      await storage.transaction((s) => service.save(s, { title: 'Second bridge', body: 'Also open.', tags: ['Spans'], authors: ['Cara Lind'], publishedAt: NOW - HOUR }));
      const first = (await storage.articles.findShownBySlug('harbour-bridge-reopens'))!;
      const second = (await storage.articles.findShownBySlug('second-bridge'))!;
      const full = (await storage.articles.findBySlug('harbour-bridge-reopens'))!;
      expect(first).toEqual({ ...full, bodySource: undefined, bodyText: undefined, tags: full.tags, authors: full.authors });
      expect('bodySource' in first || 'bodyText' in first).toBe(false);
      expect([second.title, second.authors.map((a) => a.name), second.tags.map((t) => t.slug)]).toEqual(['Second bridge', ['Cara Lind'], ['spans']]);
      expect(await storage.articles.findShownBySlug('no-such-slug')).toBeUndefined();
      // A transaction's handle compiles its own copy and sees its own writes.
      await storage.transaction(async (s) => {
        await service.save(s, { title: 'Third bridge', publishedAt: NOW - HOUR });
        expect((await s.articles.findShownBySlug('third-bridge'))?.title).toBe('Third bridge');
        expect((await s.articles.findShownBySlug('second-bridge'))?.title).toBe('Second bridge');
      });
    });

    it('stores settings and keeps the first value of initOnce', async () => {
      await storage.settings.set({ name: 'Daily', timezone: 'Asia/Tokyo' });
      await storage.settings.set({ name: 'Weekly' });
      expect(await storage.settings.all()).toMatchObject({ name: 'Weekly', timezone: 'Asia/Tokyo' });
      expect(await storage.settings.initOnce('k', 'first')).toBe('first');
      expect(await storage.settings.initOnce('k', 'second')).toBe('first');
    });
  });
}
