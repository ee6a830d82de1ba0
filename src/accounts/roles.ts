import type { ArticleStatus } from '../content/types.js';
import type { ReviewState, Role, User } from '../storage/ports.js';

export const ROLES: readonly Role[] = ['owner', 'editor', 'author', 'contributor'];

/** What the rules need to know about an article. */
export interface ArticleOwnership {
  createdBy: number | null;
  status: ArticleStatus;
  reviewState?: ReviewState | null | undefined;
}

const isEditor = (user: User) => user.role === 'owner' || user.role === 'editor';

/**
 * Who may do what. Owners and editors handle all content: they publish, schedule, unpublish and
 * review. Authors and contributors write drafts of their own and submit them for review; nothing
 * goes live through them. Authors may also move their own drafts to the bin. Only owners change
 * settings, see accounts and read the audit log.
 */
export const can = {
  createArticle: (_user: User) => true,
  editArticle(user: User, a: ArticleOwnership): boolean {
    if (isEditor(user)) return true;
    return a.createdBy === user.id && a.status === 'draft';
  },
  /** Publish, schedule, update live content, unpublish. */
  publishArticle: (user: User, _a?: ArticleOwnership) => isEditor(user),
  /** Submit one's own draft for review (an editor publishes it or sends it back). */
  submitArticle(user: User, a: ArticleOwnership | undefined): boolean {
    if (isEditor(user)) return false; // they publish directly
    return a === undefined || (a.createdBy === user.id && a.status === 'draft' && a.reviewState !== 'submitted');
  },
  /** Send a submitted article back to its writer with a note. */
  reviewArticle: (user: User) => isEditor(user),
  deleteArticle(user: User, a: ArticleOwnership): boolean {
    if (isEditor(user)) return true;
    return user.role === 'author' && a.createdBy === user.id && a.status === 'draft';
  },
  /** Uploads images to the media library: every newsroom role, contributors included (their drafts need pictures too). */
  uploadMedia: (_user: User) => true,
  /** Sees every article in the list (others see only their own). */
  seeAllArticles: (user: User) => isEditor(user),
  /** Sections, tags, bylines and the front page. */
  manageContent: (user: User) => isEditor(user),
  manageSite: (user: User) => user.role === 'owner',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
