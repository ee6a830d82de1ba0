import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Masthead } from '../../src/main.js';
import { MANIFEST_FILE, STAGING_DIR } from '../../src/publish/publish-paths.js';
import { PublishWatch } from '../../src/publish/publish-watch.js';
import { publishSite, SitePublisher } from '../../src/publish/site-publisher.js';
import { DIALECTS } from '../helpers/dialects.js';
import { mastheadOn } from '../helpers/masthead-on.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);

/** Every file under `dir` (relative), without the manifest. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(join(dir, f)).isFile() && f !== MANIFEST_FILE).sort();
}

/** Identity of a file on disk: a rewrite (temp + rename) gives it a new inode. */
const stamp = (file: string) => {
  const s = statSync(file);
  return `${s.ino}:${s.mtimeMs}`;
};

for (const dialect of DIALECTS) {
  describe(`masthead publish on ${dialect}`, () => {
    let m: Masthead;
    let close: () => Promise<void>;
    const out = mkdtempSync(join(tmpdir(), 'masthead-publish-'));
    const ids: Record<string, number> = {};
    const slugs: Record<string, string> = {};
    const save = async (key: string, input: Parameters<Masthead['articles']['save']>[1], id?: number) => {
      const saved = await m.storage.transaction((s) => m.articles.save(s, input, id));
      ids[key] = saved.id;
      slugs[key] = saved.slug;
    };
    const file = (...parts: string[]) => join(out, ...parts);

    beforeAll(async () => {
      ({ m, close } = await mastheadOn(dialect, { clock: () => NOW }));
      for (let i = 1; i <= 22; i++) {
        await save(`world${i}`, { title: `World story number ${i}`, body: `Story ${i}.`, category: 'World', tags: ['Harbour'], authors: ['Ada Lovelace'], publishedAt: NOW - (i + 10) * HOUR });
      }
      await save('edited', { title: 'Ferry timetable changes', body: 'Boats every hour.', category: 'World', tags: ['Harbour', 'Ferries'], authors: ['Grace Hopper'], publishedAt: NOW - 100 * HOUR });
      await save('lonely', { title: 'The only story with its tag', body: 'Alone.', category: 'Culture', tags: ['Lonely'], authors: ['Solo Writer'], publishedAt: NOW - 3 * HOUR });
      await save('other', { title: 'Theatre season opens', body: 'Curtain up.', category: 'Culture', tags: ['Theatre'], authors: ['Solo Writer'], publishedAt: NOW - 200 * HOUR });
      await save('draft', { title: 'Not yet', body: 'x', status: 'draft', tags: ['Draft only'] });
    }, 120_000);
    afterAll(async () => {
      await close();
      rmSync(out, { recursive: true, force: true });
    });

    it('first run writes every public page, feed, sitemap and asset, with a .gz beside the text ones', async () => {
      const counts = await publishSite(m, out);
      const files = filesUnder(out);
      const plain = files.filter((f) => !f.endsWith('.gz'));
      expect(counts).toMatchObject({ written: plain.length, unchanged: 0, removed: 0 });
      for (const f of [
        'index.html', '404.html', 'robots.txt', 'feed.xml', 'atom.xml', 'feed.json',
        'sitemap.xml', 'sitemap-pages.xml', 'sitemap-news.xml', 'sitemap-articles-1.xml', 'sitemap-tags-1.xml', 'sitemap-authors-1.xml',
        `articles/${slugs.edited}/index.html`, `articles/${slugs.world22}/index.html`,
        'category/world/index.html', 'category/world/page-2.html', 'category/world/feed.xml', 'category/world/atom.xml', 'category/world/feed.json',
        'tag/harbour/index.html', 'tag/harbour/page-2.html', 'tag/lonely/index.html', 'author/ada-lovelace/index.html', 'author/ada-lovelace/page-2.html',
        'assets/site.css', 'assets/site.js',
      ]) expect(plain, f).toContain(f);
      expect(plain).not.toContain('category/world/page-3.html');
      expect(plain.some((f) => f.includes('not-yet'))).toBe(false);
      expect(plain.some((f) => f.startsWith('tag/draft-only'))).toBe(false);
      expect(existsSync(file(STAGING_DIR))).toBe(false);

      // The bytes are the app's, and the .gz holds the same bytes.
      const page = readFileSync(file('articles', slugs.edited!, 'index.html'));
      expect(page.equals((await m.app.inject({ url: `/articles/${slugs.edited}` })).rawPayload)).toBe(true);
      expect(gunzipSync(readFileSync(file('articles', slugs.edited!, 'index.html.gz'))).equals(page)).toBe(true);
      expect(readFileSync(file('category', 'world', 'page-2.html'), 'utf8').includes('World story number 22')).toBe(true);
      expect(readFileSync(file('404.html'), 'utf8').includes('error-page__status">404<')).toBe(true);
      expect(files.filter((f) => f.endsWith('.gz')).length).toBe(plain.filter((f) => !f.startsWith('assets/logo') || f.endsWith('.svg')).length);

      // Feeds and sitemaps parse.
      const rss = await new Parser().parseString(readFileSync(file('feed.xml'), 'utf8'));
      expect(rss.items.map((i) => i.title)).toContain('Ferry timetable changes');
      expect((await new Parser().parseString(readFileSync(file('category', 'world', 'atom.xml'), 'utf8'))).items).toHaveLength(23);
      expect(JSON.parse(readFileSync(file('tag', 'lonely', 'feed.json'), 'utf8')).items).toHaveLength(1);
      for (const f of ['sitemap.xml', 'sitemap-articles-1.xml', 'sitemap-tags-1.xml']) expect(XMLValidator.validate(readFileSync(file(f), 'utf8')), f).toBe(true);
    });

    it('a second run with no change writes nothing', async () => {
      const before = stamp(file('index.html'));
      const counts = await publishSite(m, out);
      expect(counts.written).toBe(0);
      expect(counts.removed).toBe(0);
      expect(counts.unchanged).toBe(filesUnder(out).filter((f) => !f.endsWith('.gz')).length);
      expect(stamp(file('index.html'))).toBe(before);
    });

    it('an edit rewrites the article and its listings, not unrelated articles', async () => {
      const articlePages = () => filesUnder(out).filter((f) => f.startsWith('articles/') && f.endsWith('/index.html'));
      const before = new Map(articlePages().map((f) => [f, { stamp: stamp(file(f)), bytes: readFileSync(file(f)) }]));
      const listings = ['tag/ferries/index.html', 'category/world/page-2.html', 'author/grace-hopper/index.html', 'feed.xml', 'category/world/feed.xml'];
      const listingStamps = listings.map((f) => stamp(file(f)));
      const theatre = stamp(file('tag', 'theatre', 'index.html'));
      await save('edited', { title: 'Ferry timetable changes again', body: 'Boats every half hour.', category: 'World', tags: ['Harbour', 'Ferries'], authors: ['Grace Hopper'], publishedAt: NOW - 100 * HOUR }, ids.edited);
      const counts = await publishSite(m, out);
      expect(counts.removed).toBe(0);
      const editedPage = `articles/${slugs.edited}/index.html`;
      expect(readFileSync(file(editedPage), 'utf8').includes('Boats every half hour.')).toBe(true);
      expect(stamp(file(editedPage))).not.toBe(before.get(editedPage)!.stamp);
      listings.forEach((f, i) => expect(stamp(file(f)), f).not.toBe(listingStamps[i]));
      expect(readFileSync(file('tag', 'ferries', 'index.html'), 'utf8').includes('Ferry timetable changes again')).toBe(true);
      expect(stamp(file('tag', 'theatre', 'index.html'))).toBe(theatre);
      // Other articles' pages are rewritten exactly when their bytes changed (their lists name the
      // edited one); the rest keep their files.
      let untouched = 0;
      for (const [f, old] of before) {
        if (f === editedPage) continue;
        const now = (await m.app.inject({ url: `/${f.replace(/\/index\.html$/, '')}` })).rawPayload;
        if (now.equals(old.bytes)) {
          expect(stamp(file(f)), f).toBe(old.stamp);
          untouched++;
        } else {
          expect(readFileSync(file(f)).equals(now), f).toBe(true);
        }
      }
      expect(untouched).toBeGreaterThan(0);
    });

    it('an unpublished article leaves: its page, and its tag that lists nothing else', async () => {
      await save('lonely', { title: 'The only story with its tag', body: 'Alone.', category: 'Culture', tags: ['Lonely'], authors: ['Solo Writer'], status: 'draft' }, ids.lonely);
      const counts = await publishSite(m, out);
      expect(counts.removed).toBeGreaterThanOrEqual(5); // the page, the tag page and its three feeds
      expect(existsSync(file('articles', slugs.lonely!))).toBe(false);
      expect(existsSync(file('tag', 'lonely'))).toBe(false);
      expect(existsSync(file('author', 'solo-writer', 'index.html'))).toBe(true);
      expect(JSON.parse(readFileSync(file(MANIFEST_FILE), 'utf8')).files).not.toHaveProperty(`articles/${slugs.lonely}/index.html`);
    });

    it('--watch republishes only what a change touches, within seconds, and removes what left', async () => {
      const publisher = new SitePublisher(m, out);
      // The pages below must show the Related lists of the site as it is (earlier tests edited
      // it): the index applies changes a moment after they are saved.
      await m.related.applyPending();
      await publisher.publishAll();
      const failures: unknown[] = [];
      // A save announces itself once its transaction has committed, which may be after save() returns.
      let ran: () => void = () => {};
      const nextRun = () => new Promise<void>((resolve) => (ran = resolve)).then(() => watch.idle());
      const watch = new PublishWatch(publisher, m.changes, {
        settleMs: 50,
        onRun: () => ran(),
        onError: (err) => {
          failures.push(err);
          ran();
        },
      });
      await watch.start();
      try {
        const unrelated = stamp(file('articles', slugs.other!, 'index.html'));
        // Moved from Harbour to a new tag: the Harbour pages lose it, the new tag's page appears.
        let done = nextRun();
        await save('edited', { title: 'Ferry timetable changes once more', body: 'Boats at dawn.', category: 'World', tags: ['Ferries', 'Dawn'], authors: ['Grace Hopper'], publishedAt: NOW - 100 * HOUR }, ids.edited);
        await done;
        expect(failures).toEqual([]);
        expect(readFileSync(file('articles', slugs.edited!, 'index.html'), 'utf8').includes('Boats at dawn.')).toBe(true);
        expect(readFileSync(file('tag', 'dawn', 'index.html'), 'utf8').includes('Ferry timetable changes once more')).toBe(true);
        for (const f of ['tag/harbour/index.html', 'tag/harbour/page-2.html']) expect(readFileSync(file(f), 'utf8').includes('Ferry timetable changes'), f).toBe(false);
        expect(readFileSync(file('feed.xml'), 'utf8').includes('Ferry timetable changes once more')).toBe(true);
        expect(stamp(file('articles', slugs.other!, 'index.html'))).toBe(unrelated);
        // A page of the same section is not compared: its Recommendation list may show the
        // edited story (it is similar), and then its page rightly changes.

        // Withdrawn: its page and its now-empty tag go, and the listings shrink.
        done = nextRun();
        await save('edited', { title: 'Ferry timetable changes once more', body: 'Boats at dawn.', category: 'World', tags: ['Ferries', 'Dawn'], authors: ['Grace Hopper'], status: 'draft' }, ids.edited);
        await done;
        expect(failures).toEqual([]);
        expect(existsSync(file('articles', slugs.edited!))).toBe(false);
        expect(existsSync(file('tag', 'dawn'))).toBe(false);
        expect(readFileSync(file('category', 'world', 'page-2.html'), 'utf8').includes('Ferry timetable')).toBe(false);

        // What the watch wrote is what a whole-site run would have written, except lists on other articles' pages.
        const whole = await publisher.publishAll();
        expect(whole.removed).toBe(0);
      } finally {
        await watch.stop();
      }
    });

    it('refuses a folder it cannot use with one line, and a failed run changes nothing', async () => {
      const blocked = mkdtempSync(join(tmpdir(), 'masthead-publish-bad-'));
      try {
        const plainFile = join(blocked, 'a-file');
        writeFileSync(plainFile, 'x');
        await expect(publishSite(m, plainFile)).rejects.toMatchObject({ code: 'MH_ERR_PUBLISH', message: expect.stringMatching(/^Cannot publish to .*a-file: it is a file, not a folder$/) });

        // A file where the articles folder must go: nothing is published, nothing is left behind.
        const site = join(blocked, 'site');
        mkdirSync(site);
        writeFileSync(join(site, 'articles'), 'in the way');
        await expect(publishSite(m, site)).rejects.toMatchObject({ code: 'MH_ERR_PUBLISH', message: expect.stringMatching(/articles is a file where a folder is needed/) });
        expect(readdirSync(site)).toEqual(['articles']);

        // A published folder keeps every file as it was when a later run fails: here a new tag's
        // folder is blocked by a stray file, found after every page rendered and before any moved.
        writeFileSync(file('tag', 'blocked'), 'stray');
        const home = readFileSync(file('index.html'));
        const manifest = readFileSync(file(MANIFEST_FILE));
        await save('blocked', { title: 'A story under a blocked tag', body: 'x', category: 'World', tags: ['Blocked'], publishedAt: NOW - HOUR });
        await expect(publishSite(m, out)).rejects.toMatchObject({ message: expect.stringMatching(/tag\/blocked is a file where a folder is needed/) });
        expect(readFileSync(file('index.html')).equals(home)).toBe(true);
        expect(readFileSync(file(MANIFEST_FILE)).equals(manifest)).toBe(true);
        expect(existsSync(file('articles', slugs.blocked!))).toBe(false);
        expect(existsSync(file(STAGING_DIR))).toBe(false);
        rmSync(file('tag', 'blocked'));
        await publishSite(m, out);
        expect(readFileSync(file('tag', 'blocked', 'index.html'), 'utf8').includes('A story under a blocked tag')).toBe(true);
      } finally {
        rmSync(blocked, { recursive: true, force: true });
      }
    });
  });
}
