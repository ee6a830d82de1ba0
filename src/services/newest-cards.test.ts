import { describe, expect, it } from 'vitest';
import type { ArticleCard } from '../content/types.js';
import { LocalChangeChannel } from '../events/change-channel.js';
import type { ListQuery, Page } from '../storage/ports.js';
import { NewestCards } from './newest-cards.js';

const card = (id: number, publishedAt: number): ArticleCard => ({
  id, slug: `a-${id}`, title: `Article ${id}`, summary: '', categoryId: null, coverImageUrl: null, coverImageId: null, publishedAt, viewCount: 0,
});

/** listPublic over a list of cards (newest first, then by id), counting its calls. */
class Articles {
  cards: ArticleCard[] = [];
  calls: ListQuery[] = [];
  async listPublic(q: ListQuery): Promise<Page<ArticleCard>> {
    this.calls.push(q);
    const skip = new Set(q.excludeIds ?? []);
    const items = this.cards.filter((c) => c.publishedAt! <= q.now && !skip.has(c.id))
      .sort((a, b) => b.publishedAt! - a.publishedAt! || b.id - a.id).slice(0, q.limit);
    return { items, total: items.length };
  }
}

function setup(n: number, depth = 8) {
  const articles = new Articles();
  articles.cards = Array.from({ length: n }, (_, i) => card(i + 1, 1000 + i));
  const changes = new LocalChangeChannel();
  let now = 10_000;
  const newest = new NewestCards(articles, changes, () => now, { depth, ttlMs: 5_000 });
  return { articles, changes, newest, at: (t: number) => (now = t), now: () => now };
}

const ids = (cards: ArticleCard[]) => cards.map((c) => c.id);

describe('NewestCards', () => {
  it('answers from one kept read, exclusions applied in memory', async () => {
    const { articles, newest, now } = setup(20);
    expect(ids(await newest.newest(now(), 3))).toEqual([20, 19, 18]);
    expect(ids(await newest.newest(now(), 3, [19, 17]))).toEqual([20, 18, 16]);
    expect(articles.calls).toHaveLength(1);
  });

  it('drops the list when an article changes, and when it is older than its time to live', async () => {
    const { articles, changes, newest, now, at } = setup(20);
    await newest.newest(now(), 3);
    articles.cards.push(card(21, 5000));
    changes.publish('article.saved', { id: 21, slug: 'a-21', status: 'published', publishedAt: 5000, categoryId: null });
    expect(ids(await newest.newest(now(), 2))).toEqual([21, 20]);
    articles.cards = articles.cards.filter((c) => c.id !== 21);
    at(now() + 5_000);
    expect(ids(await newest.newest(now(), 2))).toEqual([20, 19]);
    expect(articles.calls).toHaveLength(3);
  });

  it('asks the store when the exclusions eat past the kept depth, and never when every article is kept', async () => {
    const { articles, newest, now } = setup(20, 8);
    expect(ids(await newest.newest(now(), 3, [20, 19, 18, 17, 16, 15, 14]))).toEqual([13, 12, 11]);
    expect(articles.calls.at(-1)!.excludeIds).toHaveLength(7);
    const small = setup(5, 8);
    expect(ids(await small.newest.newest(small.now(), 3, [5, 4, 3]))).toEqual([2, 1]);
    expect(small.articles.calls).toHaveLength(1);
  });

  it('does not keep a read that a change overtook, and reads the store for another time', async () => {
    const { articles, changes, newest, now } = setup(10);
    const first = newest.newest(now(), 2);
    changes.publish('article.withdrawn', { id: 10, slug: 'a-10', status: 'draft', publishedAt: 1009, categoryId: null });
    await first;
    await newest.newest(now(), 2);
    expect(articles.calls).toHaveLength(2);
    // A page rendered for another time (a preview of tomorrow) is not answered from today's list.
    await newest.newest(now() + 86_400_000, 2);
    expect(articles.calls).toHaveLength(3);
    expect(articles.calls.at(-1)!.now).toBe(now() + 86_400_000);
  });
});
