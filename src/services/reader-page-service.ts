import { AppError } from '../errors.js';
import { arrangeFront, type Pinned } from '../content/front-page.js';
import { breadcrumbs, type CategoryTree, type Crumb } from '../content/category-tree.js';
import { isPublic, type ArticleCard, type MediaImage, type ShownArticle, type SiteSettings } from '../content/types.js';
import type { Stores } from '../storage/ports.js';
import type { ArticleService } from './article-service.js';
import type { DiscoveryService, RankingShown } from './discovery-service.js';
import type { CounterService } from '../counters/counter-service.js';
import type { SiteService } from './site-service.js';
import { messagesFor } from '../i18n/messages.js';
import type { SearchInput, SearchResultItem, SearchService } from '../search/search-service.js';

export const PAGE_SIZE = 20;
const NO_IMAGES: ReadonlyMap<number, MediaImage> = new Map();
export const RELATED_COUNT = 10;
export const RANKING_COUNT = 8;
export const RECOMMENDED_COUNT = 8;
/** Front page: the lead, the stories beside it, then Latest, Most read and Recommended side by side (8 each). */
export const SECONDARY_COUNT = 4;
const LATEST_COUNT = 8;
/** Section blocks on the front page when the navigation bar shows fewer sections. */
const MIN_SECTION_BLOCKS = 4;

export interface Card extends ArticleCard {
  categoryName?: string | undefined;
  categorySlug?: string | undefined;
  /** The cover picture, when the article has one in the media store. */
  image?: MediaImage | undefined;
}

export interface ArticlePageData {
  settings: SiteSettings;
  article: ShownArticle;
  cover: MediaImage | undefined;
  crumbs: Crumb[];
  categoryName: string | undefined;
  views: number;
  reactions: { key: string; label: string; count: number; active: boolean }[];
  related: Card[];
  /** `loading`: the engines are still loading and every list of the page is a fallback. */
  ranking: { window: RankingShown; items: Card[]; loading?: true };
  recommended: Card[];
}

export interface ListingData {
  title: string;
  description?: string | undefined;
  basePath: string;
  crumbs: Crumb[];
  items: Card[];
  page: number;
  pages: number;
  total: number;
  subcategories?: { name: string; slug: string }[];
  /** A section page: the sections it lists (itself and every section under it). */
  sectionIds?: number[];
  /** An author page's photo. */
  photoUrl?: string | undefined;
}

export interface SearchPageData {
  query: string;
  items: (Card & Pick<SearchResultItem, 'snippet'>)[];
  total: number;
  page: number;
  pages: number;
  sort: 'relevance' | 'date';
  filters: { section: string; from: string; to: string; tag: string; author: string };
  /** Every section, for the filter. */
  sections: { slug: string; name: string }[];
}

export interface HomeData {
  lead: Card | undefined;
  /** The next stories after the lead, shown beside it. */
  secondary: Card[];
  latest: Card[];
  sections: { name: string; slug: string; items: Card[] }[];
  ranking: { window: RankingShown; items: Card[] };
  recommended: Card[];
}

/**
 * True when two reads of a picture show the same: each page reads its pictures afresh, and a
 * picture's variants follow from its bytes (sha256), so these fields are all a card shows of it.
 */
function sameImage(a: MediaImage | undefined, b: MediaImage | undefined): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && a.id === b.id && a.sha256 === b.sha256 && a.alt === b.alt && a.caption === b.caption
    && a.credit === b.credit && a.width === b.width && a.height === b.height && a.variants.length === b.variants.length;
}

/** Gathers what each public page shows; the web layer only renders it. */
export class ReaderPageService {
  private readonly shownCards = new WeakMap<ArticleCard, { tree: CategoryTree; image: MediaImage | undefined; card: Card }>();

  constructor(
    private readonly stores: Stores,
    private readonly site: SiteService,
    private readonly articles: ArticleService,
    private readonly discovery: DiscoveryService,
    private readonly counters: CounterService,
    private readonly searcher: SearchService,
    private readonly clock: () => number = Date.now,
  ) {}

  private withCategory(tree: CategoryTree, cards: ArticleCard[], images?: ReadonlyMap<number, MediaImage>): Card[] {
    return cards.map((c) => {
      const image = c.coverImageId !== null ? images?.get(c.coverImageId) : undefined;
      // The card cache hands out the same card until it changes, and the site service the same
      // tree and pictures: the same inputs make the same Card (and the views key fragments by it).
      const kept = this.shownCards.get(c);
      if (kept && kept.tree === tree && sameImage(kept.image, image)) return kept.card;
      const cat = tree.get(c.categoryId);
      const card: Card = { ...c, categoryName: cat?.name, categorySlug: cat?.slug, ...(image ? { image } : {}) };
      this.shownCards.set(c, { tree, image, card });
      return card;
    });
  }

