import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelatedIndex } from './related-index.js';
import type { DiscoveryDoc } from './types.js';

const SPORT = [
  'Striker scores twice as United beat City in the derby at the stadium',
  'Goalkeeper saves penalty as the league leaders draw with their rivals',
  'Manager sacked after the club loses five league matches in a row',
  'Champions league final: the striker and the goalkeeper face off in the stadium',
  'Transfer window: the club signs a young striker from a rival league team',
];
const POLITICS = [
  'Parliament votes on the budget as the minister faces a rebellion over taxes',
  'Prime minister calls an early election after the budget vote in parliament fails',
  'Opposition leader attacks the government over taxes and the election date',
  'Senate committee delays the vote on the tax bill proposed by the minister',
  'Election polls show the opposition ahead as the government budget stalls',
];
const SCIENCE = [
  'Astronomers find water vapour on a distant planet orbiting a small star',
  'Telescope images reveal a new planet forming around a young star',
  'Space agency launches a probe to study the atmosphere of the planet Venus',
  'Physicists measure gravitational waves from two colliding black holes in space',
  'Mars rover finds traces of ancient water on the red planet',
];

function corpus(): DiscoveryDoc[] {
  const docs: DiscoveryDoc[] = [];
  [SPORT, POLITICS, SCIENCE].forEach((group, g) =>
    group.forEach((title, i) => docs.push({ id: (g + 1) * 100 + i, title, text: `${title}. ${title.toLowerCase()}` })),
  );
  return docs;
}

const group = (id: number): number => Math.floor(id / 100);

describe('RelatedIndex basics', () => {
  it('returns articles on the same subject, never the article itself', () => {
    const index = RelatedIndex.build(corpus());
    expect(index.size).toBe(15);
    for (const doc of corpus()) {
      const list = index.related(doc.id, 3);
      expect(list).not.toContain(doc.id);
      expect(list.length).toBeGreaterThan(0);
      expect(group(list[0]!)).toBe(group(doc.id));
    }
  });

  it('honours k, exclude, unknown ids and non-positive k', () => {
    const index = RelatedIndex.build(corpus());
    expect(index.related(100, 2)).toHaveLength(2);
    const first = index.related(100, 1)[0]!;
    expect(index.related(100, 4, { exclude: new Set([first]) })).not.toContain(first);
    expect(index.related(999, 5)).toEqual([]);
    expect(index.related(100, 0)).toEqual([]);
    expect(index.has(100)).toBe(true);
    expect(index.has(999)).toBe(false);
  });

  it('rejects documents without an integer id', () => {
    const index = new RelatedIndex();
    expect(() => index.upsert({ id: 1.5, title: 'x', text: 'y' })).toThrow(TypeError);
    expect(() => index.upsert({ id: Number.NaN, title: 'x', text: 'y' })).toThrow(TypeError);
  });

  it('weights the title above the body', () => {
    // Article 1 shares two title words with article 2, but three words (one in a title) with article 3.
    const docs: DiscoveryDoc[] = [
      { id: 1, title: 'Volcano erupts', text: 'Flights grounded.' },
      { id: 2, title: 'Volcano erupts again', text: 'Villages covered.' },
      { id: 3, title: 'Flights grounded by strike', text: 'A volcano film plays in the lounge.' },
      { id: 4, title: 'Airline profits', text: 'Summer bookings up.' },
    ];
    expect(RelatedIndex.build(docs).related(1, 1)).toEqual([2]);
    expect(RelatedIndex.build(docs, { titleWeight: 1 }).related(1, 1)).toEqual([3]);
  });
});

