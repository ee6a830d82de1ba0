import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStorage } from '../helpers/dialects.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import type { ChangeEvents } from '../../src/events/change-events.js';
import { ArticleService } from '../../src/services/article-service.js';
import { RelatedService } from '../../src/services/related-service.js';
import { StoreWatcher } from '../../src/services/store-watcher.js';
import { SiteService } from '../../src/services/site-service.js';
import type { KyselyStorage } from '../../src/storage/kysely-storage.js';

const NOW = Date.UTC(2026, 5, 1, 12);

for (const dialect of DIALECTS) {
  describe(`change channel on ${dialect}`, () => {
    let storage: KyselyStorage;
    let close: () => Promise<void>;
    const changes = new LocalChangeChannel((err) => {
      throw err;
    });
    const articles = new ArticleService(changes, () => NOW);
    const saved: ChangeEvents['article.saved'][] = [];
    changes.subscribe('article.saved', (c) => void saved.push(c));

    beforeAll(async () => {
      ({ storage, close } = await openTestStorage(dialect));
    });

    /**
     * This process's Related index and store watcher, fed by a channel of their own, and the
     * article service of another process whose notices nobody here hears (no Redis).
     */
    async function thisProcessAndAnother() {
      const ours = new LocalChangeChannel();
      const related = new RelatedService(storage.articles, ours, () => NOW);
      const watcher = new StoreWatcher(storage, ours, () => NOW, (err) => {
        throw err;
      }, { intervalMs: 60_000 });
      await related.start();
      await watcher.start();
      return { ours, related, watcher, other: new ArticleService(new LocalChangeChannel(), () => NOW) };
    }
    afterAll(async () => close());

    it('announces a save only after its transaction committed, and a rolled-back save never', async () => {
      saved.length = 0;
      let visibleWhenHeard: Promise<boolean> | undefined;
      const unsubscribe = changes.subscribe('article.saved', (c) => {
        visibleWhenHeard = storage.articles.findById(c.id).then((a) => a !== undefined);
      });
      await expect(storage.transaction(async (s) => {
        await articles.save(s, { title: 'Ferry timetable changes', body: 'The ferry runs later.', category: 'Transport', publishedAt: NOW - 1000 });
        expect(saved).toHaveLength(0); // not while the transaction is open
        throw new Error('the editor cancelled');
      })).rejects.toThrow('the editor cancelled');
      expect(saved).toHaveLength(0);
      expect(await storage.articles.countAll()).toBe(0);
      expect((await storage.taxonomy.categories()).map((c) => c.slug)).not.toContain('transport');

      const result = await storage.transaction((s) => articles.save(s, { title: 'Ferry timetable changes', body: 'The ferry runs later.', publishedAt: NOW - 1000 }));
      expect(saved.map((c) => c.id)).toEqual([result.id]);
      expect(await visibleWhenHeard).toBe(true);
      unsubscribe();
    });

    it('a section created by a save reaches the site service without a restart', async () => {
      const site = new SiteService(storage.settings, storage.taxonomy, changes);
      expect((await site.categories()).getBySlug('harbour')).toBeUndefined();
      await storage.transaction((s) => articles.save(s, { title: 'Harbour cranes arrive', body: 'Two cranes arrive.', category: 'Harbour', publishedAt: NOW - 1000 }));
      expect((await site.categories()).getBySlug('harbour')?.name).toBe('Harbour');
    });

    it('the store watcher announces a change committed after a later-stamped one (another process, no Redis)', async () => {
      const { ours, related, watcher, other } = await thisProcessAndAnother();
      const heard: number[] = [];
      ours.subscribe('article.saved', (c) => void heard.push(c.id));
      const early = await storage.transaction((s) => other.save(s, { title: 'Lighthouse lamp restored by volunteers', body: 'Volunteers restored the lighthouse lamp of Port Alder.', publishedAt: NOW - 4000 }));
      await watcher.poll();
      expect(heard).toEqual([early.id]);
      // The second was stamped before the first but committed after this process read it (an
      // import batch still open while an editor's save commits): its updated_at is older than
      // a row already seen, which a cursor on (updated_at, id) would skip for ever.
      const late = await storage.transaction((s) => other.save(s, { title: 'Lighthouse keeper retires after forty years', body: 'The lighthouse keeper of Port Alder retires; the lamp stays lit.', publishedAt: NOW - 5000 }));
      const stampedEarly = (await storage.articles.findById(early.id))!.updatedAt;
      await storage.db.updateTable('articles').set({ updated_at: stampedEarly - 500 }).where('id', '=', late.id).execute();
      await watcher.poll();
      expect(heard).toEqual([early.id, late.id]);
      await related.applyPending();
      expect(related.related(early.id, 5, NOW)).toContain(late.id);
      // Nothing new: nothing is announced again.
      await watcher.poll();
      expect(heard).toEqual([early.id, late.id]);
      await watcher.stop();
      related.stop();
    });

    it.runIf(dialect === 'postgres')('a transaction that commits after a later-stamped one still reaches the Related index (two real transactions)', async () => {
      const { related, watcher, other } = await thisProcessAndAnother();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      // An import batch: stamped now, still open while an editor's save commits.
      const batch = storage.transaction(async (s) => {
        const r = await other.save(s, { title: 'Canal boats return for the summer season', body: 'The canal boats of Port Alder return for the summer season.', publishedAt: NOW - 3000 });
        await gate;
        return r;
      });
      await new Promise((r) => setTimeout(r, 100));
      const editor = await storage.transaction((s) => other.save(s, { title: 'Summer season opens on the canal', body: 'Canal boats and the summer season open on Saturday.', publishedAt: NOW - 2000 }));
      await watcher.poll();
      release();
      const imported = await batch;
      expect((await storage.articles.findById(imported.id))!.updatedAt).toBeLessThan((await storage.articles.findById(editor.id))!.updatedAt);
      await watcher.poll();
      await related.applyPending();
      expect(related.related(editor.id, 5, NOW)).toContain(imported.id);
      await watcher.stop();
      related.stop();
    });
  });
}
