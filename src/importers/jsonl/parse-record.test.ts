import { describe, expect, it } from 'vitest';
import { headlineFrom, parseRecord, splitAuthors } from './parse-record.js';

describe('parseRecord', () => {
  it('maps the corpus fields', () => {
    const r = parseRecord(JSON.stringify({ id: 7, title: 'T', body: 'B', category: 'WORLD NEWS', date: '2022-09-19', author: 'A B and C D', url: 'https://x.example/a', tags: ['x'] }));
    expect(r).toMatchObject({ ok: true, input: { importId: '7', title: 'T', body: 'B', category: 'WORLD NEWS', publishedAt: Date.UTC(2022, 8, 19), authors: ['A B', 'C D'], sourceUrl: 'https://x.example/a', tags: ['x'], status: 'published' } });
  });
  it('reads a cover image from image or image_url, with its alt text, caption and credit', () => {
    expect(parseRecord(JSON.stringify({ id: 1, title: 'T', image: 'pics/a.jpg', image_alt: 'Alt', image_caption: 'Cap', image_credit: 'Cred' })))
      .toMatchObject({ ok: true, image: { source: 'pics/a.jpg', alt: 'Alt', caption: 'Cap', credit: 'Cred' } });
    expect(parseRecord(JSON.stringify({ id: 1, title: 'T', image_url: 'https://img.example/a.jpg' }))).toMatchObject({ ok: true, image: { source: 'https://img.example/a.jpg', alt: null } });
    expect(parseRecord(JSON.stringify({ id: 1, title: 'T' }))).not.toHaveProperty('image');
    expect(parseRecord(JSON.stringify({ id: 1, title: 'T', image: 5 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/"image" must be a string/) });
  });
  it('drops the category with stripCategory', () => {
    expect(parseRecord(JSON.stringify({ id: 1, title: 'T', category: 'X' }), { stripCategory: true })).toMatchObject({ ok: true, input: { category: null } });
  });
  it('titles a headline-less brief by its opening sentence, and refuses a record with no text at all', () => {
    expect(parseRecord(JSON.stringify({ id: 1, title: '', body: 'Oil prices rose sharply on Monday. Traders said more.' }))).toMatchObject({ ok: true, input: { title: 'Oil prices rose sharply on Monday.' } });
    expect(parseRecord(JSON.stringify({ id: 1, title: '  ' }))).toEqual({ ok: false, reason: expect.stringMatching(/missing "title"/) });
  });
  it('gives a reason for each kind of bad line', () => {
    expect(parseRecord('{')).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid JSON/) });
    expect(parseRecord('[]')).toMatchObject({ ok: false, reason: expect.stringMatching(/object/) });
    expect(parseRecord('{"title":"x"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/id/) });
    expect(parseRecord('{"id":1,"title":"x","date":"soon"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/date/) });
    expect(parseRecord('{"id":1,"title":"x","status":"gone"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/status/) });
    expect(parseRecord('{"id":1,"title":"x","tags":"a,b"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/tags/) });
    expect(parseRecord('{"id":1,"title":5}')).toMatchObject({ ok: false, reason: expect.stringMatching(/title/) });
    expect(parseRecord('   ')).toEqual({ ok: 'skip' });
  });
});

describe('headlineFrom', () => {
  it('cuts a long first sentence at a word boundary', () => {
    const h = headlineFrom(`${'word '.repeat(40)}end.`)!;
    expect(h.length).toBeLessThanOrEqual(91);
    expect(h.endsWith('word…')).toBe(true);
  });
});

describe('splitAuthors', () => {
  it('splits bylines on commas, "and" and ampersands and drops a leading "By"', () => {
    expect(splitAuthors('By Ann Lee, Bo Chen & Cy Diaz and Di Ng')).toEqual(['Ann Lee', 'Bo Chen', 'Cy Diaz', 'Di Ng']);
    expect(splitAuthors(null)).toEqual([]);
  });
});