describe('RelatedIndex near-duplicates', () => {
  const story =
    'The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent ' +
    'inflation in services and a labour market that remains tight, and signalled that further increases could ' +
    'follow if price pressures do not ease in the coming months.';
  const docs: DiscoveryDoc[] = [
    { id: 1, title: 'Central bank raises rates', text: story },
    { id: 2, title: 'Central bank raises interest rates', text: `By staff. ${story}` },
    { id: 3, title: 'Bank lifts rates again', text: `${story} Markets took the news calmly.` },
    { id: 4, title: 'Inflation keeps central bank busy', text: 'Inflation in services stays high, so the central bank may raise the interest rate again, economists said.' },
    { id: 5, title: 'Rate rise hits mortgage holders', text: 'Mortgage holders face higher payments after the central bank raised its interest rate by a quarter point.' },
    { id: 6, title: 'Labour market remains tight', text: 'Wages grow as the labour market remains tight and inflation persists, the statistics office said.' },
  ];

  it('never lists a retelling of the query story', () => {
    const index = RelatedIndex.build(docs);
    const list = index.related(1, 5);
    expect(list).not.toContain(2);
    expect(list).not.toContain(3);
    expect(list).toEqual(expect.arrayContaining([4, 5]));
  });

  it('never lists two tellings of one story together', () => {
    const index = RelatedIndex.build(docs);
    const list = index.related(5, 5);
    const copies = list.filter((id) => id === 1 || id === 2 || id === 3);
    expect(copies).toHaveLength(1);
  });

  it('still fills the list when many copies of one story crowd the candidate pool', () => {
    const copies: DiscoveryDoc[] = Array.from({ length: 30 }, (_, i) => ({ id: 1000 + i, title: 'Central bank raises rates', text: story }));
    const others: DiscoveryDoc[] = [
      { id: 2000, title: 'Interest rate rise expected', text: 'Economists expect the central bank to raise the interest rate as inflation persists.' },
      { id: 2001, title: 'Mortgage payments climb', text: 'Mortgage holders pay more after the central bank raised its interest rate.' },
      { id: 2002, title: 'Inflation in services', text: 'Services inflation remains persistent, the central bank said in a statement.' },
    ];
    const query: DiscoveryDoc = {
      id: 3000,
      title: 'Central bank raises rates',
      text: 'The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent inflation in services. Analysts had expected it.',
    };
    const index = RelatedIndex.build([...copies, ...others, query], { candidates: 4 });
    const list = index.related(3000, 3);
    expect(list).toHaveLength(3);
    // Never two tellings of one story (the latent layer may rank the three other stories first).
    expect(list.filter((id) => id >= 1000 && id < 2000).length).toBeLessThanOrEqual(1);
  });

  it('keeps near-duplicates out when no threshold would let anything through (sanity of the option)', () => {
    const index = RelatedIndex.build(docs, { nearDuplicateJaccard: 1.01 });
    expect(index.related(1, 5)).toEqual(expect.arrayContaining([2, 3]));
  });
});

describe('RelatedIndex incremental updates', () => {
  it('upsert adds an article that then appears in its neighbours lists, and reports them as affected', () => {
    const index = RelatedIndex.build(corpus());
    const before = index.related(500 === 500 ? 300 : 0, 10);
    expect(before).not.toContain(900);
    const affected = index.upsert({
      id: 900,
      title: 'Astronomers find a new planet with water around a distant star',
      text: 'The telescope found water vapour on the planet.',
    });
    expect(index.size).toBe(16);
    expect(affected).toContain(900);
    expect(affected).toContain(300);
    expect(index.related(300, 10)).toContain(900);
    expect(group(index.related(900, 1)[0]!)).toBe(3);
  });

  it('upsert of an existing id replaces its text and moves it to another subject', () => {
    const index = RelatedIndex.build(corpus());
    expect(group(index.related(100, 1)[0]!)).toBe(1);
    const affected = index.upsert({ id: 100, title: 'Parliament budget vote and taxes', text: 'The minister and the election.' });
    expect(index.size).toBe(15);
    expect(group(index.related(100, 1)[0]!)).toBe(2);
    expect(affected.some((id) => group(id) === 1)).toBe(true);
    expect(affected.some((id) => group(id) === 2)).toBe(true);
  });

  it('remove takes an article out of every list and reports who listed it', () => {
    const index = RelatedIndex.build(corpus());
    const listed = index.related(200, 1)[0]!;
    const affected = index.remove(listed);
    expect(affected).toContain(200);
    expect(index.has(listed)).toBe(false);
    expect(index.size).toBe(14);
    for (const doc of corpus()) expect(index.related(doc.id, 20)).not.toContain(listed);
    expect(index.remove(listed)).toEqual([]);
  });

  it('an index grown one upsert at a time answers like one built in bulk', () => {
    // A constant idf offset: with one that follows ln N, articles weighed while the site was smaller
    // keep weights within the refresh tolerance, and near-ties may swap (the next test).
    const lexical = { latentDim: 0, idfOffset: 8, idfOffsetPerLogN: 0 };
    const bulk = RelatedIndex.build(corpus(), lexical);
    const grown = new RelatedIndex({ refreshPerUpdate: 100, ...lexical });
    for (const doc of corpus()) grown.upsert(doc);
    for (const doc of corpus()) expect(grown.related(doc.id, 3)).toEqual(bulk.related(doc.id, 3));
  });

  it('with the latent layer, an index grown by upserts finds the same neighbours as a bulk build', () => {
    // Context vectors are sums over weights the rolling refresh rewrites only once they drift by more
    // than its tolerance, so near-ties may swap places; the neighbours themselves must not change.
    const bulk = RelatedIndex.build(corpus());
    const grown = new RelatedIndex({ refreshPerUpdate: 100 });
    for (const doc of corpus()) grown.upsert(doc);
    for (const doc of corpus()) {
      const b = bulk.related(doc.id, 3);
      const g = grown.related(doc.id, 3);
      expect(g[0]).toBe(b[0]);
      expect([...g].sort()).toEqual([...b].sort());
    }
  });

  it('a term shared for the first time makes the earlier holder findable at once', () => {
    const index = new RelatedIndex({ refreshPerUpdate: 0 });
    for (const doc of corpus()) index.upsert(doc);
    index.upsert({ id: 901, title: 'Zorblax quantum widget unveiled', text: 'The zorblax is new.' });
    index.upsert({ id: 902, title: 'Zorblax sales soar', text: 'Everyone wants a zorblax.' });
    expect(index.related(902, 1)).toEqual([901]);
    expect(index.related(901, 1)).toEqual([902]);
  });
});

