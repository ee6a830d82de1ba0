import { describe, expect, it } from 'vitest';
import { isValidSlug, slugCandidates, slugify } from './slug.js';

describe('slugify', () => {
  it('lowercases, folds accents and joins words with hyphens', () => {
    expect(slugify('Crème Brûlée: the Café’s Secret!')).toBe('creme-brulee-the-cafes-secret');
  });
  it('keeps letters of caseless scripts', () => {
    expect(slugify('東京 オリンピック 2025')).toBe('東京-オリンピック-2025');
    expect(slugify('ข่าว วันนี้')).toMatch(/^ข/);
  });
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(50));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((w) => w === 'word')).toBe(true);
  });
  it('returns an empty slug for text without letters or digits', () => {
    expect(slugify('!!! ??? —')).toBe('');
  });
  it('produces valid slugs', () => {
    for (const title of ['Hello World', 'Ünïcödé Tëxt', '2025: a year', 'Ça va?']) expect(isValidSlug(slugify(title))).toBe(true);
    expect(isValidSlug('Bad Slug')).toBe(false);
    expect(isValidSlug('double--hyphen')).toBe(false);
  });
});

describe('slugCandidates', () => {
  it('numbers candidates from 2 after the base', () => {
    const it = slugCandidates('news');
    expect([it.next().value, it.next().value, it.next().value]).toEqual(['news', 'news-2', 'news-3']);
  });
  it('falls back to "article" for an empty base', () => {
    expect(slugCandidates('').next().value).toBe('article');
  });
});
