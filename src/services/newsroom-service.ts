import type * as Diff from 'diff';
import { lazyRequire } from '../lazy-require.js';
import { AppError } from '../errors.js';
import { can, type ArticleOwnership } from '../accounts/roles.js';
import { slugify } from '../content/slug.js';
import { bodyImageShas } from '../content/body-pictures.js';
import { renderBody } from '../content/safe-html.js';
import { epochToZoned, zonedToEpoch } from '../content/zoned-time.js';
import { isPublic, type Article, type ArticleStatus, type MediaImage } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { AdminArticleRow, AdminListQuery, AdminStatusFilter, AuditEntry, Page, ReviewMark, ReviewState, Revision, Storage, Stores, User } from '../storage/ports.js';
import type { ArticleService, ArticleInput } from './article-service.js';
import type { SiteService } from './site-service.js';

const diffLib = lazyRequire<typeof Diff>('diff');

/** An article body may be this large (the form itself may be a little larger: its other fields). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const ADMIN_PAGE_SIZE = 50;
/** The list counts its matches up to this many; beyond, it says "more than" and pages on. */
export const ADMIN_COUNT_CAP = 10_000;

/** The editor's fields as the form sends them (text throughout; times in the site's zone). */
export interface EditorFields {
  title: string;
  slug: string;
  summary: string;
  body: string;
  /** Section id, or '' for none. */
  section: string;
  /** Comma-separated. */
  tags: string;
  /** Comma-separated bylines. */
  authors: string;
  coverImageUrl: string;
  /** The cover picture in the media store: its id, or '' for none (then `coverImageUrl`, if any). */
  coverImageId: string;
  /** What the editor says about the cover picture (kept on the image, used wherever it appears). */
  coverAlt: string;
  coverCaption: string;
  recommended: boolean;
  /** "YYYY-MM-DDTHH:MM" in the site's zone, or ''. */
  recommendedUntil: string;
  /** The schedule time, "YYYY-MM-DDTHH:MM" in the site's zone, or ''. */
  publishAt: string;
  /** The editor's note when sending an article back (action `return`). */
  reviewNote: string;
}

/** The editor's buttons: `submit` sends a draft for review, `return` sends it back to its writer. */
export type EditorAction = 'draft' | 'update' | 'publish' | 'schedule' | 'unpublish' | 'submit' | 'return';
export const EDITOR_ACTIONS: readonly EditorAction[] = ['draft', 'update', 'publish', 'schedule', 'unpublish', 'submit', 'return'];
/** Actions that put content on the site or take it off (owners and editors only). */
const LIVE_ACTIONS: readonly EditorAction[] = ['update', 'publish', 'schedule', 'unpublish'];
export const MAX_REVIEW_NOTE = 2000;

export interface EditorState {
  article: Article | undefined;
  fields: EditorFields;
  /** An autosave newer than the article, shown in the form instead of the stored text. */
  autosavedAt?: number | undefined;
  may: { publish: boolean; delete: boolean; submit: boolean; review: boolean };
  /** Where the article is in review, and the note it was sent back with. */
  review: ReviewMark;
}

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

/** The list's filters as the query string gives them. */
export interface ListFilterInput {
  status?: string | undefined;
  section?: string | undefined;
  author?: string | undefined;
  q?: string | undefined;
  /** Days, "YYYY-MM-DD", in the site's time zone; both ends included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Which date `from`/`to` apply to: the last change (default) or the publication. */
  date?: string | undefined;
  page: number;
}