describe('RelatedIndex bad input', () => {
  const base = corpus();

  it('copes with empty titles and bodies, markup, emoji and odd values without crashing', () => {
    const index = RelatedIndex.build(base);
    const odd: DiscoveryDoc[] = [
      { id: 1, title: '', text: '' },
      { id: 2, title: '🎉🎉🎉', text: '😀 🚀 ✨' },
      { id: 3, title: '<h1>Striker <em>scores</em></h1>', text: '<p>The <b>striker</b> scores in the <a href="/x">derby</a> at the stadium.</p><script>alert(1)</script>' },
      { id: 4, title: 'Astronomers: planet! **water**', text: '# Heading\n\n[telescope](https://example.com) found a *planet* and a star.' },
      { id: 5, title: undefined as unknown as string, text: null as unknown as string },
    ];
    for (const d of odd) expect(() => index.upsert(d)).not.toThrow();
    expect(index.related(1, 5)).toEqual([]);
    expect(group(index.related(3, 1)[0]!)).toBe(1);
    expect(group(index.related(4, 1)[0]!)).toBe(3);
    expect(index.related(100, 10)).not.toContain(1);
  });

  it('handles a 5 MB body quickly and still relates it', () => {
    const index = RelatedIndex.build(base);
    const huge = `<div>${'The striker scores in the derby at the stadium. '.repeat(110_000)}</div>`;
    expect(huge.length).toBeGreaterThan(5_000_000);
    const t0 = performance.now();
    index.upsert({ id: 7, title: 'Derby day', text: huge });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(group(index.related(7, 1)[0]!)).toBe(1);
  });

  it('relates mixed-script and right-to-left articles by their shared words', () => {
    const docs: DiscoveryDoc[] = [
      ...base,
      { id: 11, title: '北京 会议 讨论 气候 变化', text: '气候 变化 会议 在 北京 举行' },
      { id: 12, title: '气候 变化 新 报告', text: '报告 显示 气候 变化 加剧' },
      { id: 13, title: 'الانتخابات البرلمانية في مصر', text: 'نتائج الانتخابات البرلمانية' },
      { id: 14, title: 'نتائج الانتخابات', text: 'الانتخابات البرلمانية والحكومة' },
      { id: 15, title: 'ฟุตบอลไทยชนะ', text: 'ทีมฟุตบอลไทยชนะการแข่งขัน' },
      { id: 16, title: 'ฟุตบอลไทยแพ้', text: 'ทีมฟุตบอลไทยแพ้การแข่งขันนัดสำคัญ' },
      { id: 17, title: 'Climate 气候 summit in Beijing 北京', text: 'Leaders discuss climate change 气候 变化.' },
    ];
    const index = RelatedIndex.build(docs);
    expect(index.related(11, 2)).toEqual(expect.arrayContaining([12]));
    expect(index.related(13, 1)).toEqual([14]);
    expect(index.related(15, 1)).toEqual([16]);
    expect(index.related(17, 3)).toEqual(expect.arrayContaining([11]));
  });

  it('gives an article without text a list from its tags and category', () => {
    const docs: DiscoveryDoc[] = [
      ...base,
      { id: 21, title: '', text: '', tags: ['Élections 2024'], categoryId: 7 },
      { id: 22, title: 'Voters queue early', text: 'Turnout is high.', tags: ['elections-2024'], categoryId: 3 },
      { id: 23, title: 'Counting continues', text: 'Results expected tomorrow.', categoryId: 7 },
      { id: 24, title: 'Weather', text: 'Sunny spells.' },
    ];
    const index = RelatedIndex.build(docs);
    const list = index.related(21, 5);
    expect(list[0]).toBe(22);
    expect(list).toContain(23);
    expect(list).not.toContain(24);
  });

  it('keeps label boosts bounded: text similarity still wins over a shared category', () => {
    const docs = corpus().map((d) => ({ ...d, categoryId: group(d.id) === 1 ? 1 : 2 }));
    const index = RelatedIndex.build(docs);
    expect(group(index.related(300, 1)[0]!)).toBe(3);
  });
});