  /** The cover pictures of every card given, in one query (none when no card has one). */
  private async imagesOf(...lists: ArticleCard[][]): Promise<ReadonlyMap<number, MediaImage>> {
    const ids: number[] = [];
    for (const list of lists) for (const c of list) if (c.coverImageId !== null) ids.push(c.coverImageId);
    return ids.length ? this.stores.media.byIds(ids) : NO_IMAGES;
  }

  /**
   * What the article page shows. The page is the same for every reader (so any cache may keep
   * it): the Recommendation list here is the shared one, and `reader` only marks that reader's
   * own reactions, for the uncached page shown right after a reaction posted without JavaScript.
   */
  async article(slug: string, reader?: string): Promise<ArticlePageData> {
    return this.articlePage(await this.articles.publicBySlug(this.stores, slug), reader);
  }

  /** Where an old slug of a renamed article now answers (undefined when it never was one). */
  movedSlug(slug: string): Promise<string | undefined> {
    return this.stores.newsroom.redirectTarget(slug);
  }

  /** What the page of `article` shows, public or not (the newsroom's preview uses it too). */
  async articlePage(article: ShownArticle, reader?: string): Promise<ArticlePageData> {
    const now = this.clock();
    const [settings, tree] = await Promise.all([this.site.settings(), this.site.categories()]);
    const related = await this.discovery.related(article.id, RELATED_COUNT, now);
    const relatedIds = related.map((r) => r.id);
    const [ranking, recommended, reactionState, views] = await Promise.all([
      this.discovery.ranking(RANKING_COUNT, now, [article.id]),
      this.discovery.recommended({ articleId: article.id, k: RECOMMENDED_COUNT, now, exclude: relatedIds }),
      this.counters.reactionState(article.id, reader),
      // Views still waiting in the write-behind buffer count too (a preview of a draft has none).
      isPublic(article, now) ? this.counters.articleTotals(article.id).then((t) => t.views) : this.stores.counters.viewCount(article.id),
    ]);
    const images = await this.imagesOf([article], related, ranking.items, recommended);
    const messages = settings.reactions.map((r) => ({
      key: r.key,
      label: r.label,
      count: reactionState.counts[r.key] ?? 0,
      active: reactionState.mine.includes(r.key),
    }));
    return {
      settings,
      article,
      cover: article.coverImageId !== null ? images.get(article.coverImageId) : undefined,
      crumbs: breadcrumbs(tree, article.categoryId, messagesFor(settings.language).home),
      categoryName: tree.get(article.categoryId)?.name,
      views,
      reactions: messages,
      related: this.withCategory(tree, related.filter((r) => r.id !== article.id), images),
      ranking: { window: ranking.window, items: this.withCategory(tree, ranking.items.filter((r) => r.id !== article.id), images), ...(ranking.loading ? { loading: true as const } : {}) },
      recommended: this.withCategory(tree, recommended.filter((r) => r.id !== article.id && !relatedIds.includes(r.id)), images),
    };
  }

  /**
   * The Recommendation list under a public article for one reader (their history and taste),
   * which the page swaps in with JavaScript; never the article itself or its Related list.
   */
  async personalRecommendations(articleId: number, reader: string): Promise<{ personal: boolean; items: Card[] }> {
    const now = this.clock();
    await this.counters.articleTotals(articleId); // 404 for unknown or unpublished articles
    const [tree, related] = await Promise.all([this.site.categories(), this.discovery.related(articleId, RELATED_COUNT, now)]);
    const relatedIds = related.map((r) => r.id);
    const items = (await this.discovery.recommended({ articleId, reader, k: RECOMMENDED_COUNT, now, exclude: relatedIds }))
      .filter((r) => r.id !== articleId && !relatedIds.includes(r.id));
    return { personal: this.discovery.knowsReader(reader), items: this.withCategory(tree, items, await this.imagesOf(items)) };
  }

  async home(): Promise<HomeData> {
    const now = this.clock();
    const tree = await this.site.categories();
    // Pinned stories first (those no longer public drop out), the rest newest first.
    const pinned = await this.pinned(now);
    const auto = await this.stores.articles.listPublic({ now, limit: 1 + SECONDARY_COUNT + LATEST_COUNT, excludeIds: pinned.map((p) => p.item.id), countTotal: false });
    const front = arrangeFront(pinned, auto.items, SECONDARY_COUNT);
    const { lead, top: secondary } = front;
    const latest = front.rest.slice(0, LATEST_COUNT);
    const onTop = [...(lead ? [lead] : []), ...secondary, ...latest];
    const shown = onTop.map((c) => c.id);
    const sectionCards: { name: string; slug: string; items: ArticleCard[] }[] = [];
    // A block for each section the navigation bar shows (at least a few): an imported site can
    // have a hundred top-level sections, and a front page of a hundred blocks serves no reader.
    const { navSections } = await this.site.settings();
    for (const root of tree.roots().slice(0, Math.max(MIN_SECTION_BLOCKS, navSections))) {
      const page = await this.stores.articles.listPublic({ now, categoryIds: tree.descendantIds(root.id), excludeIds: shown.slice(0, 5), limit: 4, countTotal: false });
      if (page.items.length) sectionCards.push({ name: root.name, slug: root.slug, items: page.items });
    }
    // Recommended never repeats what Most read shows: on a quiet site that list is what one reader read.
    const ranking = await this.discovery.ranking(RANKING_COUNT, now);
    const recommended = await this.discovery.recommended({ k: RECOMMENDED_COUNT, now, exclude: [...(lead ? [lead.id] : []), ...ranking.items.map((c) => c.id)] });
    const images = await this.imagesOf(onTop, ranking.items, recommended, ...sectionCards.map((s) => s.items));
    return {
      lead: lead ? this.withCategory(tree, [lead], images)[0] : undefined,
      secondary: this.withCategory(tree, secondary, images),
      latest: this.withCategory(tree, latest, images),
      sections: sectionCards.map((s) => ({ ...s, items: this.withCategory(tree, s.items, images) })),
      ranking: { window: ranking.window, items: this.withCategory(tree, ranking.items, images) },
      recommended: this.withCategory(tree, recommended, images),
    };
  }

