import { AppError } from '../errors.js';
import type { ArticleCard } from '../content/types.js';
import type { Page, SearchStore } from '../storage/ports.js';
import { searchTerms } from './search-terms.js';

export const MAX_QUERY_LENGTH = 200;

/** Reader-facing search: validates the query and pages through matches. */
export class SearchService {
  constructor(private readonly store: SearchStore, private readonly clock: () => number = Date.now) {}

  async search(query: string, page: number, pageSize: number): Promise<Page<ArticleCard> & { terms: string[] }> {
    if (query.length > MAX_QUERY_LENGTH) {
      throw new AppError('MH_ERR_VALIDATION', `The search is too long: keep it under ${MAX_QUERY_LENGTH} characters`);
    }
    const terms = searchTerms(query);
    const result = await this.store.search(terms, this.clock(), pageSize, (page - 1) * pageSize);
    return { ...result, terms };
  }
}
