import { isStopWord } from '../discovery/stemming.js';

/**
 * English words a search drops when the query has others (search-query.ts: withoutStopWords):
 * the function words nearly every article holds (Lucene's classic English list). The list the
 * discovery analyzer shares is meant for telling articles' topics apart and is much longer
 * (1,298 words, "new", "world", "year" and "says" among them): dropping those from a query lost
 * the words that single out a title ("New York", "World Cup") and known-item search with them.
 */
const ENGLISH = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or',
  'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

/** True when search drops the folded token from a query of the site's language (other languages: the shared list). */
export function isSearchStopWord(token: string, lang: string): boolean {
  return lang === 'en' ? ENGLISH.has(token) : isStopWord(token, lang);
}
