import type { ArticleService } from '../services/article-service.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { Storage } from '../storage/ports.js';
import { demoArticles, demoAuthors, demoCategories } from './demo-content.js';

const HOUR = 3_600_000;

/** Fills an empty site with the demo newsroom, in one transaction. Returns the number of articles. */
export async function seedDemo(storage: Storage, articles: ArticleService, changes: ChangeChannel, now: number): Promise<number> {
  await storage.transaction(async (stores) => {
    await stores.settings.set({ name: 'The Port Alder Courier', tagline: 'News from the harbour city and the world beyond' });
    stores.afterCommit(() => {
      changes.publish('settings.changed', { keys: ['name', 'tagline'] });
      changes.publish('taxonomy.changed', { kinds: ['category', 'tag', 'author'] });
    });
    const ids = new Map<string, number>();
    // Parents first, so each child finds its parent's id.
    const ordered = [...demoCategories.filter((c) => !c.parent), ...demoCategories.filter((c) => c.parent)];
    for (const [position, c] of ordered.entries()) {
      const id = await stores.taxonomy.saveCategory({
        slug: c.slug, name: c.name, description: c.description, position, parentId: c.parent ? ids.get(c.parent) ?? null : null,
      });
      ids.set(c.slug, id);
    }
    await stores.taxonomy.ensureAuthors(demoAuthors.map((a) => ({ slug: a.slug, name: a.name, bio: a.bio })));
    const authorName = new Map(demoAuthors.map((a) => [a.slug, a.name]));
    for (const a of demoArticles) {
      const saved = await articles.save(stores, {
        importId: `demo-${a.slug}`,
        slug: a.slug,
        title: a.title,
        summary: a.summary,
        body: a.body,
        bodyFormat: 'markdown',
        categoryId: ids.get(a.category) ?? null,
        tags: a.tags,
        authors: [authorName.get(a.author) ?? a.author],
        status: 'published',
        // Whole minutes, so the demo's times read like an editor's.
        publishedAt: Math.floor((now - a.hoursAgo * HOUR) / 60_000) * 60_000,
        recommended: a.recommended ?? false,
      });
      await stores.counters.seedCounts(saved.id, a.views ?? 0, { good: a.reactions ?? 0 });
    }
  });
  return demoArticles.length;
}