describe('RelatedIndex freshness and reading sets', () => {
  it('prefers the newer of two equally close articles only when `now` is given', () => {
    const day = 86_400_000;
    const now = Date.UTC(2025, 0, 31);
    const docs: DiscoveryDoc[] = [
      { id: 1, title: 'Volcano erupts on the island', text: 'Lava and ash.', publishedAt: now },
      { id: 2, title: 'Volcano erupts on the island again', text: 'Lava and ash.', publishedAt: now - 400 * day },
      { id: 3, title: 'Volcano erupts on the island again', text: 'Lava and ash!', publishedAt: now - 1 * day },
      { id: 4, title: 'Election results', text: 'Votes counted.' },
    ];
    const index = RelatedIndex.build(docs, { nearDuplicateJaccard: 1.01 });
    expect(index.related(1, 2)).toEqual([2, 3]);
    expect(index.related(1, 2, { now })).toEqual([3, 2]);
  });

  it('similarTo finds articles close to a set and excludes the set', () => {
    const index = RelatedIndex.build(corpus());
    const list = index.similarTo([300, 301], 3);
    expect(list).not.toContain(300);
    expect(list).not.toContain(301);
    expect(list.every((id) => group(id) === 3)).toBe(true);
    expect(index.similarTo([], 3)).toEqual([]);
    expect(index.similarTo([12345], 3)).toEqual([]);
  });
});

describe('RelatedIndex snapshots', () => {
  it('round-trips through JSON and answers exactly as before, including later updates', () => {
    const index = RelatedIndex.build([...corpus(), { id: 50, title: '', text: '', tags: ['derby'], categoryId: 4, publishedAt: 1 }]);
    const restored = RelatedIndex.fromSnapshot(JSON.parse(JSON.stringify(index.toSnapshot())));
    expect(restored.size).toBe(index.size);
    for (const id of index.ids()) expect(restored.related(id, 5)).toEqual(index.related(id, 5));
    const extra = { id: 60, title: 'Striker injured before the derby', text: 'The club fears the worst for the league.' };
    index.upsert(extra);
    restored.upsert(extra);
    expect(restored.related(60, 5)).toEqual(index.related(60, 5));
  });

  it('rejects snapshots that are not snapshots', () => {
    expect(() => RelatedIndex.fromSnapshot(null)).toThrow(TypeError);
    expect(() => RelatedIndex.fromSnapshot({ format: 'other' })).toThrow(TypeError);
    const snap = RelatedIndex.build(corpus()).toSnapshot() as Record<string, unknown>;
    expect(() => RelatedIndex.fromSnapshot({ ...snap, bagTerms: 'not base64!' })).toThrow(TypeError);
    expect(() => RelatedIndex.fromSnapshot({ ...snap, ids: [1] })).toThrow(TypeError);
  });
});

