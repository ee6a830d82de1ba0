import { describe, expect, it } from 'vitest';
import { foldText, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases and folds accents (NFKD, marks dropped)', () => {
    expect(tokenize('Café DÉJÀ-VU naïve Ångström İstanbul')).toEqual(['cafe', 'deja', 'vu', 'naive', 'angstrom', 'istanbul']);
  });

  it('folds compatibility forms such as full-width letters and ligatures', () => {
    expect(tokenize('ＡＢＣ ﬁnance')).toEqual(['abc', 'finance']);
  });

  it('splits Chinese into words with Intl.Segmenter rather than one token per sentence or per character', () => {
    const tokens = tokenize('中华人民共和国国务院总理今天在北京会见了美国国务卿');
    expect(tokens).toContain('北京');
    expect(tokens).toContain('国务院');
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.every((t) => t.length <= 4)).toBe(true);
  });

  it('splits Japanese and keeps kana voicing marks (they are letters there, not accents)', () => {
    const tokens = tokenize('東京都は新しい感染症対策を発表しました。ガイドライン');
    expect(tokens).toContain('東京');
    expect(tokens).toContain('発表');
    expect(tokens.join('')).toContain('ガイド');
  });

  it('splits Thai, which has no spaces between words, and keeps its vowel signs', () => {
    const tokens = tokenize('ประเทศไทยมีประชากรประมาณหกสิบล้านคน');
    expect(tokens).toContain('ประชากร');
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    expect(tokens.join('')).toBe('ประเทศไทยมีประชากรประมาณหกสิบล้านคน');
  });

  it('handles right-to-left scripts and strips Arabic/Hebrew vowel points', () => {
    expect(tokenize('مَرْحَبًا بِالْعَالَمِ')).toEqual(['مرحبا', 'بالعالم']);
    expect(tokenize('שָׁלוֹם עוֹלָם')).toEqual(['שלום', 'עולם']);
  });

  it('keeps Korean syllables intact (NFKD would split them into jamo)', () => {
    expect(tokenize('한국어 뉴스')).toEqual(['한국어', '뉴스']);
  });

  it('drops emoji, punctuation, single Latin letters and long digit runs', () => {
    expect(tokenize('🎉 Hello, world! 😀 a b 2024 1234567 x1')).toEqual(['hello', 'world', '2024', 'x1']);
  });

  it('copes with mixed scripts in one string', () => {
    const tokens = tokenize('Apple发布了新款iPhone手机 in 東京');
    expect(tokens).toContain('apple');
    expect(tokens).toContain('東京');
    expect(tokens.some((t) => t.includes('iphone'))).toBe(true);
  });

  it('returns nothing for empty or symbol-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  --- *** 🎉🎉 ')).toEqual([]);
  });

  it('survives lone surrogates', () => {
    expect(() => tokenize('abc \ud800 def')).not.toThrow();
    expect(tokenize('abc \ud800 def')).toEqual(['abc', 'def']);
  });

  it('foldText leaves ASCII alone apart from case', () => {
    expect(foldText('Hello World')).toBe('hello world');
  });
});
