import { describe, expect, it } from 'vitest';
import { decodeSections, encodeSections, writeSections, type SectionsToWrite } from './binary-sections.js';
import { Vocabulary } from './vocabulary.js';

const KIND = { kind: 'test-sections', version: 3 };

function sample(): SectionsToWrite {
  // Large enough to cross several 1 MiB chunks, with sections of odd byte lengths between them.
  const big = new Float32Array(700_000).map((_, i) => Math.sin(i));
  return {
    ...KIND,
    meta: { note: 'ünïcode' },
    sections: new Map<string, Float32Array | Uint8Array | Int32Array | { kind: typeof Int32Array; count: number; parts: () => Iterable<Int32Array> }>([
      ['odd', Uint8Array.from([1, 2, 3])],
      ['big', big],
      ['empty', new Int32Array(0)],
      ['joined', { kind: Int32Array, count: 9, parts: () => [Int32Array.of(1, 2), new Int32Array(0), Int32Array.of(3, 4, 5, 6, 7, 8, 9)] }],
    ]),
  };
}

describe('binary sections', () => {
  it('writes in chunks of at most 1 MiB what reads back whole, parts joined into one section', () => {
    const chunks: Uint8Array[] = [];
    const total = writeSections(sample(), (bytes) => chunks.push(bytes.slice()));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    expect(chunks.length).toBeGreaterThan(2);
    const bytes = encodeSections(sample());
    expect(bytes.length).toBe(total);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    const file = decodeSections(bytes, KIND);
    expect(file.meta).toEqual({ note: 'ünïcode' });
    expect([...file.sections.get('odd')!]).toEqual([1, 2, 3]);
    expect(file.sections.get('big')![699_999]).toBeCloseTo(Math.sin(699_999), 5);
    expect(file.sections.get('empty')!.length).toBe(0);
    expect([...file.sections.get('joined')!]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses parts that do not add up to their count, or of another type', () => {
    const short: SectionsToWrite = { ...KIND, meta: null, sections: new Map([['s', { kind: Int32Array, count: 4, parts: () => [Int32Array.of(1)] }]]) };
    expect(() => encodeSections(short)).toThrow(/parts hold 4 bytes, not 16/);
    const mixed: SectionsToWrite = { ...KIND, meta: null, sections: new Map([['s', { kind: Int32Array, count: 1, parts: () => [Float32Array.of(1)] }]]) };
    expect(() => encodeSections(mixed)).toThrow(/another type/);
  });

  it('names a file of the older layout, and refuses a flipped bit anywhere', () => {
    const bytes = encodeSections(sample());
    const older = bytes.slice();
    older.set(new TextEncoder().encode('MHSECT01'), 0);
    expect(() => decodeSections(older, KIND)).toThrow(/older layout \(MHSECT01\)/);
    for (const at of [20, 4000, bytes.length - 9]) {
      const flipped = bytes.slice();
      flipped[at]! ^= 1;
      expect(() => decodeSections(flipped, KIND)).toThrow(TypeError);
    }
  });
});

describe('Vocabulary', () => {
  it('answers from its packed form, gives new terms the next ids, and packs back as it was', () => {
    const v = Vocabulary.packed(Uint32Array.of(3, 5, 1), 'catmouseé');
    expect(v.size).toBe(3);
    expect(v.pack()).toEqual({ lengths: Uint32Array.of(3, 5, 1), text: 'catmouseé' });
    expect(v.idOf('mouse')).toEqual({ id: 1, isNew: false });
    expect(v.idOf('dog')).toEqual({ id: 3, isNew: true });
    expect(v.terms()).toEqual(['cat', 'mouse', 'é', 'dog']);
    expect(v.pack()).toEqual({ lengths: Uint32Array.of(3, 5, 1, 3), text: 'catmouseédog' });
  });

  it('refuses lengths that do not cover the text, and a term listed twice', () => {
    expect(() => Vocabulary.packed(Uint32Array.of(3, 4), 'catmouse')).toThrow(/does not match/);
    expect(() => Vocabulary.packed(Uint32Array.of(3, 3), 'catcat').idOf('dog')).toThrow(/listed twice/);
  });
});