  /** The front page's pins that are public at `now`, by slot. */
  private async pinned(now: number): Promise<Pinned<ArticleCard>[]> {
    const pins = await this.stores.newsroom.frontPins();
    if (!pins.length) return [];
    const cards = new Map((await this.stores.articles.cardsByIds(pins.map((p) => p.articleId), now)).map((c) => [c.id, c]));
    return pins.flatMap((p) => {
      const item = cards.get(p.articleId);
      return item ? [{ slot: p.slot, item }] : [];
    });
  }

  async category(slug: string, page: number): Promise<ListingData> {
    const [tree, home] = await Promise.all([this.site.categories(), this.homeLabel()]);
    const category = tree.getBySlug(slug);
    if (!category) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section at /category/${slug}`);
    const sectionIds = tree.descendantIds(category.id);
    const result = await this.listing({ categoryIds: sectionIds }, page, tree);
    return {
      ...result,
      sectionIds,
      title: category.name,
      description: category.description || undefined,
      basePath: `/category/${category.slug}`,
      crumbs: breadcrumbs(tree, category.id, home, true),
      subcategories: tree.children(category.id).map((c) => ({ name: c.name, slug: c.slug })),
    };
  }

  async tag(slug: string, page: number): Promise<ListingData & { name: string }> {
    const tag = await this.stores.taxonomy.tagBySlug(slug);
    if (!tag) throw new AppError('MH_ERR_TAG_NOT_FOUND', `No tag at /tag/${slug}`);
    const [tree, home] = await Promise.all([this.site.categories(), this.homeLabel()]);
    const result = await this.listing({ tagId: tag.id }, page, tree);
    return { ...result, name: tag.name, title: tag.name, basePath: `/tag/${tag.slug}`, crumbs: [{ label: home, href: '/' }, { label: `#${tag.name}`, href: null }] };
  }

  async author(slug: string, page: number): Promise<ListingData & { name: string }> {
    const author = await this.stores.taxonomy.authorBySlug(slug);
    if (!author) throw new AppError('MH_ERR_AUTHOR_NOT_FOUND', `No author at /author/${slug}`);
    const [tree, home] = await Promise.all([this.site.categories(), this.homeLabel()]);
    const result = await this.listing({ authorId: author.id }, page, tree);
    return {
      ...result, name: author.name, title: author.name, description: author.bio || undefined, photoUrl: author.photoUrl ?? undefined,
      basePath: `/author/${author.slug}`, crumbs: [{ label: home, href: '/' }, { label: author.name, href: null }],
    };
  }

  async search(input: Omit<SearchInput, 'pageSize'>): Promise<SearchPageData> {
    const [tree, result] = await Promise.all([this.site.categories(), this.searcher.search({ ...input, pageSize: PAGE_SIZE })]);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const images = await this.imagesOf(result.items);
    const items = result.items.map((item) => {
      const cat = tree.get(item.categoryId);
      const image = item.coverImageId !== null ? images.get(item.coverImageId) : undefined;
      return { ...item, categoryName: cat?.name, categorySlug: cat?.slug, ...(image ? { image } : {}) };
    });
    return {
      query: input.q, items, total: result.total, page: input.page, pages, sort: result.sort,
      filters: { section: input.section ?? '', from: input.from ?? '', to: input.to ?? '', tag: input.tag ?? '', author: input.author ?? '' },
      sections: tree.all().map((c) => ({ slug: c.slug, name: c.name })),
    };
  }

  private async homeLabel(): Promise<string> {
    return messagesFor((await this.site.settings()).language).home;
  }

  private async listing(filter: { categoryIds?: number[]; tagId?: number; authorId?: number }, page: number, tree: CategoryTree) {
    const result = await this.stores.articles.listPublic({ now: this.clock(), ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (page > pages) throw new AppError('MH_ERR_NOT_FOUND', `There is no page ${page}; the last page is ${pages}`);
    return { items: this.withCategory(tree, result.items, await this.imagesOf(result.items)), page, pages, total: result.total, title: '', basePath: '', crumbs: [] as Crumb[] };
  }
}
