import { AppError } from '../errors.js';
import { breadcrumbs, type CategoryTree, type Crumb } from '../content/category-tree.js';
import type { Article, ArticleCard, SiteSettings } from '../content/types.js';
import type { Stores } from '../storage/ports.js';
import type { ArticleService } from './article-service.js';
import type { DiscoveryService, RankingWindow } from './discovery-service.js';
import type { CounterService } from '../counters/counter-service.js';
import type { SiteService } from './site-service.js';
import { messagesFor } from '../i18n/messages.js';
import type { SearchInput, SearchResultItem, SearchService } from '../search/search-service.js';

export const PAGE_SIZE = 20;
export const RELATED_COUNT = 10;
export const RANKING_COUNT = 8;
export const RECOMMENDED_COUNT = 8;

export interface Card extends ArticleCard {
  categoryName?: string | undefined;
  categorySlug?: string | undefined;
}

export interface ArticlePageData {
  settings: SiteSettings;
  article: Article;
  crumbs: Crumb[];
  categoryName: string | undefined;
  views: number;
  reactions: { key: string; label: string; count: number; active: boolean }[];
  related: Card[];
  ranking: { window: RankingWindow; items: Card[] };
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
  latest: Card[];
  sections: { name: string; slug: string; items: Card[] }[];
  ranking: { window: RankingWindow; items: Card[] };
  recommended: Card[];
}

/** Gathers what each public page shows; the web layer only renders it. */
export class ReaderPageService {
  constructor(
    private readonly stores: Stores,
    private readonly site: SiteService,
    private readonly articles: ArticleService,
    private readonly discovery: DiscoveryService,
    private readonly counters: CounterService,
    private readonly searcher: SearchService,
    private readonly clock: () => number = Date.now,
  ) {}

  private withCategory(tree: CategoryTree, cards: ArticleCard[]): Card[] {
    return cards.map((c) => {
      const cat = tree.get(c.categoryId);
      return { ...c, categoryName: cat?.name, categorySlug: cat?.slug };
    });
  }

  async article(slug: string, reader: string | undefined): Promise<ArticlePageData> {
    const now = this.clock();
    const [settings, tree, article] = await Promise.all([this.site.settings(), this.site.categories(), this.articles.publicBySlug(this.stores, slug)]);
    const related = await this.discovery.related(article.id, RELATED_COUNT, now);
    const relatedIds = related.map((r) => r.id);
    const [ranking, recommended, reactionState, views] = await Promise.all([
      this.discovery.ranking(RANKING_COUNT, now, [article.id]),
      this.discovery.recommended({ articleId: article.id, reader, k: RECOMMENDED_COUNT, now, exclude: relatedIds }),
      this.counters.reactionState(article.id, reader),
      this.stores.counters.viewCount(article.id),
    ]);
    const messages = settings.reactions.map((r) => ({
      key: r.key,
      label: r.label,
      count: reactionState.counts[r.key] ?? 0,
      active: reactionState.mine.includes(r.key),
    }));
    return {
      settings,
      article,
      crumbs: breadcrumbs(tree, article.categoryId, messagesFor(settings.language).home),
      categoryName: tree.get(article.categoryId)?.name,
      views,
      reactions: messages,
      related: this.withCategory(tree, related.filter((r) => r.id !== article.id)),
      ranking: { window: ranking.window, items: this.withCategory(tree, ranking.items.filter((r) => r.id !== article.id)) },
      recommended: this.withCategory(tree, recommended.filter((r) => r.id !== article.id && !relatedIds.includes(r.id))),
    };
  }

  async home(): Promise<HomeData> {
    const now = this.clock();
    const tree = await this.site.categories();
    const latest = await this.stores.articles.listPublic({ now, limit: 13, countTotal: false });
    const [lead, ...rest] = latest.items;
    const shown = latest.items.map((c) => c.id);
    const sections: HomeData['sections'] = [];
    for (const root of tree.roots()) {
      const page = await this.stores.articles.listPublic({ now, categoryIds: tree.descendantIds(root.id), excludeIds: shown.slice(0, 5), limit: 4, countTotal: false });
      if (page.items.length) sections.push({ name: root.name, slug: root.slug, items: this.withCategory(tree, page.items) });
    }
    const [ranking, recommended] = await Promise.all([
      this.discovery.ranking(RANKING_COUNT, now),
      this.discovery.recommended({ k: RECOMMENDED_COUNT, now, exclude: lead ? [lead.id] : [] }),
    ]);
    return {
      lead: lead ? this.withCategory(tree, [lead])[0] : undefined,
      latest: this.withCategory(tree, rest),
      sections,
      ranking: { window: ranking.window, items: this.withCategory(tree, ranking.items) },
      recommended: this.withCategory(tree, recommended),
    };
  }

  async category(slug: string, page: number): Promise<ListingData> {
    const [tree, home] = await Promise.all([this.site.categories(), this.homeLabel()]);
    const category = tree.getBySlug(slug);
    if (!category) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section at /category/${slug}`);
    const result = await this.listing({ categoryIds: tree.descendantIds(category.id) }, page, tree);
    return {
      ...result,
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
      ...result, name: author.name, title: author.name, description: author.bio || undefined,
      basePath: `/author/${author.slug}`, crumbs: [{ label: home, href: '/' }, { label: author.name, href: null }],
    };
  }

  async search(input: Omit<SearchInput, 'pageSize'>): Promise<SearchPageData> {
    const [tree, result] = await Promise.all([this.site.categories(), this.searcher.search({ ...input, pageSize: PAGE_SIZE })]);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const items = result.items.map((item) => {
      const cat = tree.get(item.categoryId);
      return { ...item, categoryName: cat?.name, categorySlug: cat?.slug };
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
    return { items: this.withCategory(tree, result.items), page, pages, total: result.total, title: '', basePath: '', crumbs: [] as Crumb[] };
  }
}