describe('RelatedIndex quality on a real sample (HuffPost, 6 categories x 50)', () => {
  it('reaches precision@10 far above chance without reading the labels', () => {
    const lines = readFileSync(new URL('../../test/fixtures/huffpost_tiny300.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const labels = new Map<number, string>();
    const docs: DiscoveryDoc[] = lines.map((line, i) => {
      const r = JSON.parse(line) as { title: string; summary?: string; body?: string; category: string };
      labels.set(i + 1, r.category);
      return { id: i + 1, title: r.title, text: r.summary ?? r.body ?? '' };
    });
    const index = RelatedIndex.build(docs);
    let hits = 0;
    for (const d of docs) {
      for (const other of index.related(d.id, 10)) if (labels.get(other) === labels.get(d.id)) hits++;
    }
    const precision = hits / (docs.length * 10);
    // Chance is 49/299 = 0.16.
    expect(precision).toBeGreaterThan(0.4);
  });
});

describe('RelatedIndex: one shared word is not enough', () => {
  // A film obituary and court stories share the word "bond" and nothing else.
  const BOND_SITE: DiscoveryDoc[] = [
    { id: 1, title: 'Sean Connery, the first James Bond, dies at 90', text: 'The Scottish actor who played the spy in seven films died at his home. The film star won an Oscar and was knighted.' },
    { id: 2, title: 'Daniel Craig says James Bond should stay a man', text: 'The actor, who played the spy in five films, spoke about the next film and the casting of the role.' },
    { id: 3, title: 'Casting the next James Bond', text: 'Producers of the spy films say the actor chosen for the role will sign for three films.' },
    { id: 4, title: 'Film star dies at 88 after a long career', text: 'The actor made more than forty films and won an Oscar for a role as a spy in a war film.' },
    { id: 5, title: 'Oscar winning actor remembered by film stars', text: 'Actors and directors remembered the star of many films, who died this week at home in Scotland.' },
    { id: 6, title: 'New spy film tops the box office', text: 'The spy film starring an Oscar winning actor took the weekend box office as the studio planned a sequel.' },
    { id: 7, title: 'Singer held on $1 million bond', text: 'A judge set bail at one million dollars after prosecutors charged the singer with fraud in court.' },
    { id: 8, title: 'Judge denies bond for rapper', text: 'The judge refused bail after prosecutors told the court the rapper might flee before the trial.' },
    { id: 9, title: 'Actress free after posting bond', text: 'She was released from jail after posting bail, her lawyer told the court, ahead of the fraud trial.' },
    { id: 10, title: 'Bond set at $500,000 for former mayor', text: 'Prosecutors asked the court to hold the former mayor without bail, but the judge set a bond on fraud charges.' },
    { id: 11, title: 'Court hears fraud case against bank', text: 'Prosecutors told the judge the bank hid losses; the trial in federal court continues next week.' },
    { id: 12, title: 'Jury convicts man of fraud after trial', text: 'The jury found him guilty of fraud; the judge will sentence him next month, prosecutors said in court.' },
    { id: 13, title: 'Studio plans a prequel to the spy films', text: 'The studio said a young actor will play the spy in a film about the early years of the role.' },
    { id: 14, title: 'Director of war films dies', text: 'The director made war films with many Oscar winning actors and died at his home at 85.' },
  ];
  const court = new Set([7, 8, 9, 10, 11, 12]);

  it('the lexical engine alone would list the court stories (the trap is real)', () => {
    const lexical = RelatedIndex.build(BOND_SITE, { latentDim: 0 });
    expect(lexical.related(1, 10).some((id) => court.has(id))).toBe(true);
  });

  it('neither Related nor content suggestions list a story whose only tie is one word the rest of the text disagrees with', () => {
    const index = RelatedIndex.build(BOND_SITE);
    const related = index.related(1, 10);
    expect(related.slice(0, 3)).toEqual(expect.arrayContaining([2]));
    expect(related.filter((id) => court.has(id))).toEqual([]);
    const suggested = index.similarTo([1], 13);
    expect(suggested.length).toBeGreaterThan(3);
    expect(suggested.filter((id) => court.has(id))).toEqual([]);
  });

  it('an index grown by upserts keeps the court stories out too', () => {
    const index = new RelatedIndex();
    for (const doc of BOND_SITE) index.upsert(doc);
    expect(index.related(1, 10).filter((id) => court.has(id))).toEqual([]);
    expect(index.similarTo([1], 13).filter((id) => court.has(id))).toEqual([]);
  });
});
