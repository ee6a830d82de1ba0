import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ArticleService } from '../../src/services/article-service.js';
import { openStorage } from '../../src/storage/open-storage.js';

/** Creates `count` published articles in a fresh SQLite data folder; returns their ids. */
export async function seedArticles(dataDir: string, count: number, now = Date.now()): Promise<number[]> {
  mkdirSync(dataDir, { recursive: true });
  const storage = await openStorage({ dataDir });
  const service = new ArticleService(new LocalChangeChannel(), () => now);
  const ids: number[] = [];
  try {
    await storage.transaction(async (stores) => {
      for (let i = 0; i < count; i++) {
        const saved = await service.save(stores, { title: `Counter bench article ${i + 1}`, body: `Body of article ${i + 1}.`, publishedAt: now - 3_600_000 });
        ids.push(saved.id);
      }
    });
  } finally {
    await storage.close();
  }
  return ids;
}

/** Copies a closed data folder's database (the naive baseline starts from the same file). */
export function copyDatabase(fromDir: string, toDir: string): void {
  mkdirSync(toDir, { recursive: true });
  copyFileSync(join(fromDir, 'masthead.db'), join(toDir, 'masthead.db'));
}

/** Total stored views of the given articles, and their hourly buckets' sum, read from a closed data folder. */
export async function storedViews(dataDir: string, ids: readonly number[]): Promise<{ total: number; buckets: number }> {
  const storage = await openStorage({ dataDir });
  try {
    const rows = await storage.db.selectFrom('articles').select(['view_count']).where('id', 'in', ids as number[]).execute();
    const b = await storage.db.selectFrom('view_buckets').select(sql<number>`coalesce(sum(views), 0)`.as('n')).where('article_id', 'in', ids as number[]).executeTakeFirst();
    return { total: rows.reduce((n, r) => n + Number(r.view_count), 0), buckets: Number(b?.n ?? 0) };
  } finally {
    await storage.close();
  }
}