/** A day in `tz` → the instant it starts. */
function dayStart(day: string, tz: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? zonedToEpoch(`${day}T00:00`, tz) : undefined;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** From/to days in the site's zone → [from, to) instants; the `to` day is included whole. */
export function dayRange(from: string | undefined, to: string | undefined, tz: string): { from?: number; to?: number } {
  const errors: Record<string, string> = {};
  const out: { from?: number; to?: number } = {};
  if (from?.trim()) {
    const at = dayStart(from.trim(), tz);
    if (at === undefined) errors.from = `“From” is not a day; use YYYY-MM-DD`;
    else out.from = at;
  }
  if (to?.trim()) {
    const day = to.trim();
    const at = dayStart(day, tz) === undefined ? undefined : dayStart(nextDay(day), tz);
    if (at === undefined) errors.to = `“To” is not a day; use YYYY-MM-DD`;
    else out.to = at;
  }
  if (!Object.keys(errors).length && out.from !== undefined && out.to !== undefined && out.from >= out.to) errors.to = '“To” is before “From”';
  if (Object.keys(errors).length) throw new AppError('MH_ERR_VALIDATION', Object.values(errors).join('; '), { fields: errors });
  return out;
}

/** The section form. */
export interface SectionFields {
  name: string;
  slug: string;
  /** Parent section id, or '' for a top-level section. */
  parent: string;
  position: string;
  description: string;
}

/** True when `candidate` is `ancestor` or lies under it. */
function isWithin(all: readonly { id: number; parentId: number | null }[], candidate: number, ancestor: number): boolean {
  const byId = new Map(all.map((c) => [c.id, c]));
  for (let at: number | null = candidate, hops = 0; at !== null && hops <= all.length; hops++) {
    if (at === ancestor) return true;
    at = byId.get(at)?.parentId ?? null;
  }
  return false;
}

export const emptyFields = (): EditorFields => ({
  title: '', slug: '', summary: '', body: '', section: '', tags: '', authors: '', coverImageUrl: '',
  coverImageId: '', coverAlt: '', coverCaption: '', recommended: false, recommendedUntil: '', publishAt: '', reviewNote: '',
});

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * The newsroom's writes: every save goes through ArticleService (validation, Markdown → safe
 * HTML, `article.saved` after commit) and is kept as a revision; roles are checked here, on the
 * server, whatever the form showed.
 */
export class NewsroomService {
  constructor(
    private readonly storage: Storage,
    private readonly articles: ArticleService,
    private readonly site: SiteService,
    private readonly changes: ChangeChannel,
    private readonly clock: () => number = Date.now,
  ) {}

  private async timezone(): Promise<string> {
    return (await this.site.settings()).timezone;
  }

