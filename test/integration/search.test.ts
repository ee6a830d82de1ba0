import { readFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJsonl } from '../../src/importers/jsonl/import-jsonl.js';
import type { Masthead } from '../../src/main.js';
import { DIALECTS } from '../helpers/dialects.js';
import { mastheadOn } from '../helpers/masthead-on.js';
import { mulberry32 } from '../helpers/seeded-random.js';

// Search over HTTP on every dialect: known-item search over a real corpus file, CJK, accents,
// phrases, filters, snippets, the JSON endpoint and every hostile query shape.

const fixture = new URL('../fixtures/huffpost_tiny300.jsonl', import.meta.url).pathname;
const titles = readFileSync(fixture, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { title: string }).title);
const DAY = 86_400_000;

/** 200 of the fixture's titles, the same ones on every run. */
function sampleTitles(): string[] {
  const random = mulberry32(11);
  const pool = [...titles];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, 200);
}

const STORIES = [
  { key: 'cjk', title: '中国经济增长放缓', body: '国家统计局周一公布的数据显示，第三季度经济增长低于预期。', category: 'World' },
  { key: 'ja', title: '新しい駅が今日開業しました', body: '市内に新駅が開業し、多くの人が訪れた。', category: 'World' },
  { key: 'zurich', title: 'Zürich opens a lake tunnel', body: 'The Straße along the Zürichsee is closed for works.', category: 'Europe' },
  { key: 'phrase', title: 'Harbour bridge closed overnight', body: 'Crews work on the harbour bridge until dawn.', category: 'Europe' },
  { key: 'loose', title: 'A bridge to the old harbour', body: 'The footbridge links the harbour to the market.', category: 'World' },
  { key: 'markup', title: 'Markup in the text', body: 'The page said &lt;b&gt;pelican&lt;/b&gt; & more about the pelican colony.', category: 'World' },
];

const HOSTILE = ['"', '*', 'NEAR(', 'NEAR(a b)', 'OR OR', 'a AND', 'AND', '-', '--', '^', '^bridge', '"unclosed bridge', 'bridge"', ')(', "'", "a'b", '\\', '\u0001\u0007\u001f', 'x\u0000y', '%', ':*', "'a':*", '!bridge', '&|', 'a & b', 'title:bridge', '{bridge}', '<script>', '\u202e', '\uFFFD', 'a'.repeat(200), ' '];
const QUERY_BYTES = ['%C3%28', '%FF%FE', '%ED%A0%80', '%E2%82', '%00', '%'];

const sameResults: Record<string, Record<string, string[]>> = {};
const COMPARED = ['zurich', 'harbour bridge', '"harbour bridge"', '经济', '開業', 'trump', 'biden taiwan', 'the', 'covid', 'world cup', '-harbour bridge', 'pel*'];

