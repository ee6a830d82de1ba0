import { describe, it, expect } from 'vitest';
import { demoArticles, demoAuthors, demoCategories } from './demo-content.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Blank-line separated blocks of a Markdown body. */
function blocks(markdown: string): string[] {
  return markdown.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
}

describe('demo categories', () => {
  it('have unique, valid slugs and non-empty names and descriptions', () => {
    expect(duplicates(demoCategories.map((c) => c.slug))).toEqual([]);
    for (const c of demoCategories) {
      expect(c.slug, c.slug).toMatch(SLUG);
      expect(c.name.trim(), c.slug).not.toBe('');
      expect(c.description.trim(), c.slug).not.toBe('');
    }
  });

  it('have 5 top-level categories and 4–6 subcategories whose parents are top-level categories', () => {
    const bySlug = new Map(demoCategories.map((c) => [c.slug, c]));
    const roots = demoCategories.filter((c) => c.parent === undefined);
    const subs = demoCategories.filter((c) => c.parent !== undefined);
    expect(roots).toHaveLength(5);
    expect(subs.length).toBeGreaterThanOrEqual(4);
    expect(subs.length).toBeLessThanOrEqual(6);
    for (const c of subs) {
      const parent = bySlug.get(c.parent!);
      expect(parent, `parent of ${c.slug}`).toBeDefined();
      expect(parent!.parent, `${c.slug} nests only one level deep`).toBeUndefined();
    }
  });

  it('each have at least 3 articles filed directly in them', () => {
    for (const c of demoCategories) {
      const count = demoArticles.filter((a) => a.category === c.slug).length;
      expect(count, `articles in ${c.slug}`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('demo authors', () => {
  it('have unique, valid slugs, names and bios, and each wrote at least 3 articles', () => {
    expect(demoAuthors.length).toBeGreaterThanOrEqual(4);
    expect(demoAuthors.length).toBeLessThanOrEqual(5);
    expect(duplicates(demoAuthors.map((a) => a.slug))).toEqual([]);
    for (const a of demoAuthors) {
      expect(a.slug, a.slug).toMatch(SLUG);
      expect(a.name.trim(), a.slug).not.toBe('');
      expect(a.bio.trim(), a.slug).not.toBe('');
      expect(demoArticles.filter((x) => x.author === a.slug).length, a.slug).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('demo articles', () => {
  it('number at least 48', () => {
    expect(demoArticles.length).toBeGreaterThanOrEqual(48);
  });

  it('have unique lowercase ascii hyphenated slugs', () => {
    expect(duplicates(demoArticles.map((a) => a.slug))).toEqual([]);
    for (const a of demoArticles) expect(a.slug).toMatch(SLUG);
  });

  it('refer to existing categories and authors', () => {
    const categories = new Set(demoCategories.map((c) => c.slug));
    const authors = new Set(demoAuthors.map((a) => a.slug));
    for (const a of demoArticles) {
      expect(categories.has(a.category), `${a.slug}: category ${a.category}`).toBe(true);
      expect(authors.has(a.author), `${a.slug}: author ${a.author}`).toBe(true);
    }
  });

  it('have titles of at most 90 characters and one-sentence summaries', () => {
    for (const a of demoArticles) {
      expect(a.title.trim(), a.slug).not.toBe('');
      expect(a.title.length, a.slug).toBeLessThanOrEqual(90);
      expect(a.summary, a.slug).toMatch(/[.!?]$/);
      // A sentence end followed by a new capitalised sentence means more than one sentence.
      expect(a.summary, a.slug).not.toMatch(/[.!?]["')]?\s+[A-Z]/);
    }
  });

  it('have Markdown bodies of 120–350 words with a subheading and several paragraphs', () => {
    for (const a of demoArticles) {
      const words = wordCount(a.body);
      expect(words, `${a.slug}: words`).toBeGreaterThanOrEqual(120);
      expect(words, `${a.slug}: words`).toBeLessThanOrEqual(350);
      expect(a.body, a.slug).toMatch(/^## \S/m);
      const paragraphs = blocks(a.body).filter((b) => !/^(#|[-*] |\d+\. |\||>)/.test(b));
      expect(paragraphs.length, `${a.slug}: paragraphs`).toBeGreaterThanOrEqual(3);
      expect(paragraphs.length, `${a.slug}: paragraphs`).toBeLessThanOrEqual(6);
      // An indented line would turn into a code block.
      expect(a.body, a.slug).not.toMatch(/^ {4}/m);
    }
  });

  it('use lists, quotes and links in many bodies, one table outside the lead, and some non-ASCII text', () => {
    const withExtras = demoArticles.filter((a) => /^(- |\d+\. |> )/m.test(a.body) || /\]\(https?:\/\//.test(a.body));
    expect(withExtras.length).toBeGreaterThanOrEqual(demoArticles.length / 2);
    const lead = [...demoArticles].sort((x, y) => x.hoursAgo - y.hoursAgo)[0]!;
    const tables = demoArticles.filter((a) => /^\|.*\|$/m.test(a.body));
    expect(tables.length).toBeGreaterThanOrEqual(1);
    expect(tables.map((a) => a.slug)).not.toContain(lead.slug);
    expect(demoArticles.some((a) => /[àâçéèêëîïôûùüÿœ«»]/.test(a.body))).toBe(true);
  });

  it('have hoursAgo within 1..500 and spread over the range', () => {
    for (const a of demoArticles) {
      expect(Number.isInteger(a.hoursAgo), a.slug).toBe(true);
      expect(a.hoursAgo, a.slug).toBeGreaterThanOrEqual(1);
      expect(a.hoursAgo, a.slug).toBeLessThanOrEqual(500);
    }
    const hours = demoArticles.map((a) => a.hoursAgo);
    expect(Math.min(...hours)).toBeLessThanOrEqual(6);
    expect(Math.max(...hours)).toBeGreaterThanOrEqual(400);
    // Distinct times give a stable "latest" order.
    expect(duplicates(hours.map(String))).toEqual([]);
  });

  it('have plausible starting views and reactions so Ranking is filled', () => {
    for (const a of demoArticles) {
      if (a.views !== undefined) {
        expect(Number.isInteger(a.views), a.slug).toBe(true);
        expect(a.views, a.slug).toBeGreaterThanOrEqual(20);
        expect(a.views, a.slug).toBeLessThanOrEqual(20000);
      }
      if (a.reactions !== undefined) {
        expect(Number.isInteger(a.reactions), a.slug).toBe(true);
        expect(a.reactions, a.slug).toBeGreaterThanOrEqual(0);
        expect(a.reactions, a.slug).toBeLessThanOrEqual(400);
      }
    }
    expect(demoArticles.filter((a) => (a.views ?? 0) > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('have about six editor picks', () => {
    const picks = demoArticles.filter((a) => a.recommended === true).length;
    expect(picks).toBeGreaterThanOrEqual(4);
    expect(picks).toBeLessThanOrEqual(8);
  });

  it('have 2–4 distinct lowercase tags, each used by at least 2 articles', () => {
    const uses = new Map<string, number>();
    for (const a of demoArticles) {
      expect(a.tags.length, a.slug).toBeGreaterThanOrEqual(2);
      expect(a.tags.length, a.slug).toBeLessThanOrEqual(4);
      expect(duplicates(a.tags), a.slug).toEqual([]);
      for (const t of a.tags) {
        expect(t, a.slug).toBe(t.toLowerCase());
        expect(t, a.slug).toBe(t.trim());
        expect(t, a.slug).not.toBe('');
        uses.set(t, (uses.get(t) ?? 0) + 1);
      }
    }
    const lonely = [...uses].filter(([, n]) => n < 2).map(([t]) => t);
    expect(lonely).toEqual([]);
  });

  it('give every article at least 10 others in the same category or sharing a tag, so Related fills 10', () => {
    // The simplest Related rule (shared tags, then same category) must already find 10 candidates.
    for (const a of demoArticles) {
      const related = demoArticles.filter(
        (b) => b !== a && (b.category === a.category || b.tags.some((t) => a.tags.includes(t))),
      );
      expect(related.length, a.slug).toBeGreaterThanOrEqual(10);
    }
  });
});
