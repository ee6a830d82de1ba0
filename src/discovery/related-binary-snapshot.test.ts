import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSections, encodeSections } from './binary-sections.js';
import { RelatedIndex } from './related-index.js';
import type { DiscoveryDoc } from './types.js';

// A real sample (HuffPost, 6 sections × 50), with tags, sections and dates, so every part of the
// index (postings, label lists, fingerprints, the latent space) is exercised.
function sample(): DiscoveryDoc[] {
  const lines = readFileSync(new URL('../../test/fixtures/huffpost_tiny300.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.trim());
  const sections = new Map<string, number>();
  return lines.map((line, i) => {
    const r = JSON.parse(line) as { title: string; summary?: string; category: string; date?: string };
    if (!sections.has(r.category)) sections.set(r.category, sections.size + 1);
    return {
      id: i + 1,
      title: r.title,
      text: r.summary ?? '',
      tags: i % 3 === 0 ? [r.category.toLowerCase()] : [],
      categoryId: sections.get(r.category)!,
      ...(r.date ? { publishedAt: Date.parse(r.date) } : {}),
    };
  });
}

const NOW = Date.parse('2022-10-01T00:00:00Z');

function expectSameAnswers(a: RelatedIndex, b: RelatedIndex): void {
  expect(b.size).toBe(a.size);
  expect(b.ids().sort((x, y) => x - y)).toEqual(a.ids().sort((x, y) => x - y));
  for (const id of a.ids()) expect(b.related(id, 10, { now: NOW })).toEqual(a.related(id, 10, { now: NOW }));
  expect(b.similarTo([1, 2, 3, 50], 10, { now: NOW })).toEqual(a.similarTo([1, 2, 3, 50], 10, { now: NOW }));
}

describe('RelatedIndex binary snapshot', () => {
  it('restores an index that answers exactly as the original, and keeps doing so through later changes', () => {
    const docs = sample();
    const index = RelatedIndex.build(docs);
    // Changes after the build: the restored state must include the rolling refresh's work too.
    index.upsert({ ...docs[10]!, title: 'Senate votes on the budget bill' });
    index.remove(20);
    const { index: restored, watermark } = RelatedIndex.fromBinarySnapshot(index.toBinarySnapshot({ syncedThrough: 42 }));
    expect(watermark).toEqual({ syncedThrough: 42 });
    expectSameAnswers(index, restored);
    expect(restored.has(20)).toBe(false);
    const more: DiscoveryDoc[] = [
      { id: 1000, title: 'Striker injured before the derby', text: 'The club fears the worst for the league.', tags: ['sports'], categoryId: 4, publishedAt: NOW },
      { ...docs[30]!, title: 'A new telescope finds a planet' },
    ];
    for (const d of more) {
      expect(restored.upsert(d).sort()).toEqual(index.upsert(d).sort());
    }
    expect(restored.remove(5)).toEqual(index.remove(5));
    expectSameAnswers(index, restored);
  });

  it('round-trips an empty index', () => {
    const { index } = RelatedIndex.fromBinarySnapshot(RelatedIndex.build([]).toBinarySnapshot(null));
    expect(index.size).toBe(0);
    index.upsert({ id: 1, title: 'First article', text: 'Words of the first article' });
    expect(index.has(1)).toBe(true);
  });

  it('refuses a corrupted, truncated, foreign or other-version file, and one made with other options', () => {
    const bytes = RelatedIndex.build(sample()).toBinarySnapshot({});
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)]! ^= 0x40;
    expect(() => RelatedIndex.fromBinarySnapshot(flipped)).toThrow(/checksum/);
    expect(() => RelatedIndex.fromBinarySnapshot(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
    expect(() => RelatedIndex.fromBinarySnapshot(bytes.subarray(0, 10))).toThrow(TypeError);
    expect(() => RelatedIndex.fromBinarySnapshot(new TextEncoder().encode('{"format":"masthead-related-index"}'))).toThrow(/magic/);
    const file = decodeSections(bytes, { kind: 'masthead-related-index', version: 1 });
    expect(() => RelatedIndex.fromBinarySnapshot(encodeSections({ ...file, version: 2 }))).toThrow(/version 2/);
    expect(() => RelatedIndex.fromBinarySnapshot(encodeSections({ ...file, kind: 'something-else' }))).toThrow(TypeError);
    expect(() => RelatedIndex.fromBinarySnapshot(bytes, { titleWeight: 3 })).toThrow(/other related options/);
    // A section that lost its tail still passes the checksum when re-encoded: the parts must fit together.
    const sections = new Map(file.sections);
    sections.set('slots.ids', (sections.get('slots.ids') as Float64Array).subarray(1));
    expect(() => RelatedIndex.fromBinarySnapshot(encodeSections({ ...file, sections }))).toThrow(TypeError);
  });
});
