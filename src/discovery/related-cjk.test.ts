import { describe, expect, it } from 'vitest';
import { analyzeDoc } from './analyzer.js';
import { RelatedIndex } from './related-index.js';
import type { DiscoveryDoc } from './types.js';

// A small site of original Chinese and Japanese articles, three stories per subject. Every article is
// full of punctuation and of single characters the others share too (的, 了, 是, 大, 新, 人, 水...);
// only the words of a subject tie its stories together.
const SITE: (DiscoveryDoc & { subject: string })[] = [
  // 高铁 (high-speed rail)
  { id: 1, subject: 'rail', lang: 'zh', title: '新高铁线路今天正式通车', text: '连接两座城市的高铁线路今天正式通车，列车最高时速三百五十公里。铁路部门表示，新线路将把旅行时间缩短一半，沿线车站已经做好了准备。' },
  { id: 2, subject: 'rail', lang: 'zh', title: '铁路部门增开高铁列车', text: '为了应对假期客流，铁路部门决定增开高铁列车。乘客可以通过网络购买车票，车站也增加了售票窗口。' },
  { id: 3, subject: 'rail', lang: 'zh', title: '高铁车站扩建工程开工', text: '城市东部的高铁车站扩建工程今天开工。扩建以后，车站可以同时停靠更多列车，铁路客流压力将明显减轻。' },
  // 茶叶 (tea growing)
  { id: 4, subject: 'tea', lang: 'zh', title: '山区茶农迎来春茶丰收', text: '今年春天雨水充足，山区茶园的春茶产量大增。茶农说，新茶的香气很好，茶叶价格也比去年高。' },
  { id: 5, subject: 'tea', lang: 'zh', title: '茶叶合作社帮助茶农增收', text: '当地成立了茶叶合作社，统一收购和加工山区茶园的春茶。合作社负责人说，茶农的收入比以前明显提高。' },
  { id: 6, subject: 'tea', lang: 'zh', title: '古老茶园吸引大批游客', text: '这座有三百年历史的茶园每年吸引大批游客。游客可以学习采茶和制茶，品尝当地的春茶。' },
  // 地震・防災 (earthquake preparedness)
  { id: 7, subject: 'quake', lang: 'ja', title: '大きな地震に備えて防災訓練', text: '市は大きな地震に備えて、住民と一緒に防災訓練を行いました。避難所までの道を確認し、非常食や水を準備することが大切だと説明しました。' },
  { id: 8, subject: 'quake', lang: 'ja', title: '地震の後の避難所の運営', text: '地震の後、避難所では多くの住民が生活します。市の担当者は、防災の計画に沿って避難所を運営する方法を話し合いました。' },
  { id: 9, subject: 'quake', lang: 'ja', title: '学校で地震の防災教育', text: '小学校で地震についての防災教育が行われました。子どもたちは揺れたときに机の下に入り、避難の方法を練習しました。' },
  // ラーメン (ramen)
  { id: 10, subject: 'ramen', lang: 'ja', title: '人気ラーメン店が新しいスープを発表', text: '駅前の人気ラーメン店は、魚と野菜を使った新しいスープを発表しました。店主は、麺の太さもスープに合わせて変えたと話しています。' },
  { id: 11, subject: 'ramen', lang: 'ja', title: 'ラーメンの麺を手作りする職人', text: 'この職人は毎朝、小麦粉から麺を手作りしています。ラーメンのスープとよく合う麺を作るために、水の量を細かく調整します。' },
  { id: 12, subject: 'ramen', lang: 'ja', title: '地元のラーメン祭りに行列', text: '週末に開かれたラーメン祭りには、全国の有名店が集まりました。客はスープや麺の違いを楽しみ、人気の店には長い行列ができました。' },
];

const subjectOf = new Map(SITE.map((d) => [d.id, d.subject]));

describe('Related on a Chinese and Japanese site', () => {
  const index = RelatedIndex.build(SITE);

  it('lists the other stories of the same subject first', () => {
    for (const doc of SITE) {
      const top = index.related(doc.id, 2);
      expect(top, doc.title).toHaveLength(2);
      expect(top.map((id) => subjectOf.get(id)), doc.title).toEqual([doc.subject, doc.subject]);
    }
  });

  it('ties stories by shared words of two or more characters, never by punctuation or single characters', () => {
    const terms = new Map(SITE.map((d) => [d.id, new Set(analyzeDoc(d).terms)]));
    for (const t of terms.values()) {
      for (const term of t) {
        expect(term.length, term).toBeGreaterThan(1);
        expect(term, term).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
      }
    }
    // The first story listed shares at least one such word (later ones may come through the stories
    // in between: pseudo-relevance feedback and the latent layer).
    for (const doc of SITE) {
      const first = index.related(doc.id, 1)[0]!;
      const shared = [...terms.get(doc.id)!].filter((term) => terms.get(first)!.has(term));
      expect(shared.length, `${doc.title} → ${first}`).toBeGreaterThan(0);
    }
  });

  it('an article that shares only single characters with the others is related to nothing', () => {
    // 大, 新, 人, 水, 的, 了... but no word of any subject.
    const loner: DiscoveryDoc = { id: 99, lang: 'zh', title: '大人的新水', text: '大人说了，新水是人的，水大了，人新了。' };
    const withLoner = RelatedIndex.build([...SITE, loner]);
    expect(withLoner.related(99, 5)).toEqual([]);
    for (const doc of SITE) expect(withLoner.related(doc.id, 3)).not.toContain(99);
  });
});