  /** The article and its rules, or 404; 403 when the account may not edit it. */
  private async editable(stores: Stores, user: User, id: number): Promise<ArticleOwnership & { deletedAt: number | null; slug: string; reviewState: ReviewState | null; reviewNote: string }> {
    const own = await stores.newsroom.ownership(id);
    if (!own) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${id}`);
    if (!can.editArticle(user, own)) throw new AppError('MH_ERR_FORBIDDEN', 'Your role does not allow editing this article.');
    return own;
  }

  async editorState(user: User, id: number): Promise<EditorState> {
    const own = await this.editable(this.storage, user, id);
    if (own.deletedAt) throw new AppError('MH_ERR_CONFLICT', 'The article is in the bin; restore it first.');
    const article = (await this.storage.articles.findById(id))!;
    const tz = await this.timezone();
    const fields = fieldsOf(article, tz, article.coverImageId === null ? undefined : await this.storage.media.findById(article.coverImageId));
    const may = mayOf(user, own);
    const review = { state: own.reviewState, note: own.reviewNote };
    const [latest] = await this.storage.newsroom.revisions(id, 1);
    // Text autosaved after the last real save (a closed tab, a crash) comes back into the form.
    if (latest && latest.kind === 'autosave' && latest.userId === user.id && latest.savedAt > article.updatedAt) {
      return { article, fields: await this.withCoverText({ ...fields, ...revisionFields(latest) }, fields), autosavedAt: latest.savedAt, may, review };
    }
    return { article, fields, may, review };
  }

  /** Fields whose cover came from a revision carry that image's alt text and caption (the image keeps them, not the revision). */
  private async withCoverText(fields: EditorFields, current: EditorFields): Promise<EditorFields> {
    if (fields.coverImageId === current.coverImageId) return { ...fields, coverAlt: current.coverAlt, coverCaption: current.coverCaption };
    const image = /^\d{1,12}$/.test(fields.coverImageId) ? await this.storage.media.findById(Number(fields.coverImageId)) : undefined;
    return { ...fields, coverAlt: image?.alt ?? '', coverCaption: image?.caption ?? '' };
  }

  /** The live preview: the same rendering as a save, pictures from the media store included. */
  async preview(body: string): Promise<string> {
    checkBodySize(body);
    const shas = bodyImageShas(body);
    return renderBody(body, 'markdown', shas.length ? await this.storage.media.bySha(shas) : undefined);
  }

  /** The images an editor may pick as a cover or insert: the newest in the media library. */
  async recentImages(_user: User, limit = 12): Promise<MediaImage[]> {
    return this.storage.media.recent(limit);
  }

  /** Saves the form with one of the editor's buttons; returns where the article now lives. */
  async save(user: User, id: number | undefined, fields: EditorFields, action: EditorAction): Promise<{ id: number; slug: string; status: ArticleStatus }> {
    checkBodySize(fields.body);
    const now = this.clock();
    const tz = await this.timezone();
    return this.storage.transaction(async (stores) => {
      const own = id === undefined ? undefined : await this.editable(stores, user, id);
      if (own?.deletedAt) throw new AppError('MH_ERR_CONFLICT', 'The article is in the bin; restore it first.');
      const current = id === undefined ? undefined : await stores.articles.findById(id);
      const goesLive = LIVE_ACTIONS.includes(action) || (current !== undefined && current.status !== 'draft');
      if (goesLive && !can.publishArticle(user, own)) {
        throw new AppError('MH_ERR_FORBIDDEN', 'Your role does not allow publishing, scheduling or unpublishing; submit the article for review instead.');
      }
      if (action === 'submit' && !can.submitArticle(user, own)) {
        throw new AppError('MH_ERR_FORBIDDEN', own?.reviewState === 'submitted' ? 'The article is already waiting for review.' : 'Only the writer of a draft submits it for review; editors publish directly.');
      }
      if (action === 'return' && !can.reviewArticle(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors send articles back.');
      if (action === 'return' && own?.reviewState !== 'submitted') throw new AppError('MH_ERR_CONFLICT', 'The article is not waiting for review.');
      const errors: Record<string, string> = {};
      const note = fields.reviewNote.trim();
      if (action === 'return' && !note) errors.reviewNote = 'Tell the writer what to change';
      else if (note.length > MAX_REVIEW_NOTE) errors.reviewNote = `A note has at most ${MAX_REVIEW_NOTE} characters`;
      let status: ArticleStatus = current?.status ?? 'draft';
      let publishedAt = current?.publishedAt ?? null;
      if (action === 'draft' || action === 'submit' || action === 'return') status = current && current.status !== 'draft' ? current.status : 'draft';
      if (action === 'publish') {
        status = 'published';
        // A first publication (or one that was waiting for its time) goes out now.
        if (current?.status !== 'published' || publishedAt === null || publishedAt > now) publishedAt = now;
      }
      if (action === 'schedule') {
        const at = fields.publishAt ? zonedToEpoch(fields.publishAt, tz) : undefined;
        if (at === undefined) errors.publishAt = `Pick the date and time to publish (in ${tz})`;
        else if (at <= now) errors.publishAt = `That time is in the past; pick a time after ${epochToZoned(now, tz).replace('T', ' ')} (${tz})`;
        else {
          status = 'scheduled';
          publishedAt = at;
        }
      }
      if (action === 'unpublish') status = 'draft';
      const input = await this.toInput(stores, fields, tz, errors, id);
      const failed = Object.entries(errors);
      if (failed.length) throw new AppError('MH_ERR_VALIDATION', failed.map(([, m]) => m).join('; '), { fields: errors });

      const wasPublic = current !== undefined && isPublic(current, now);
      const saved = await this.articles.save(stores, { ...input, status, publishedAt }, id);
      if (saved.created) await stores.newsroom.setCreatedBy(saved.id, user.id);
      await stores.newsroom.moveSlug(saved.id, current?.slug ?? saved.slug, saved.slug);
      await stores.newsroom.addRevision({
        articleId: saved.id, savedAt: now, userId: user.id, kind: action, status, slug: saved.slug,
        title: input.title, summary: input.summary ?? '', bodySource: input.body ?? '', fields: extraFields(fields),
      });
      // Review: a submission waits for an editor; a return carries the note; going live ends it.
      const review = reviewAfter(action, own?.reviewState ?? null, note);
      if (review) await stores.newsroom.setReview(saved.id, review, now);
      if (action === 'publish' || action === 'schedule' || action === 'unpublish' || action === 'submit' || action === 'return') {
        const detail = action === 'schedule' ? new Date(publishedAt!).toISOString() : action === 'return' ? note : '';
        await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: `article.${action}`, subject: `${saved.id} ${saved.slug}`, detail });
      }
      if (wasPublic && status === 'draft') {
        const change = { id: saved.id, slug: saved.slug, status, publishedAt, categoryId: input.categoryId ?? null };
        stores.afterCommit(() => this.changes.publish('article.withdrawn', change));
      }
      return { id: saved.id, slug: saved.slug, status };
    });
  }

  /**
   * Keeps what is being typed. A new article becomes a draft at its first autosave; after that
   * an autosave is a revision only (the article and the public site are untouched until a save).
   */
  async autosave(user: User, id: number | undefined, fields: EditorFields): Promise<{ id: number; savedAt: number }> {
    checkBodySize(fields.body);
    const now = this.clock();
    if (id === undefined) {
      const title = fields.title.trim() || 'Untitled draft';
      const created = await this.save(user, undefined, { ...fields, title, slug: '', publishAt: '' }, 'draft');
      return { id: created.id, savedAt: now };
    }
    const own = await this.editable(this.storage, user, id);
    if (own.deletedAt) throw new AppError('MH_ERR_CONFLICT', 'The article is in the bin; restore it first.');
    await this.storage.newsroom.putAutosave({
      articleId: id, savedAt: now, userId: user.id, status: own.status, slug: fields.slug || own.slug,
      title: fields.title, summary: fields.summary, bodySource: fields.body, fields: extraFields(fields),
    });
    return { id, savedAt: now };
  }

  private async toInput(stores: Stores, f: EditorFields, tz: string, errors: Record<string, string>, id: number | undefined): Promise<ArticleInput & { title: string }> {
    const title = f.title.replace(/\s+/g, ' ').trim();
    if (!title) errors.title = 'Give the article a title';
    else if (title.length > 500) errors.title = 'A title has at most 500 characters';
    const slug = f.slug.trim() ? slugify(f.slug) : '';
    if (f.slug.trim() && !slug) errors.slug = 'A slug needs letters or digits';
    if (slug && (await stores.articles.slugExists(slug, id))) {
      const other = await stores.articles.findBySlug(slug);
      errors.slug = `The slug "${slug}" is taken by “${other?.title ?? 'another article'}”; pick another`;
    }
    let categoryId: number | null = null;
    if (f.section) {
      const tree = await stores.taxonomy.categories();
      const found = tree.find((c) => String(c.id) === f.section);
      if (!found) errors.section = 'No such section';
      else categoryId = found.id;
    }
    const cover = f.coverImageUrl.trim();
    if (cover && !/^https?:\/\/[^\s]+$/i.test(cover)) errors.coverImageUrl = 'Give a full http:// or https:// address of the image';
    let coverImageId: number | null = null;
    if (f.coverImageId.trim()) {
      const image = /^\d{1,12}$/.test(f.coverImageId.trim()) ? await stores.media.findById(Number(f.coverImageId.trim())) : undefined;
      if (!image) errors.coverImageId = 'That image is not in the media library (upload it again)';
      else {
        coverImageId = image.id;
        // Alt text and caption belong to the image: the same words wherever it appears.
        const alt = f.coverAlt.replace(/\s+/g, ' ').trim();
        const caption = f.coverCaption.replace(/\s+/g, ' ').trim();
        if (alt.length > 500) errors.coverAlt = 'Alt text has at most 500 characters';
        else if (caption.length > 2000) errors.coverCaption = 'A caption has at most 2,000 characters';
        else if (alt !== image.alt || caption !== image.caption) await stores.media.describe(image.id, { alt, caption, credit: image.credit });
      }
    }
    let recommendedUntil: number | null = null;
    if (f.recommended && f.recommendedUntil) {
      const until = zonedToEpoch(f.recommendedUntil, tz);
      if (until === undefined) errors.recommendedUntil = 'Not a date and time';
      else recommendedUntil = until;
    }
    return {
      title, slug: slug || null, summary: f.summary, body: f.body, bodyFormat: 'markdown', categoryId,
      tags: splitList(f.tags), authors: splitList(f.authors), coverImageUrl: cover || null, coverImageId,
      recommended: f.recommended, recommendedUntil,
    };
  }

  /** To the bin: off the site at once, restorable. */
  async remove(user: User, id: number): Promise<void> {
    const now = this.clock();
    await this.storage.transaction(async (stores) => {
      const own = await stores.newsroom.ownership(id);
      if (!own) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${id}`);
      if (!can.deleteArticle(user, own)) throw new AppError('MH_ERR_FORBIDDEN', 'Your role does not allow deleting this article.');
      const article = (await stores.articles.findById(id))!;
      await stores.newsroom.setDeleted(id, now, now);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: 'article.delete', subject: `${id} ${own.slug}`, detail: '' });
      const change = { id, slug: article.slug, status: 'draft' as const, publishedAt: article.publishedAt, categoryId: article.categoryId };
      stores.afterCommit(() => this.changes.publish('article.withdrawn', change));
    });
  }

  /** Out of the bin, as a draft. */
  async restore(user: User, id: number): Promise<void> {
    const now = this.clock();
    await this.storage.transaction(async (stores) => {
      const own = await stores.newsroom.ownership(id);
      if (!own) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${id}`);
      if (!can.deleteArticle(user, own)) throw new AppError('MH_ERR_FORBIDDEN', 'Your role does not allow restoring this article.');
      await stores.newsroom.setDeleted(id, null, now);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: 'article.restore', subject: `${id} ${own.slug}`, detail: '' });
      const article = (await stores.articles.findById(id))!;
      const change = { id, slug: article.slug, status: article.status, publishedAt: article.publishedAt, categoryId: article.categoryId };
      stores.afterCommit(() => this.changes.publish('article.saved', change));
    });
  }

  async revisions(user: User, id: number): Promise<Revision[]> {
    await this.editable(this.storage, user, id);
    return this.storage.newsroom.revisions(id, 200);
  }

  /** What changed from revision `a` to revision `b`, line by line (title, summary and body). */
  async diff(user: User, id: number, a: number, b: number): Promise<{ from: Revision; to: Revision; parts: DiffPart[] }> {
    await this.editable(this.storage, user, id);
    const [from, to] = await Promise.all([this.storage.newsroom.revision(id, a), this.storage.newsroom.revision(id, b)]);
    if (!from || !to) throw new AppError('MH_ERR_NOT_FOUND', 'No such revision of this article');
    const text = (r: Revision) => `# ${r.title}\n\n${r.summary}\n\n${r.bodySource}\n`;
    const parts = diffLib().diffLines(text(from), text(to)).map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true }));
    return { from, to, parts };
  }

  /** Puts a revision's text back into the editor's form (saved with the next button press). */
  async revisionFields(user: User, id: number, revisionId: number): Promise<EditorState> {
    const state = await this.editorState(user, id);
    const rev = await this.storage.newsroom.revision(id, revisionId);
    if (!rev) throw new AppError('MH_ERR_NOT_FOUND', 'No such revision of this article');
    return { ...state, autosavedAt: undefined, fields: await this.withCoverText({ ...state.fields, ...revisionFields(rev) }, state.fields) };
  }

  /** What a new article's form offers this account. */
  newArticleState(user: User): EditorState {
    return { article: undefined, fields: { ...emptyFields(), authors: user.name }, may: { ...mayOf(user, undefined), delete: false }, review: { state: null, note: '' } };
  }

  /**
   * One page of the list. `status` is a status, `bin` or `review` (waiting for an editor);
   * `from`/`to` are days ("YYYY-MM-DD", both included) in the site's time zone, of the last change
   * or (`date=published`) of publication. A malformed day is MH_ERR_VALIDATION per field.
   */
  async list(user: User, q: ListFilterInput): Promise<Page<AdminArticleRow> & { pages: number; exact: boolean }> {
    const statuses: AdminStatusFilter[] = ['draft', 'scheduled', 'published', 'bin'];
    const range = dayRange(q.from, q.to, await this.timezone());
    const byline = q.author?.trim() ? await this.storage.taxonomy.authorBySlug(slugify(q.author)) : undefined;
    if (q.author?.trim() && !byline) return { items: [], total: 0, pages: 1, exact: true };
    const query: AdminListQuery = {
      status: statuses.find((s) => s === q.status),
      inReview: q.status === 'review',
      ...range,
      dateField: q.date === 'published' ? 'published' : 'updated',
      categoryId: q.section && /^\d+$/.test(q.section) ? Number(q.section) : undefined,
      authorId: byline?.id,
      createdBy: can.seeAllArticles(user) ? undefined : user.id,
      search: q.q?.slice(0, 200),
      limit: ADMIN_PAGE_SIZE,
      offset: (q.page - 1) * ADMIN_PAGE_SIZE,
      countCap: ADMIN_COUNT_CAP,
    };
    const page = await this.storage.newsroom.list(query);
    const exact = page.total <= ADMIN_COUNT_CAP;
    // Past the cap the last page is unknown: there is a next page while this one is full.
    const pages = exact ? Math.max(1, Math.ceil(page.total / ADMIN_PAGE_SIZE)) : q.page + (page.items.length === ADMIN_PAGE_SIZE ? 1 : 0);
    return { ...page, pages, exact };
  }

  /** Adds (no id) or changes a section; its order drives the site's navigation. */
  async saveSection(user: User, id: number | undefined, form: SectionFields): Promise<number> {
    if (!can.seeAllArticles(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors manage sections.');
    const now = this.clock();
    return this.storage.transaction(async (stores) => {
      const all = await stores.taxonomy.categories();
      const errors: Record<string, string> = {};
      const name = form.name.replace(/\s+/g, ' ').trim();
      if (!name) errors.name = 'Give the section a name';
      else if (name.length > 120) errors.name = 'At most 120 characters';
      const slug = slugify(form.slug.trim() || name);
      if (!slug) errors.slug = 'A slug needs letters or digits';
      else if (all.some((c) => c.slug === slug && c.id !== id)) errors.slug = `The slug "${slug}" is taken by another section`;
      let parentId: number | null = null;
      if (form.parent) {
        const parent = all.find((c) => String(c.id) === form.parent);
        if (!parent) errors.parent = 'No such section';
        else if (id !== undefined && isWithin(all, parent.id, id)) errors.parent = 'A section cannot sit inside itself';
        else parentId = parent.id;
      }
      const position = form.position.trim() === '' ? all.length : Number(form.position);
      if (!Number.isInteger(position) || position < 0 || position > 100_000) errors.position = 'A whole number from 0';
      if (id !== undefined && !all.some((c) => c.id === id)) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section with id ${id}`);
      if (Object.keys(errors).length) throw new AppError('MH_ERR_VALIDATION', Object.values(errors).join('; '), { fields: errors });
      const section = { slug, name, parentId, description: form.description.trim(), position };
      let savedId = id;
      if (id === undefined) savedId = await stores.taxonomy.saveCategory(section);
      else await stores.newsroom.updateSection(id, section);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: id === undefined ? 'section.add' : 'section.change', subject: slug, detail: '' });
      stores.afterCommit(() => this.changes.publish('taxonomy.changed', { kinds: ['category'] }));
      return savedId!;
    });
  }

  /** How many articles wait for an editor. */
  reviewCount(): Promise<number> {
    return this.storage.newsroom.reviewCount();
  }

  popularTags(): Promise<string[]> {
    return this.storage.newsroom.popularTags(200);
  }

  async updateSettings(user: User, values: Record<string, unknown>): Promise<void> {
    if (!can.manageSite(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only the owner changes site settings.');
    await this.site.updateSettings(values);
    await this.storage.newsroom.audit({ at: this.clock(), userId: user.id, actor: user.email, action: 'settings.change', subject: Object.keys(values).join(', '), detail: '' });
  }

  async auditLog(user: User, page: number): Promise<Page<AuditEntry> & { pages: number }> {
    if (!can.manageSite(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only the owner reads the audit log.');
    const result = await this.storage.newsroom.auditLog(ADMIN_PAGE_SIZE, (page - 1) * ADMIN_PAGE_SIZE);
    return { ...result, pages: Math.max(1, Math.ceil(result.total / ADMIN_PAGE_SIZE)) };
  }
}

function mayOf(user: User, own: ArticleOwnership | undefined): EditorState['may'] {
  return {
    publish: can.publishArticle(user, own), delete: own !== undefined && can.deleteArticle(user, own),
    submit: can.submitArticle(user, own), review: can.reviewArticle(user) && own?.reviewState === 'submitted',
  };
}

/** Where a save leaves the article in review (undefined: unchanged). */
function reviewAfter(action: EditorAction, state: ReviewState | null, note: string): ReviewMark | undefined {
  if (action === 'submit') return { state: 'submitted', note: '' };
  if (action === 'return') return { state: 'returned', note };
  if ((action === 'publish' || action === 'schedule') && state !== null) return { state: null, note: '' };
  return undefined;
}

function checkBodySize(body: string): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new AppError('MH_ERR_PAYLOAD_TOO_LARGE', `The body is ${(bytes / 1024 / 1024).toFixed(1)} MB; an article body can be at most 5 MB. Split it, or link large material instead of pasting it.`);
  }
}

function fieldsOf(a: Article, tz: string, cover: MediaImage | undefined): EditorFields {
  return {
    coverImageId: a.coverImageId === null ? '' : String(a.coverImageId), coverAlt: cover?.alt ?? '', coverCaption: cover?.caption ?? '',
    title: a.title, slug: a.slug, summary: a.summary, body: a.bodySource, section: a.categoryId === null ? '' : String(a.categoryId),
    tags: a.tags.map((t) => t.name).join(', '), authors: a.authors.map((x) => x.name).join(', '), coverImageUrl: a.coverImageUrl ?? '',
    recommended: a.recommended, recommendedUntil: a.recommendedUntil ? epochToZoned(a.recommendedUntil, tz) : '',
    publishAt: a.status === 'scheduled' && a.publishedAt ? epochToZoned(a.publishedAt, tz) : '',
    reviewNote: '',
  };
}

/** The fields a revision keeps besides title, summary and body. */
function extraFields(f: EditorFields): Record<string, unknown> {
  return { section: f.section, tags: f.tags, authors: f.authors, coverImageUrl: f.coverImageUrl, coverImageId: f.coverImageId, recommended: f.recommended, recommendedUntil: f.recommendedUntil };
}

function revisionFields(r: Revision): Partial<EditorFields> {
  const str = (k: string) => (typeof r.fields[k] === 'string' ? (r.fields[k] as string) : undefined);
  const out: Partial<EditorFields> = { title: r.title, slug: r.slug, summary: r.summary, body: r.bodySource };
  for (const k of ['section', 'tags', 'authors', 'coverImageUrl', 'coverImageId', 'recommendedUntil'] as const) {
    const v = str(k);
    if (v !== undefined) out[k] = v;
  }
  if (typeof r.fields.recommended === 'boolean') out.recommended = r.fields.recommended;
  return out;
}
