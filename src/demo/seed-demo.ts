import sharp from 'sharp';
import type { MediaService } from '../media/media-service.js';
import type { ArticleService } from '../services/article-service.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { Storage } from '../storage/ports.js';
import { demoArticles, demoAuthors, demoCategories } from './demo-content.js';
import { demoPictures, pictureFor } from './demo-pictures.js';

const HOUR = 3_600_000;

/**
 * Renders the demo pictures and stores them (outside the article transaction: encoding is slow).
 * The drawings render to the same bytes every time, so their variants, content-addressed in the
 * media folder, are encoded on the first seed only; later seeds find the files there.
 */
async function seedPictures(media: MediaService): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const picture of demoPictures) {
    const jpeg = await sharp(Buffer.from(picture.svg())).jpeg({ quality: 90 }).toBuffer();
    const image = await media.ingest(jpeg, { filename: `${picture.key}.jpg`, alt: picture.alt, caption: picture.caption, credit: 'Courier graphics' });
    ids.set(picture.key, image.id);
  }
  return ids;
}

/**
 * Fills an empty site with the demo newsroom, in one transaction. With a media service the
 * articles get the demo pictures as covers. Returns the number of articles.
 */
export async function seedDemo(storage: Storage, articles: ArticleService, changes: ChangeChannel, now: number, media?: MediaService): Promise<number> {
  const pictureIds = media ? await seedPictures(media) : new Map<string, number>();
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
        coverImageId: pictureIds.get(pictureFor(a.tags, a.category)?.key ?? '') ?? null,
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