for (const dialect of DIALECTS) {
  describe(`search on ${dialect}`, () => {
    let m: Masthead;
    let close: () => Promise<void>;
    const slugs: Record<string, string> = {};
    const NOW = Date.now();

    const get = (url: string) => m.app.inject({ url, headers: { accept: 'text/html' } });
    const api = async (params: Record<string, string>) => {
      const res = await m.app.inject({ url: `/api/search?${new URLSearchParams(params).toString()}` });
      expect(res.statusCode, JSON.stringify(params)).toBe(200);
      return res.json() as { results: { title: string; url: string; snippet: string; snippetHtml: string; published: string; section: string | null }[]; total: number };
    };
    const found = async (q: string, extra: Record<string, string> = {}) => (await api({ q, ...extra })).results.map((r) => decodeURIComponent(r.url.replace(/^.*\/articles\//, '')));

    beforeAll(async () => {
      ({ m, close } = await mastheadOn(dialect));
      const summary = await importJsonl(fixture, m.storage, m.articles);
      expect(summary.failed).toBe(0);
      await m.storage.transaction(async (s) => {
        for (const [i, story] of STORIES.entries()) {
          slugs[story.key] = (await m.articles.save(s, { ...story, publishedAt: NOW - (i + 1) * DAY })).slug;
        }
      });
    });
    afterAll(async () => close());

    it('finds 95% or more of 200 sampled titles in the top 3 when the whole title is the query', async () => {
      let hits = 0;
      const misses: string[] = [];
      for (const title of sampleTitles()) {
        const top = (await api({ q: title })).results.slice(0, 3).map((r) => r.title);
        if (top.includes(title)) hits++;
        else misses.push(title);
      }
      expect(hits / 200, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    });

    it('finds Chinese and Japanese words inside a run of text', async () => {
      expect(await found('经济')).toEqual([slugs.cjk]);
      expect(await found('统计局')).toEqual([slugs.cjk]);
      expect(await found('開業')).toEqual([slugs.ja]);
      expect(await found('新駅')).toEqual([slugs.ja]);
      expect(await found('駅')).toEqual([slugs.ja]);
      expect(await found('经济衰退')).toEqual([]);
      const [hit] = (await api({ q: '经济' })).results;
      expect(hit!.snippetHtml).toContain('<mark>经济</mark>');
    });

    it('folds case and accents the same way for the index and the query', async () => {
      for (const q of ['zurich', 'Zürich', 'ZURICH', 'zürich']) expect(await found(q), q).toEqual([slugs.zurich]);
      expect(await found('strasse')).toEqual([slugs.zurich]);
      expect(await found('zurichsee')).toEqual([slugs.zurich]);
    });

    it('reads quoted words as a phrase, -word as a leave-out, word* as a prefix', async () => {
      expect(await found('"harbour bridge"')).toEqual([slugs.phrase]);
      expect((await found('harbour bridge')).sort()).toEqual([slugs.phrase, slugs.loose].sort());
      expect(await found('harbour bridge -closed')).toEqual([slugs.loose]);
      expect(await found('footbr*')).toEqual([slugs.loose]);
      expect(await found('"bridge harbour"')).toEqual([]);
    });

    it('matches the last word as a prefix while it is typed (the JSON), whole words on the results page', async () => {
      const listed = async (q: string) => parse((await get(`/search?q=${encodeURIComponent(q)}`)).body).querySelectorAll('.search-results li').length;
      expect(await found('harbour footbr')).toEqual([slugs.loose]);
      expect(await listed('harbour footbr')).toBe(0);
      expect(await listed('harbour footbr*')).toBe(1);
      expect(await listed('harbour footbridge')).toBe(1);
    });

    it('filters by section and dates, sorts by date, pages past the end are empty', async () => {
      expect(await found('harbour', { section: 'europe' })).toEqual([slugs.phrase]);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      expect(await found('harbour', { from: day(NOW - 4 * DAY), to: day(NOW - 4 * DAY) })).toEqual([slugs.phrase]);
      expect(await found('harbour', { from: day(NOW - 5 * DAY) })).toEqual(expect.arrayContaining([slugs.phrase, slugs.loose]));
      expect(await found('harbour', { to: day(NOW - 10 * DAY) })).not.toContain(slugs.phrase);
      const byDate = (await api({ q: 'the', sort: 'date' })).results.map((r) => Date.parse(r.published));
      expect(byDate).toEqual([...byDate].sort((a, b) => b - a));
      const past = await get('/search?q=harbour&page=99');
      expect(past.statusCode).toBe(200);
      expect(parse(past.body).querySelectorAll('.search-results li')).toHaveLength(0);
      expect((await api({ q: 'harbour', page: '99' })).results).toEqual([]);
      const bads: Record<string, string>[] = [{ section: 'nope' }, { from: '2026-13-01' }, { to: 'yesterday' }, { sort: 'views' }, { from: '2026-02-01', to: '2026-01-01' }];
      for (const bad of bads) {
        const res = await m.app.inject({ url: `/api/search?${new URLSearchParams({ q: 'harbour', ...bad }).toString()}` });
        expect(res.statusCode, JSON.stringify(bad)).toBe(400);
        expect((res.json() as { message: string }).message.length).toBeGreaterThan(10);
      }
    });

    it('shows escaped snippets with the query words marked, on the page and in the JSON', async () => {
      const [hit] = (await api({ q: 'pelican' })).results;
      expect(hit!.snippet).toContain('<b>pelican</b>');
      expect(hit!.snippetHtml).toContain('&lt;b&gt;<mark>pelican</mark>&lt;/b&gt;');
      expect(hit!.section).toBe('World');
      expect(hit!.published).toMatch(/^\d{4}-\d\d-\d\dT/);
      const doc = parse((await get('/search?q=pelican')).body);
      const snippet = doc.querySelector('.search-results .snippet')!;
      expect(snippet.querySelector('b')).toBeNull();
      expect(snippet.querySelectorAll('mark').map((mk) => mk.text)).toEqual(['pelican', 'pelican']);
    });

    it('answers every hostile query with a results page or a 400 that says why, never a 500', async () => {
      for (const q of HOSTILE) {
        for (const path of ['/search', '/api/search']) {
          const res = await get(`${path}?q=${encodeURIComponent(q)}`);
          expect([200, 400], `${path} ${JSON.stringify(q)}`).toContain(res.statusCode);
        }
      }
      for (const bytes of QUERY_BYTES) {
        const res = await get(`/search?q=${bytes}`);
        expect([200, 400], bytes).toContain(res.statusCode);
      }
      const long = await m.app.inject({ url: `/api/search?q=${'word '.repeat(400)}` });
      expect(long.statusCode).toBe(400);
      expect((long.json() as { message: string }).message).toMatch(/too long/);
      expect((await get('/search?q=a&q=b')).statusCode).toBe(400);
      expect((await get('/search?q=bridge&page=0')).statusCode).toBe(400);
    });

    it('ranks a word held by more than a thousand articles among its newest matches, a page at a time', async () => {
      const story = (slug: string, title: string, text: string, publishedAt: number) => ({
        importId: null, slug, title, summary: '', bodySource: text, bodyFormat: 'markdown' as const, bodyHtml: `<p>${text}</p>`, bodyText: text,
        categoryId: null, coverImageUrl: null, coverImageId: null, sourceUrl: null, status: 'published' as const, publishedAt,
        recommended: false, recommendedUntil: null, tagIds: [], authorIds: [],
      });
      // Enough older articles that the gulls' candidates come from among the newest ids only
      // (PostgreSQL looks at the newest 4,000 first).
      await m.storage.transaction(async (s) => {
        for (let i = 0; i < 3000; i++) await s.articles.save(story(`tides-${i}`, `Tide table ${i}`, `Tide table ${i}: calm water.`, NOW - 60 * DAY + i * 60_000));
      });
      await m.storage.transaction(async (s) => {
        for (let i = 0; i < 1100; i++) {
          const title = i === 1099 ? 'Gull colony grows on the pier' : `Pier notes ${i}`;
          await s.articles.save(story(`gulls-${i}`, title, `Gull count ${i}: the gulls nest on the pier.`, NOW - 30 * DAY + i * 60_000));
        }
      });
      const first = await api({ q: 'gull' });
      expect(first.total).toBe(1000);
      expect(first.results).toHaveLength(20);
      expect(first.results[0]!.title).toBe('Gull colony grows on the pier');
      expect(first.results.every((r) => /gull/i.test(r.snippet))).toBe(true);
      const second = await api({ q: 'gull', page: '2' });
      expect(second.results).toHaveLength(20);
      expect(second.results.map((r) => r.url).filter((u) => first.results.some((f) => f.url === u))).toEqual([]);
      // Past the newest candidates, and with a filter, every match is ranked.
      expect((await api({ q: 'gull', page: '120' })).results).toHaveLength(0);
      expect((await api({ q: 'gull', page: '50' })).results).toHaveLength(20);
      expect((await api({ q: 'gull', from: new Date(NOW - 31 * DAY).toISOString().slice(0, 10) })).results[0]!.title).toBe('Gull colony grows on the pier');
      // A broad word whose matches are not the newest articles: all of its titles hold it, the newest ranks first.
      const tides = await api({ q: 'tide' });
      expect(tides.total).toBe(1000);
      expect(tides.results[0]!.title).toBe('Tide table 2999');
    });

    it('gives results a comparison across dialects can use', async () => {
      sameResults[dialect] = {};
      for (const q of COMPARED) sameResults[dialect]![q] = (await found(q, { sort: 'date' })).sort();
    });
  });
}

describe.runIf(DIALECTS.length > 1)('search on both dialects', () => {
  it('finds the same articles on SQLite and PostgreSQL for the same query', () => {
    for (const q of COMPARED) expect(sameResults.postgres?.[q], q).toEqual(sameResults.sqlite?.[q]);
    expect(Object.values(sameResults.sqlite ?? {}).filter((r) => r.length).length).toBeGreaterThan(8);
  });
});
