/** Domain types of the content model, shared by services, stores and views. */
import type { SourceFormat, VariantFormat } from '../media/variant-plan.js';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';
export type BodyFormat = 'markdown' | 'html';

export interface Category {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
  description: string;
  position: number;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
}

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
  /** An http(s) address of the byline's photo (set in the newsroom). */
  photoUrl?: string | null | undefined;
}

/** What a list of articles needs to show one entry. */
export interface ArticleCard {
  id: number;
  slug: string;
  title: string;
  summary: string;
  categoryId: number | null;
  coverImageUrl: string | null;
  /** The cover picture in the media store (preferred over `coverImageUrl`, an outside address). */
  coverImageId: number | null;
  publishedAt: number | null;
  viewCount: number;
}

/** One resized copy of an image, a file in the media store. */
export interface MediaVariant {
  name: string;
  format: VariantFormat;
  width: number;
  height: number;
  bytes: number;
}

/** An image in the media store: the original's facts, what an editor says about it, its variants. */
export interface MediaImage {
  id: number;
  /** SHA-256 of the original bytes: the content address every variant name starts with. */
  sha256: string;
  /** The upload's base name, as a label only (never a path). */
  filename: string;
  format: SourceFormat;
  /** Size after applying the EXIF orientation. */
  width: number;
  height: number;
  bytes: number;
  /** Empty until an editor writes it; the editor flags images without it. */
  alt: string;
  caption: string;
  credit: string;
  variants: MediaVariant[];
  createdAt: number;
}

export interface Article extends ArticleCard {
  importId: string | null;
  bodySource: string;
  bodyFormat: BodyFormat;
  bodyHtml: string;
  bodyText: string;
  sourceUrl: string | null;
  status: ArticleStatus;
  createdAt: number;
  updatedAt: number;
  recommended: boolean;
  recommendedUntil: number | null;
  tags: Tag[];
  authors: Author[];
}

/** What a reader's page shows of an article: all of it but its source and its plain text. */
export type ShownArticle = Omit<Article, 'bodySource' | 'bodyText'>;

/** Site-wide settings an administrator can change. */
export interface SiteSettings {
  name: string;
  tagline: string;
  baseUrl: string;
  timezone: string;
  language: string;
  /** Reaction kinds offered under each article; the first is the main one. */
  reactions: ReactionKind[];
  rankingWindow: '24h' | '7d' | '30d' | 'all' | 'trending';
  trendingHalfLifeHours: number;
  viewDedupeMinutes: number;
  /** What feeds carry for each article: the whole body or only the summary. */
  feedContent: 'full' | 'summary';
  /** How many top-level sections the navigation bar shows (in section order); the rest are under "More". */
  navSections: number;
  /** The logo shown in the header and named as the publisher's logo: an image of the media library (0: the name in type). */
  logoImageId: number;
  /** The site's own "About" and "Contact" pages (an address or a path), linked from the footer; '' for none. */
  aboutUrl: string;
  contactUrl: string;
}

export interface ReactionKind {
  key: string;
  label: string;
}

/** True when a published article is visible at `now` (scheduled ones become visible at their time). */
export function isPublic(article: Pick<Article, 'status' | 'publishedAt'>, now: number): boolean {
  if (article.publishedAt === null || article.publishedAt > now) return false;
  return article.status === 'published' || article.status === 'scheduled';
}
