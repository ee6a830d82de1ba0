import { describe, expect, it } from 'vitest';
import { MAX_FIELD_TOKENS, searchDocument, searchTokens } from './search-analysis.js';

describe('searchTokens', () => {
  it('folds case, accents and letters NFKD keeps whole', () => {
    expect(searchTokens('Zürich Straße Ærø naïve CAFÉ')).toEqual(['zurich', 'strasse', 'aero', 'naive', 'cafe']);
  });
  it('splits Chinese, Japanese and Korean runs into overlapping bigrams', () => {
    expect(searchTokens('中国经济')).toEqual(['中国', '国经', '经济']);
    expect(searchTokens('駅が開業')).toEqual(['駅が', 'が開', '開業']);
    expect(searchTokens('iPhone15发布 駅')).toEqual(['iphone15', '发布', '駅']);
  });
  it('segments Thai words with Intl.Segmenter', () => {
    expect(searchTokens('ข่าวเศรษฐกิจไทย')).toEqual(['ข่าว', 'เศรษฐกิจ', 'ไทย']);
  });
  it('keeps only letters, marks and digits, so no token carries query syntax', () => {
    for (const t of searchTokens('a"b\'c:*d&e|f!g(h)i<j>k\\l\u0000m NEAR(x) -y ^z')) expect(t).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
  });
  it('caps the tokens of a field', () => {
    expect(searchDocument('t', '', 'word '.repeat(MAX_FIELD_TOKENS + 10)).body.split(' ')).toHaveLength(MAX_FIELD_TOKENS);
  });
});
