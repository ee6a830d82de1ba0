import { describe, expect, it } from 'vitest';
import { MAX_CLAUSES, parseQuery, toFts5, toTsquery } from './search-query.js';
import { isSearchStopWord } from './search-stop-words.js';

const compiled = (q: string, asYouType = false) => {
  const p = parseQuery(q, { asYouType });
  return [toFts5(p), toTsquery(p)];
};

describe('parseQuery', () => {
  it('reads words, phrases, leave-outs and prefixes', () => {
    expect(compiled('Harbour "old bridge" -closed ferr*')).toEqual([
      '("harbour" "old bridge" "ferr"*) NOT "closed"',
      "'harbour' & ('old' <-> 'bridge') & !('closed') & 'ferr':*",
    ]);
  });
  it('matches whole words in a submitted search, an explicit word* aside', () => {
    expect(compiled('harbour bri')).toEqual(['"harbour" "bri"', "'harbour' & 'bri'"]);
    expect(compiled('harbour bri*')).toEqual(['"harbour" "bri"*', "'harbour' & 'bri':*"]);
  });
  it('as you type, treats the last word as a prefix unless a space follows it', () => {
    expect(compiled('harbour bri', true)).toEqual(['"harbour" "bri"*', "'harbour' & 'bri':*"]);
    expect(compiled('harbour bri ', true)).toEqual(['"harbour" "bri"', "'harbour' & 'bri'"]);
    // …and is long enough for a prefix to narrow anything.
    expect(compiled("harbour Trump's", true)).toEqual(['"harbour" "trump s"', "'harbour' & ('trump' <-> 's')"]);
    expect(compiled('harbour b* in', true)).toEqual(['"harbour" "b" "in"', "'harbour' & 'b' & 'in'"]);
  });
  it('reads a word the analysis splits (apostrophes, hyphens, CJK) as a phrase', () => {
    expect(compiled("Trump's co-op ")).toEqual(['"trump s" "co op"', "('trump' <-> 's') & ('co' <-> 'op')"]);
    expect(compiled('经济增长 ')).toEqual(['"经济 济增 增长"', "('经济' <-> '济增' <-> '增长')"]);
    expect(compiled('駅 ')).toEqual(['"駅"*', "'駅':*"]);
  });
  it('gives nothing to run for syntax alone, a leave-out alone or unreadable characters', () => {
    for (const q of ['"', '*', '-', '^', '()', '-closed', '\u0000\u0001', '\uD800', '\uFFFD', '   ']) expect(parseQuery(q).clauses, JSON.stringify(q)).toEqual([]);
  });
  it('drops the function words of a query that has others, and keeps the words that name things', () => {
    const en = (q: string) => toFts5(parseQuery(q, { isStopWord: (t) => isSearchStopWord(t, 'en') }));
    expect(en('The World Cup of the year')).toBe('"world" "cup" "year"');
    expect(en('New York says')).toBe('"new" "york" "says"');
    expect(en('the')).toBe('"the"');
    expect(en('"the who" live')).toBe('"the who" "live"');
  });
  it('reads operators as words and caps the clauses', () => {
    expect(compiled('OR OR NEAR( a AND ')).toEqual(['"or" "near" "a" "and"', "'or' & 'near' & 'a' & 'and'"]);
    expect(parseQuery('a b c d e f g h i j k').clauses).toHaveLength(MAX_CLAUSES);
  });
});
