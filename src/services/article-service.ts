import { AppError } from '../errors.js';
import { htmlToText, renderBody } from '../content/safe-html.js';
import { bodyImageShas } from '../content/body-pictures.js';
import { slugCandidates, slugify } from '../content/slug.js';
import { isPublic, type ArticleStatus, type BodyFormat, type ShownArticle } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { Stores } from '../storage/ports.js';

/** An article as an editor or importer hands it in, before rendering and validation. */
export interface ArticleInput {
  importId?: string | null;
  slug?: string | null;
  title: string;
  summary?: string | null;
  body?: string | null;
  bodyFormat?: BodyFormat;
  /** Category path by name or slug, e.g. "World" or "World/Asia"; created when missing. */
  category?: string | null;
  categoryId?: number | null;
  tags?: readonly string[];
  authors?: readonly string[];
  coverImageUrl?: string | null;
  /** A MediaImage id (from MediaService.ingest). */
  coverImageId?: number | null;
  sourceUrl?: string | null;
  status?: ArticleStatus;
  publishedAt?: number | null;
  recommended?: boolean;
  recommendedUntil?: number | null;
}

export interface SaveResult {
  id: number;
  slug: string;
  created: boolean;
}

const MAX_TITLE = 500;

/** Writes articles: validation, slugs, Markdown → safe HTML, taxonomy links. */
export class ArticleService {
  /** `changes` hears of every save once its transaction has committed. */
  constructor(private readonly changes: ChangeChannel, private readonly clock: () => number = Date.now) {}

  /** Creates or updates (same importId, or explicit id) one article inside `stores`' transaction. */
  async save(stores: Stores, input: ArticleInput, id?: number): Promise<SaveResult> {
    const title = input.title?.replace(/\s+/g, ' ').trim() ?? '';
    if (!title) throw new AppError('MH_ERR_VALIDATION', 'title is required');
    if (title.length > MAX_TITLE) throw new AppError('MH_ERR_VALIDATION', `title is longer than ${MAX_TITLE} characters`);

    const existing = id !== undefined
      ? await stores.articles.findById(id).then((a) => (a ? { id: a.id, slug: a.slug } : undefined))
      : input.importId ? await stores.articles.findIdByImportId(input.importId) : undefined;
    if (id !== undefined && !existing) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${id}`);

    const wantedSlug = input.slug ? slugify(input.slug) : existing?.slug ?? slugify(title);
    const slug = existing?.slug === wantedSlug
      ? wantedSlug
      : await uniqueSlugAsync(wantedSlug, (s) => stores.articles.slugExists(s, existing?.id));

    const format: BodyFormat = input.bodyFormat ?? 'markdown';
    const bodySource = input.body ?? '';
    // Markdown that points at the media store is rendered with those images' sizes and variants.
    const shas = format === 'markdown' ? bodyImageShas(bodySource) : [];
    const bodyHtml = renderBody(bodySource, format, shas.length ? await stores.media.bySha(shas) : undefined);
    const summary = (input.summary ?? '').replace(/\s+/g, ' ').trim();
    const bodyText = htmlToText(bodyHtml) || summary;

    const status = input.status ?? 'published';
    let publishedAt = input.publishedAt ?? null;
    if (status === 'published' && publishedAt === null) publishedAt = this.clock();
    if (status === 'scheduled' && publishedAt === null) throw new AppError('MH_ERR_VALIDATION', 'a scheduled article needs a publish time');

    const categoryId = input.categoryId ?? (input.category ? await this.ensureCategoryPath(stores, input.category) : null);
    const tagNames = uniqueNames(input.tags ?? []);
    const tagIds = await stores.taxonomy.ensureTags(tagNames.map((name) => ({ slug: slugify(name), name })).filter((t) => t.slug));
    const authorNames = uniqueNames(input.authors ?? []);
    const authorIds = await stores.taxonomy.ensureAuthors(authorNames.map((name) => ({ slug: slugify(name), name })).filter((a) => a.slug));

    const articleId = await stores.articles.save({
      importId: input.importId ?? null,
      slug,
      title,
      summary: summary || truncateWords(bodyText, 40),
      bodySource,
      bodyFormat: format,
      bodyHtml,
      bodyText,
      categoryId,
      coverImageUrl: safeUrl(input.coverImageUrl),
      coverImageId: input.coverImageId ?? null,
      sourceUrl: safeUrl(input.sourceUrl),
      status,
      publishedAt,
      recommended: input.recommended ?? false,
      recommendedUntil: input.recommendedUntil ?? null,
      tagIds,
      authorIds,
    }, existing?.id);
    const change = { id: articleId, slug, previousSlug: existing && existing.slug !== slug ? existing.slug : undefined, status, publishedAt, categoryId };
    stores.afterCommit(() => this.changes.publish('article.saved', change));
    return { id: articleId, slug, created: !existing };
  }

  /** The id of the category at `path` ("World/Asia"), creating each missing level. */
  private async ensureCategoryPath(stores: Stores, path: string): Promise<number | null> {
    const names = path.split('/').map((p) => p.trim()).filter(Boolean);
    const existing = await stores.taxonomy.categories();
    let parentId: number | null = null;
    for (const name of names) {
      const slug = slugify(name);
      if (!slug) continue;
      const found = existing.find((c) => c.slug === slug);
      parentId = found ? found.id : await stores.taxonomy.saveCategory({ slug, name, parentId, description: '', position: existing.length });
      if (!found) {
        existing.push({ id: parentId, slug, name, parentId: null, description: '', position: 0 });
        stores.afterCommit(() => this.changes.publish('taxonomy.changed', { kinds: ['category'] }));
      }
    }
    return parentId;
  }

  /** The public article at `slug`, or a 404 / 410 error. */
  async publicBySlug(stores: Stores, slug: string): Promise<ShownArticle> {
    const article = await stores.articles.findShownBySlug(slug);
    if (!article) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article at /articles/${slug}`);
    if (!isPublic(article, this.clock())) {
      // A draft that was never public is simply not there; a withdrawn one is gone.
      if (article.status === 'draft' && article.publishedAt !== null) throw new AppError('MH_ERR_ARTICLE_GONE');
      throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article at /articles/${slug}`);
    }
    return article;
  }
}

async function uniqueSlugAsync(base: string, taken: (s: string) => Promise<boolean>): Promise<string> {
  for (const candidate of slugCandidates(base)) {
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error('unreachable: slug candidates are endless');
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = slugify(name);
    if (name && key && !seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

function truncateWords(text: string, words: number): string {
  const parts = text.split(' ');
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
