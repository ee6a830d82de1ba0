import type { FeedDocument } from '../../services/feed-document.js';

/** JSON Feed 1.1 (jsonfeed.org). Empty lists are left out rather than written empty. */
export function writeJsonFeed(doc: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.titleText,
    home_page_url: doc.homeUrl,
    feed_url: doc.selfUrls.json,
    ...(doc.descriptionText ? { description: doc.descriptionText } : {}),
    language: doc.language,
    items: doc.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.titleText,
      ...(e.contentHtml !== undefined ? { content_html: e.contentHtml } : { content_text: e.summaryText }),
      ...(e.summaryText ? { summary: e.summaryText } : {}),
      ...(e.imageUrl ? { image: e.imageUrl } : {}),
      date_published: new Date(e.published).toISOString(),
      date_modified: new Date(e.updated).toISOString(),
      ...(e.authors.length ? { authors: e.authors.map((a) => ({ name: a.name, url: a.url })) } : {}),
      ...(e.categories.length ? { tags: e.categories.map((c) => c.label) } : {}),
    })),
  });
}
