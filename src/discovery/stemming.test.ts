import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { baseLang, isStopWord, stem, toTerms } from './stemming.js';
import { tokenize } from './tokenize.js';

describe('stemming and stop words', () => {
  it('reduces English inflections to one Porter stem', () => {
    expect(stem('running', 'en')).toBe(stem('runs', 'en'));
    expect(stem('elections', 'en')).toBe(stem('election', 'en'));
    expect(stem('connected', 'en')).toBe('connect');
  });

  it('does not stem other languages, numbers or non-Latin words', () => {
    expect(stem('elecciones', 'es')).toBe('elecciones');
    expect(stem('2024', 'en')).toBe('2024');
    expect(stem('北京', 'en')).toBe('北京');
  });

  it('passes words through without running Porter only where Porter would leave them as they are', () => {
    // Every stem of 2–4 letter words over a mix of vowels, consonants and the letters Porter's rules
    // end in, and of longer words ending in each letter and digit, against the stemmer itself.
    const letters = 'abcdefgilmnorstuvxyz';
    const words: string[] = [];
    for (const a of letters) for (const b of letters) {
      words.push(a + b);
      for (const c of letters) words.push(a + b + c, `${a}${b}${c}e`, `y${a}${b}${c}`);
    }
    for (const base of ['relational', 'hopeful', 'generaliz', 'conditioning', 'tree', 'yoyo', 'feed', 'agreed']) {
      for (const end of 'abcdefghijklmnopqrstuvwxyz0123456789') words.push(base + end);
    }
    for (const w of words) expect(stem(w, 'en'), w).toBe(/^[0-9]/.test(w) ? w : stemmer(w));
  });

  it('removes English stop words and keeps content words', () => {
    expect(toTerms(tokenize('The president was speaking about the elections'), 'en')).toEqual(['presid', 'speak', 'elect']);
    expect(isStopWord('the', 'en')).toBe(true);
    expect(isStopWord('president', 'en')).toBe(false);
  });

  it('uses the stop list of the language hint for Latin text', () => {
    expect(isStopWord('der', 'de')).toBe(true);
    expect(isStopWord('der', 'en')).toBe(false);
  });

  it('removes common function words in non-Latin scripts', () => {
    expect(toTerms(['的', '北京', 'の', '東京'], 'en')).toEqual(['北京', '東京']);
  });

  it('reads the primary subtag of a BCP-47 hint', () => {
    expect(baseLang('en-GB', 'xx')).toBe('en');
    expect(baseLang('zh_Hant', 'xx')).toBe('zh');
    expect(baseLang(undefined, 'en')).toBe('en');
    expect(baseLang('', 'en')).toBe('en');
  });
});
