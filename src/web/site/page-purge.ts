import type { ChangeChannel } from '../../events/change-channel.js';
import type { ArticleChange } from '../../events/change-events.js';
import type { PageCache } from './page-cache.js';

/**
 * Purge keys, the vocabulary pages and the change channel share. A page lists the keys of what
 * it shows; a change purges the keys it affects. The same keys go out as `Surrogate-Key` /
 * `Cache-Tag`, so a CDN can be purged by them too.
 */
export const purgeKeys = {
  /** Any page that shows the article: its own page, lists, listings and feeds it appears in. */
  article: (id: number) => `a:${id}`,
  /** The article's own page only. */
  articlePage: (id: number) => `page:a:${id}`,
  home: 'home',
  /** Listings and feeds of a section: every page of them, as a new article shifts them all. */
  section: (id: number) => `list:c:${id}`,
  tag: (slug: string) => `list:t:${slug}`,
  author: (slug: string) => `list:u:${slug}`,
  siteFeed: 'feed:site',
  /** Every section's feed (a section's feed also lists its subsections' articles). */
  sectionFeeds: 'feed:sections',
  sitemap: 'sitemap',
} as const;

/** Where an article is filed: read back after a change, to purge its tag and author listings. */
export type FiledUnder = (articleId: number) => Promise<{ tags: string[]; authors: string[] } | undefined>;

/**
 * Turns changes into purges. An article change purges the pages that show it, the home page,
 * its section's, tags' and authors' listings and feeds, the site feed and the sitemaps — not
 * every page; its own page is dropped outright, so the next request (an editor checking a
 * correction) renders it fresh, and a withdrawn article is never served again. A change of the
 * section tree or the site settings shows on every page (navigation, site name): all are purged.
 */
export function purgeOnChanges(cache: PageCache, changes: ChangeChannel, filedUnder: FiledUnder, onError: (err: unknown) => void): void {
  const onArticle = (c: ArticleChange) => {
    cache.evict([purgeKeys.articlePage(c.id)]);
    const keys = [purgeKeys.article(c.id), purgeKeys.home, purgeKeys.siteFeed, purgeKeys.sectionFeeds, purgeKeys.sitemap];
    if (c.categoryId !== null) keys.push(purgeKeys.section(c.categoryId));
    cache.purge(keys);
    // Tags and authors are not in the event (it stays small); a new tag's listing does not yet
    // show the article, so it is found through the store.
    filedUnder(c.id).then((filed) => {
      if (filed) cache.purge([...filed.tags.map(purgeKeys.tag), ...filed.authors.map(purgeKeys.author)]);
    }, onError);
  };
  changes.subscribe('article.saved', onArticle);
  changes.subscribe('article.withdrawn', onArticle);
  changes.subscribe('taxonomy.changed', () => cache.purgeAll());
  changes.subscribe('settings.changed', () => cache.purgeAll());
}
