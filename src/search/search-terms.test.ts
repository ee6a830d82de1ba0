import { describe, expect, it } from 'vitest';
import { searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('keeps words, drops query syntax and duplicates', () => {
    expect(searchTerms('Harbour "bridge" OR bridge* -closed (NEAR)')).toEqual(['harbour', 'bridge', 'or', 'closed', 'near']);
  });
  it('keeps accented and non-Latin words', () => {
    expect(searchTerms('Café 東京 ข่าว')).toEqual(['café', '東京', 'ข่าว']);
  });
  it('caps the number of terms', () => {
    expect(searchTerms('a b c d e f g h i j k')).toHaveLength(8);
  });
  it('gives nothing for an empty or punctuation-only query', () => {
    expect(searchTerms('  ?!* ')).toEqual([]);
  });
});
