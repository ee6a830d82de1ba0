import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createMasthead, openSite } from '../../src/main.js';
import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { ArticleService } from '../../src/services/article-service.js';
import { RelatedService } from '../../src/services/related-service.js';
import { createTestDatabase, DIALECTS, openTestStorage, type TestDatabase } from '../helpers/dialects.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 12);

const STORIES = [
  ['Harbour bridge hangers replaced', 'Crews replace corroded steel hangers on the harbour bridge span.'],
  ['Harbour bridge reopens to buses', 'The harbour bridge reopens to buses after the hanger repairs on its span.'],
  ['Engineers test the bridge hangers', 'Engineers test new steel hangers under load on the harbour bridge span.'],
  ['Athletic win the derby', 'The striker scores twice as Athletic beat their rivals in the derby match.'],
  ['Derby hat-trick for Athletic', 'A derby hat-trick sends Athletic top of the league table.'],
  ['Athletic coach praises the defence', 'The Athletic coach praises the defence after the derby win in the league.'],
  ['Central library reopens', 'The renovated central library reopens with new reading rooms and books.'],
  ['Library book festival draws crowds', 'Authors read from new books at the central library festival.'],
] as const;

// A server stops (writing its Related snapshot); articles change while none runs; the next server
// restores the snapshot and must know what changed — not rebuild, not serve the stale index.
for (const dialect of DIALECTS) {
  describe(`the Related snapshot across a restart on ${dialect}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `mh-related-snap-${dialect}-`));
    let db: TestDatabase | undefined;
    let config: Config;
    let now = NOW;
    const clock = () => now;
    afterAll(async () => {
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('restores the index and reads back what was saved, deleted or came due while the server was down', async () => {
      const env: Record<string, string> = { MASTHEAD_REDIS_URL: '' };
      if (dialect === 'postgres') {
        db = await createTestDatabase('postgres');
        env.MASTHEAD_DATABASE_URL = db.databaseUrl!;
      }
      config = loadConfig({ data: dataDir, demo: false, logLevel: 'silent' }, env);
      expect(config.relatedSnapshot).toBe(join(dataDir, 'related-index.snapshot'));

      const first = await createMasthead(config, { clock });
      const ids: number[] = [];
      for (const [i, [title, body]] of STORIES.entries()) {
        ids.push((await first.articles.save(first.storage, { title, body, publishedAt: NOW - (20 - i) * HOUR, tags: i < 3 ? ['bridge'] : [] })).id);
      }
      // Due in an hour: it goes public while no server runs, without any edit.
      const scheduled = (await first.articles.save(first.storage, { title: 'Bridge hangers: the final report', body: 'The final report on the harbour bridge hangers and the steel span.', status: 'scheduled', publishedAt: NOW + HOUR })).id;
      await first.related.applyPending();
      expect(first.related.loadedFrom).toBe('store');
      expect(first.related.has(ids[0]!)).toBe(true);
      expect(first.related.has(scheduled)).toBe(false);
      await first.close();
      expect(existsSync(config.relatedSnapshot!)).toBe(true);

      // While no server runs: a new article, an edit, a deletion, and the scheduled time passing.
      now = NOW + 2 * HOUR;
      const offline = await openSite(config, { clock });
      const added = (await offline.articles.save(offline.storage, { title: 'Bridge span repainted', body: 'Painters finish the harbour bridge span after the steel hanger repairs.', publishedAt: now - 1000 })).id;
      await offline.articles.save(offline.storage, { title: 'Central library reopens', body: 'The renovated central library reopens with a harbour bridge exhibition of hangers and steel.', publishedAt: NOW - 14 * HOUR }, ids[6]!);
      await offline.storage.newsroom.setDeleted(ids[1]!, now, now);
      await offline.close();

      const second = await createMasthead(config, { clock });
      try {
        expect(second.related.loadedFrom).toBe('snapshot');
        expect(second.related.size).toBe(STORIES.length - 1 + 2);
        expect(second.related.has(added)).toBe(true);
        expect(second.related.has(scheduled)).toBe(true);
        expect(second.related.has(ids[1]!)).toBe(false);
        const bridge = second.related.related(ids[0]!, 5, now);
        expect(bridge).toContain(added);
        expect(bridge).not.toContain(ids[1]);
        // The edit moved the library article towards the bridge.
        expect(second.related.related(added, 8, now)).toContain(ids[6]);
        // The page under the restored index lists the new article, and says its lists are the engines' own.
        const page = await second.app.inject({ url: `/articles/${encodeURIComponent((await second.storage.articles.findById(ids[0]!))!.slug)}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('data-lists="ready"');
        expect(page.body).toContain('Bridge span repainted');
      } finally {
        await second.close();
      }
    }, 120_000);

    it('builds from the store, with the same lists, when the snapshot is damaged', async () => {
      writeFileSync(config.relatedSnapshot!, 'not a snapshot at all');
      const third = await createMasthead(config, { clock });
      try {
        expect(third.related.loadedFrom).toBe('store');
        expect(third.related.size).toBe(STORIES.length + 1);
      } finally {
        await third.close();
      }
      // Its stop wrote a sound snapshot again.
      const fourth = await createMasthead(config, { clock });
      try {
        expect(fourth.related.loadedFrom).toBe('snapshot');
        expect(fourth.related.size).toBe(STORIES.length + 1);
      } finally {
        await fourth.close();
      }
    }, 120_000);
  });
}

describe('the Related snapshot between restarts', () => {
  it('is written on its interval when the index changed, and restores what changed since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-related-interval-'));
    const { storage, close } = await openTestStorage('sqlite');
    const changes = new LocalChangeChannel();
    const articles = new ArticleService(changes, () => NOW);
    const snapshot = { path: join(dir, 'related.snapshot'), siteId: 'site-a', everyMs: 100 };
    const waitFor = async (ok: () => boolean) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(ok()).toBe(true);
    };
    try {
      for (const [title, body] of STORIES) await storage.transaction((s) => articles.save(s, { title, body, publishedAt: NOW - HOUR }));
      const lines: string[] = [];
      const first = new RelatedService(storage.articles, changes, () => NOW, (err) => { throw err; }, { snapshot, log: (m) => lines.push(m) });
      await first.start();
      await waitFor(() => existsSync(snapshot.path));
      const written = statSync(snapshot.path).mtimeMs;
      const added = (await storage.transaction((s) => articles.save(s, { title: 'Bridge span repainted', body: 'Painters finish the harbour bridge span.', publishedAt: NOW - 1000 }))).id;
      await waitFor(() => first.has(added));
      await waitFor(() => statSync(snapshot.path).mtimeMs > written);
      await first.stop();
      expect(lines.filter((l) => l.includes('wrote')).length).toBeGreaterThanOrEqual(2);

      const second = new RelatedService(storage.articles, changes, () => NOW, (err) => { throw err; }, { snapshot, log: (m) => lines.push(m) });
      await second.start();
      expect(second.loadedFrom).toBe('snapshot');
      expect(second.has(added)).toBe(true);
      await second.stop();

      // Another site's snapshot (a data folder copied beside another database) is not trusted.
      const other = new RelatedService(storage.articles, changes, () => NOW, (err) => { throw err; }, { snapshot: { ...snapshot, siteId: 'site-b' }, log: (m) => lines.push(m) });
      await other.start();
      expect(other.loadedFrom).toBe('store');
      expect(lines.at(-1)).toMatch(/ignored \(it belongs to another site\)/);
      await other.stop();
    } finally {
      await close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
