import type { ArticleStatus } from '../content/types.js';
import type { Role, User } from '../storage/ports.js';

export const ROLES: readonly Role[] = ['owner', 'editor', 'author', 'contributor'];

/** What the rules need to know about an article. */
export interface ArticleOwnership {
  createdBy: number | null;
  status: ArticleStatus;
}

/**
 * Who may do what. Owners and editors handle all content; authors write, publish and withdraw
 * their own articles; contributors write drafts of their own and nothing goes live through them.
 * Only owners change settings, see accounts and read the audit log.
 */
export const can = {
  createArticle: (_user: User) => true,
  editArticle(user: User, a: ArticleOwnership): boolean {
    if (user.role === 'owner' || user.role === 'editor') return true;
    if (a.createdBy !== user.id) return false;
    return user.role === 'author' || a.status === 'draft';
  },
  /** Publish, schedule, update live content, unpublish. */
  publishArticle(user: User, a: ArticleOwnership | undefined): boolean {
    if (user.role === 'owner' || user.role === 'editor') return true;
    return user.role === 'author' && (a === undefined || a.createdBy === user.id);
  },
  deleteArticle(user: User, a: ArticleOwnership): boolean {
    if (user.role === 'owner' || user.role === 'editor') return true;
    return user.role === 'author' && a.createdBy === user.id;
  },
  /** Uploads images to the media library: every newsroom role, contributors included (their drafts need pictures too). */
  uploadMedia: (_user: User) => true,
  /** Sees every article in the list (others see only their own). */
  seeAllArticles: (user: User) => user.role === 'owner' || user.role === 'editor',
  manageSite: (user: User) => user.role === 'owner',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
