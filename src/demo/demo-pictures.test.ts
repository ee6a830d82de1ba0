import { describe, expect, it } from 'vitest';
import { demoArticles } from './demo-content.js';
import { demoPictures, pictureFor, PICTURE_HEIGHT, PICTURE_WIDTH } from './demo-pictures.js';

describe('demo pictures', () => {
  it('give every demo article a picture', () => {
    for (const a of demoArticles) expect(pictureFor(a.tags, a.category), a.slug).toBeDefined();
  });
  it('are SVG drawings without text (no font needed) and with alt text and a caption', () => {
    expect(new Set(demoPictures.map((p) => p.key)).size).toBe(demoPictures.length);
    for (const p of demoPictures) {
      const svg = p.svg();
      expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}"`), p.key).toBe(true);
      expect(svg).not.toMatch(/<text|<image|href=/);
      expect(svg).toBe(p.svg());
      expect(p.alt.length).toBeGreaterThan(20);
      expect(p.caption).toBeTruthy();
    }
  });
  it('are each used by some article', () => {
    const used = new Set(demoArticles.map((a) => pictureFor(a.tags, a.category)?.key));
    for (const p of demoPictures) expect(used.has(p.key), p.key).toBe(true);
  });
});
