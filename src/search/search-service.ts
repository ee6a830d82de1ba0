import { AppError } from '../errors.js';
import { baseLang } from '../discovery/stemming.js';
import type { CategoryTree } from '../content/category-tree.js';
import type { ArticleCard } from '../content/types.js';
import type { SearchRequest, SearchStore, TaxonomyStore } from '../storage/ports.js';
import { highlightTokens, parseQuery } from './search-query.js';
import { isSearchStopWord } from './search-stop-words.js';
import { snippet, type SnippetPart } from './snippet.js';

export const MAX_QUERY_LENGTH = 200;
const DAY = 86_400_000;

/** What a reader asks for: the words and the optional filters, as the URL carries them. */
export interface SearchInput {
  q: string;
  page: number;
  pageSize: number;
  /** Section slug (its subsections included). */
  section?: string | undefined;
  tag?: string | undefined;
  author?: string | undefined;
  /** Days, YYYY-MM-DD (UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  sort?: string | undefined;
  /** The query is still being typed: its last word also matches as a prefix (see parseQuery). */
  asYouType?: boolean | undefined;
}

export interface SearchResultItem extends ArticleCard {
  snippet: SnippetPart[];
}

export interface SearchResult {
  items: SearchResultItem[];
  /** Matches, counted up to 1,000. */
  total: number;
  sort: 'relevance' | 'date';
}

function day(value: string, name: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const at = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(at) || new Date(at).getUTCMonth() !== Number(m[2]) - 1 || new Date(at).getUTCDate() !== Number(m[3])) {
    throw new AppError('MH_ERR_VALIDATION', `"${name}" must be a day written YYYY-MM-DD, not ${JSON.stringify(value)}`);
  }
  return at;
}

/** Reader-facing search: validates the query and filters, runs the search, cuts the snippets. */
export class SearchService {
  constructor(
    private readonly store: SearchStore,
    private readonly taxonomy: TaxonomyStore,
    private readonly site: { categories(): Promise<CategoryTree>; settings(): Promise<{ language: string }> },
    private readonly clock: () => number = Date.now,
  ) {}

  async search(input: SearchInput): Promise<SearchResult> {
    if (input.q.length > MAX_QUERY_LENGTH) {
      throw new AppError('MH_ERR_VALIDATION', `The search is too long: keep it under ${MAX_QUERY_LENGTH} characters`);
    }
    const sort = input.sort === undefined || input.sort === '' || input.sort === 'relevance' ? 'relevance' : input.sort === 'date' ? 'date' : undefined;
    if (!sort) throw new AppError('MH_ERR_VALIDATION', `"sort" must be "relevance" or "date", not ${JSON.stringify(input.sort)}`);
    const language = baseLang((await this.site.settings()).language, 'en');
    const request: SearchRequest = {
      query: parseQuery(input.q, { isStopWord: (token) => isSearchStopWord(token, language), asYouType: input.asYouType === true }), now: this.clock(), limit: input.pageSize, offset: (input.page - 1) * input.pageSize, sort,
    };
    if (input.section) {
      const tree = await this.site.categories();
      const c = tree.getBySlug(input.section);
      if (!c) throw new AppError('MH_ERR_VALIDATION', `There is no section "${input.section}" to search in`);
      request.categoryIds = tree.descendantIds(c.id);
    }
    if (input.tag) {
      const tag = await this.taxonomy.tagBySlug(input.tag);
      if (!tag) throw new AppError('MH_ERR_VALIDATION', `There is no tag "${input.tag}" to search in`);
      request.tagId = tag.id;
    }
    if (input.author) {
      const author = await this.taxonomy.authorBySlug(input.author);
      if (!author) throw new AppError('MH_ERR_VALIDATION', `There is no author "${input.author}" to search in`);
      request.authorId = author.id;
    }
    if (input.from) request.from = day(input.from, 'from');
    if (input.to) request.to = day(input.to, 'to') + DAY;
    if (request.from !== undefined && request.to !== undefined && request.from >= request.to) {
      throw new AppError('MH_ERR_VALIDATION', '"from" must be a day before or equal to "to"');
    }
    const page = await this.store.search(request);
    const highlight = highlightTokens(request.query);
    return {
      items: page.items.map(({ textHead, ...card }) => ({ ...card, snippet: snippet(textHead || card.summary, highlight) })),
      total: page.total,
      sort,
    };
  }
}
