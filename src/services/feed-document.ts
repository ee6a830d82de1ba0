/**
 * One feed, before it is written as RSS, Atom or JSON Feed. Every field says what it holds:
 * `…Text` is plain text (each writer escapes it for its format), `contentHtml` is sanitized
 * HTML with absolute URLs. Times are epoch milliseconds.
 */
export interface FeedDocument {
  /** A URN that stays the same whatever address the site is served at. */
  id: string;
  titleText: string;
  descriptionText: string;
  /** The page the feed belongs to (home, section, tag or author page). */
  homeUrl: string;
  selfUrls: { rss: string; atom: string; json: string };
  language: string;
  /** The newest change of any entry (Atom's and RSS's own updated date). */
  updated: number;
  /**
   * For HTTP Last-Modified: the newest change to any article, so an article leaving the feed
   * (withdrawn, moved) also counts as a change, which the entries' own dates would not show.
   */
  lastModified: number;
  publisherName: string;
  rightsText: string;
  entries: FeedEntry[];
}

export interface FeedEntry {
  /** A URN derived from the site's own id and the article id: never changes for an article. */
  id: string;
  url: string;
  titleText: string;
  summaryText: string;
  /** The body as sanitized HTML; absent when the site's feeds carry summaries only. */
  contentHtml?: string | undefined;
  published: number;
  updated: number;
  /** Omitted from each format when empty (no empty author lists). */
  authors: { name: string; url: string }[];
  /** The section first, then tags: `term` is the slug, `label` the name, `scheme` where they live. */
  categories: { term: string; label: string; scheme: string }[];
  /** The cover picture as an absolute URL (the media store's share copy, else the article's outside address). */
  imageUrl?: string | undefined;
  /** Known for a media-store cover: its type, size in bytes and pixels (RSS enclosures need the length). */
  image?: { type: string; bytes: number; width: number; height: number } | undefined;
}

export type FeedFormat = 'rss' | 'atom' | 'json';
