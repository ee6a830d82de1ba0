const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/** The words of a reader's query: letters and digits only, so no query syntax ever reaches the database. */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}
