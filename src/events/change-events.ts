import type { ArticleStatus } from '../content/types.js';

/** What an article change tells its listeners: enough to purge and re-index, never the body. */
export interface ArticleChange {
  id: number;
  slug: string;
  /** The slug it answered at before this change, when the change renamed it. */
  previousSlug?: string | undefined;
  status: ArticleStatus;
  publishedAt: number | null;
  categoryId: number | null;
}

/** One hour's worth of views of one article, as the counters wrote them. */
export interface ViewIncrement {
  articleId: number;
  hour: number;
  views: number;
}

/**
 * Everything in Masthead that says "something changed", by name. Every payload is plain JSON:
 * the same event crosses processes through Redis when a site runs several.
 */
export interface ChangeEvents {
  /** An article was created or changed, whatever its status (a scheduled one also when its time came). */
  'article.saved': ArticleChange;
  /** An article stopped being public: unpublished, withdrawn or deleted. */
  'article.withdrawn': ArticleChange;
  /** Sections, tags or authors were added, renamed, moved or removed. */
  'taxonomy.changed': { kinds: ('category' | 'tag' | 'author')[] };
  /** Site settings changed (the keys that were written). */
  'settings.changed': { keys: string[] };
  /** The counters wrote these view increments to the database. */
  'views.flushed': { increments: ViewIncrement[] };
  /** One view counted by this process (reading histories); never leaves the process. */
  'view.counted': { articleId: number; reader: string; at: number };
  /**
   * Reads one process learned from its counted views, in a batch of a few milliseconds, so
   * every process of the site keeps the same reading histories and co-visitation (the process
   * that counted them writes them; `origin` lets it skip its own).
   */
  'reads.learned': { origin: string; reads: { reader: string; articleId: number; at: number }[] };
}

export type ChangeName = keyof ChangeEvents;

/** Events that stay in the process that raised them: too frequent to broadcast, and only that process keeps their state. */
export const LOCAL_ONLY: ReadonlySet<ChangeName> = new Set<ChangeName>(['view.counted']);
