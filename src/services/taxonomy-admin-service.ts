import { AppError } from '../errors.js';
import { can } from '../accounts/roles.js';
import { slugify } from '../content/slug.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { Page, Storage, TaxonomyEntry, TaxonomyKind, User } from '../storage/ports.js';

export const TAXONOMY_PAGE_SIZE = 50;
const MAX_NAME = 120;
const MAX_BIO = 2000;
const MAX_URL = 2000;

/** The tag or author form as posted. */
export interface TaxonomyFields {
  name: string;
  slug: string;
  bio: string;
  photoUrl: string;
}

const NOUN: Record<TaxonomyKind, string> = { tag: 'tag', author: 'author' };
const NOT_FOUND = { tag: 'MH_ERR_TAG_NOT_FOUND', author: 'MH_ERR_AUTHOR_NOT_FOUND' } as const;

/** An http(s) address, or undefined. */
function httpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tags and bylines as the newsroom manages them (owners and editors): list, create, rename,
 * merge and delete. Every change is audit-logged and announced as `taxonomy.changed` after
 * commit, which purges the public pages that show them.
 */
export class TaxonomyAdminService {
  constructor(
    private readonly storage: Storage,
    private readonly changes: ChangeChannel,
    private readonly clock: () => number = Date.now,
  ) {}

  private check(user: User): void {
    if (!can.manageContent(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors manage tags and authors.');
  }

  async list(user: User, kind: TaxonomyKind, q: { search?: string | undefined; page: number }): Promise<Page<TaxonomyEntry> & { pages: number }> {
    this.check(user);
    const page = await this.storage.taxonomy.taxonomyList(kind, { search: q.search?.slice(0, 200), limit: TAXONOMY_PAGE_SIZE, offset: (q.page - 1) * TAXONOMY_PAGE_SIZE });
    return { ...page, pages: Math.max(1, Math.ceil(page.total / TAXONOMY_PAGE_SIZE)) };
  }

  async entry(user: User, kind: TaxonomyKind, id: number): Promise<TaxonomyEntry> {
    this.check(user);
    const found = await this.storage.taxonomy.taxonomyEntry(kind, id);
    if (!found) throw new AppError(NOT_FOUND[kind], `No ${NOUN[kind]} with id ${id}`);
    return found;
  }

  /**
   * Names that start with (or contain) what is being typed, most used first: the editor's
   * typeahead. Any signed-in account may ask (writers tag their own drafts).
   */
  async suggest(kind: TaxonomyKind, typed: string, limit = 10): Promise<{ name: string; slug: string; articles: number }[]> {
    const search = typed.trim();
    if (!search) return [];
    const page = await this.storage.taxonomy.taxonomyList(kind, { search: search.slice(0, 100), limit, offset: 0 });
    return page.items.map((e) => ({ name: e.name, slug: e.slug, articles: e.articles }));
  }

  /** Creates (no id) or changes a tag or an author; one message per field, nothing written on error. */
  async save(user: User, kind: TaxonomyKind, id: number | undefined, form: TaxonomyFields): Promise<number> {
    this.check(user);
    const now = this.clock();
    return this.storage.transaction(async (stores) => {
      if (id !== undefined && !(await stores.taxonomy.taxonomyEntry(kind, id))) throw new AppError(NOT_FOUND[kind], `No ${NOUN[kind]} with id ${id}`);
      const errors: Record<string, string> = {};
      const name = form.name.replace(/\s+/g, ' ').trim();
      if (!name) errors.name = `Give the ${NOUN[kind]} a name`;
      else if (name.length > MAX_NAME) errors.name = `At most ${MAX_NAME} characters`;
      const slug = slugify(form.slug.trim() || name);
      if (!slug) errors.slug = 'A slug needs letters or digits';
      else {
        const holder = await stores.taxonomy.taxonomyBySlug(kind, slug);
        if (holder && holder.id !== id) errors.slug = `The slug "${slug}" is taken by “${holder.name}”; merge the two instead, or pick another`;
      }
      let photoUrl: string | null = null;
      let bio = '';
      if (kind === 'author') {
        bio = form.bio.trim();
        if (bio.length > MAX_BIO) errors.bio = `At most ${MAX_BIO} characters`;
        const raw = form.photoUrl.trim();
        if (raw) {
          const url = raw.length <= MAX_URL ? httpUrl(raw) : undefined;
          if (!url) errors.photoUrl = 'Give a full http:// or https:// address of the photo';
          else photoUrl = url;
        }
      }
      if (Object.keys(errors).length) throw new AppError('MH_ERR_VALIDATION', Object.values(errors).join('; '), { fields: errors });
      const saved = await stores.taxonomy.saveTaxonomy(kind, { slug, name, bio, photoUrl }, id);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: `${kind}.${id === undefined ? 'add' : 'change'}`, subject: `${saved} ${slug}`, detail: '' });
      stores.afterCommit(() => this.changes.publish('taxonomy.changed', { kinds: [kind] }));
      return saved;
    });
  }

  /** Moves every article of `id` to the entry named `into` (its slug or name), then deletes `id`. */
  async merge(user: User, kind: TaxonomyKind, id: number, into: string): Promise<TaxonomyEntry> {
    this.check(user);
    const now = this.clock();
    return this.storage.transaction(async (stores) => {
      const from = await stores.taxonomy.taxonomyEntry(kind, id);
      if (!from) throw new AppError(NOT_FOUND[kind], `No ${NOUN[kind]} with id ${id}`);
      const slug = slugify(into.trim());
      const target = slug ? await stores.taxonomy.taxonomyBySlug(kind, slug) : undefined;
      if (!target) throw new AppError('MH_ERR_VALIDATION', `No ${NOUN[kind]} “${into.trim()}” to merge into`, { fields: { into: `No ${NOUN[kind]} “${into.trim()}”; give the name or slug of an existing one` } });
      if (target.id === from.id) throw new AppError('MH_ERR_VALIDATION', `A ${NOUN[kind]} cannot be merged into itself`, { fields: { into: `Pick another ${NOUN[kind]} than “${from.name}” itself` } });
      await stores.taxonomy.mergeTaxonomy(kind, from.id, target.id);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: `${kind}.merge`, subject: `${from.id} ${from.slug}`, detail: `into ${target.id} ${target.slug}` });
      stores.afterCommit(() => this.changes.publish('taxonomy.changed', { kinds: [kind] }));
      return target;
    });
  }

  async remove(user: User, kind: TaxonomyKind, id: number): Promise<void> {
    this.check(user);
    const now = this.clock();
    await this.storage.transaction(async (stores) => {
      const entry = await stores.taxonomy.taxonomyEntry(kind, id);
      if (!entry) throw new AppError(NOT_FOUND[kind], `No ${NOUN[kind]} with id ${id}`);
      await stores.taxonomy.deleteTaxonomy(kind, id);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: `${kind}.delete`, subject: `${id} ${entry.slug}`, detail: `${entry.articles} articles` });
      stores.afterCommit(() => this.changes.publish('taxonomy.changed', { kinds: [kind] }));
    });
  }
}
