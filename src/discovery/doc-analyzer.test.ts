import { describe, expect, it } from 'vitest';
import { analyzeDoc } from './analyzer.js';
import { fingerprint, resemblance } from './near-duplicate.js';
import { toTerms } from './stemming.js';
import { tokenize } from './tokenize.js';

function referenceCounts(title: string, text: string, titleWeight: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of toTerms(tokenize(title), 'en')) counts.set(t, (counts.get(t) ?? 0) + titleWeight);
  for (const t of toTerms(tokenize(text), 'en')) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

describe('analyzeDoc', () => {
  const samples: [string, string][] = [
    ['Stocks RALLY as Fed holds rates', 'Shares rose 2.5% on Tuesday; the S&P 500 gained 31 points. Call 555-1234567 now! e-mail: a_b@x.org'],
    ['Café owners protest', 'Les propriétaires de cafés à Paris protestent contre la hausse des loyers. Naïve résumé.'],
    ['', 'x y z 12345678 1999 abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz ok'],
    ['北京 news', '中国 经济 growth in 北京 and Shanghai'],
    // Mixed text: typographic punctuation, accents inside and at the edges of words, Greek final sigma,
    // a combining mark after a space, compatibility forms (ﬁ, ², fullwidth), emoji, Arabic and Hebrew,
    // no-break spaces, and ASCII words right next to all of them.
    [
      'Élection: the “naïve” voters’ résumé — ΟΔΥΣΣΕΥΣ',
      'He said “it’s a café… or not” — ΣΟΦΟΣ\u00a0σοφός ΑΣ\'Α Ὀδυσσεύς. ﬁnance x² Ｔｅｓｔ ok 🎉party 🎉 ' +
        'e\u0301cole \u0301alone السلام عليكم שלום world\u00a0wide naïveté-based,co-op 日本語の文章 end',
    ],
  ];

  it('counts exactly what tokenize + stop words + stemming give, on the ASCII fast path and off it', () => {
    for (const [title, text] of samples) {
      const a = analyzeDoc({ id: 1, title, text }, { titleWeight: 3 });
      const got = new Map(a.terms.map((t, i) => [t, a.freqs[i] as number]));
      expect(got).toEqual(referenceCounts(title, text, 3));
      expect(a.length).toBe([...got.values()].reduce((x, y) => x + y, 0));
    }
  });

  it('fingerprints mixed-script text as the reference tokenizer would', () => {
    const text = 'Ministers in Zürich met “early” on Tuesday; the café’s owner — Søren — said ΣΟΦΟΣ words 日本語 matter to everyone here';
    expect(resemblance(analyzeDoc({ id: 1, title: '', text }).fingerprint, fingerprint(tokenize(text)))).toBe(1);
  });

  it('strips markup before counting', () => {
    const a = analyzeDoc({ id: 1, title: '<b>Budget</b>', text: '<p onclick="evil()">The budget &amp; taxes</p><script>tracking()</script>' });
    expect(a.terms.sort()).toEqual(['budget', 'tax']);
  });

  it('fingerprints the body, so a new headline on the same story keeps it a duplicate', () => {
    const body = 'The central bank raised its benchmark rate by a quarter point on Wednesday citing inflation in services and a tight labour market.';
    const a = analyzeDoc({ id: 1, title: 'Bank raises rates', text: body });
    const b = analyzeDoc({ id: 2, title: 'Rates up again as inflation bites', text: body });
    expect(resemblance(a.fingerprint, b.fingerprint)).toBe(1);
    expect(resemblance(a.fingerprint, fingerprint(tokenize(body)))).toBe(1);
  });

  it('normalises tags and ignores junk in them', () => {
    const a = analyzeDoc({ id: 1, title: '', text: '', tags: ['Élection 2024', 'election-2024', '', 42 as unknown as string, '🎉'] });
    expect(a.tags).toEqual(['election-2024']);
    expect(a.terms).toEqual([]);
  });
});
