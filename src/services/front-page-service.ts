import { AppError } from '../errors.js';
import { can } from '../accounts/roles.js';
import { FRONT_TOP_SLOTS } from '../content/front-page.js';
import { slugify } from '../content/slug.js';
import { isPublic, type ArticleStatus } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { Storage, User } from '../storage/ports.js';

/** Slot 0 is the lead story, then the top stories. */
export const FRONT_SLOTS = 1 + FRONT_TOP_SLOTS;

export interface PinView {
  slot: number;
  articleId: number;
  title: string;
  slug: string;
  status: ArticleStatus;
  /** False when the article is not on the site now: the home page fills its place. */
  live: boolean;
}

/**
 * The front page's pins: owners and editors choose the lead story and the top stories; the home
 * page takes them first and fills the rest on its own (ReaderPageService.home). A change is
 * announced as `settings.changed` (key `frontPins`), which every page cache already purges on.
 */
export class FrontPageService {
  constructor(
    private readonly storage: Storage,
    private readonly changes: ChangeChannel,
    private readonly clock: () => number = Date.now,
  ) {}

  async pins(user: User): Promise<PinView[]> {
    if (!can.manageContent(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors curate the front page.');
    const now = this.clock();
    const out: PinView[] = [];
    for (const pin of await this.storage.newsroom.frontPins()) {
      const a = await this.storage.articles.findById(pin.articleId);
      // An article in the bin is a draft, so it shows as not live.
      if (a) out.push({ slot: pin.slot, articleId: a.id, title: a.title, slug: a.slug, status: a.status, live: isPublic(a, now) });
    }
    return out;
  }

  /**
   * Replaces the pins. `values[slot]` names an article by id, slug or address (…/articles/slug),
   * or is empty for "fill automatically". Each slot's problem comes back as its own field error
   * (`slot0`…) and nothing is written then.
   */
  async save(user: User, values: readonly string[]): Promise<void> {
    if (!can.manageContent(user)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors curate the front page.');
    const now = this.clock();
    await this.storage.transaction(async (stores) => {
      const errors: Record<string, string> = {};
      const pins: { slot: number; articleId: number }[] = [];
      const seen = new Map<number, number>();
      for (let slot = 0; slot < FRONT_SLOTS; slot++) {
        const raw = (values[slot] ?? '').trim();
        if (!raw) continue;
        const field = `slot${slot}`;
        const byId = /^\d{1,12}$/.test(raw) ? await stores.articles.findById(Number(raw)) : undefined;
        const slug = byId ? undefined : slugify(/\/articles\/([^/?#]+)/.exec(raw)?.[1] ?? raw);
        const article = byId ?? (slug ? await stores.articles.findBySlug(slug) : undefined);
        const own = article ? await stores.newsroom.ownership(article.id) : undefined;
        if (!article || own?.deletedAt) errors[field] = `No article “${raw}”; give its id, slug or address`;
        else if (article.status === 'draft') errors[field] = `“${article.title}” is a draft; publish or schedule it first`;
        else if (seen.has(article.id)) errors[field] = `“${article.title}” is already pinned above`;
        else {
          seen.set(article.id, slot);
          pins.push({ slot, articleId: article.id });
        }
      }
      if (Object.keys(errors).length) throw new AppError('MH_ERR_VALIDATION', Object.values(errors).join('; '), { fields: errors });
      await stores.newsroom.setFrontPins(pins, now);
      await stores.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: 'front.pins', subject: pins.map((p) => `${p.slot}:${p.articleId}`).join(' ') || 'none', detail: '' });
      stores.afterCommit(() => this.changes.publish('settings.changed', { keys: ['frontPins'] }));
    });
  }
}
