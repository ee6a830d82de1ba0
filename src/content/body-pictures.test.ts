import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import type { MediaImage } from './types.js';
import { bodyImageShas } from './body-pictures.js';
import { feedBodyHtml, renderBody } from './safe-html.js';

const SHA = 'a'.repeat(64);
const image: MediaImage = {
  id: 7, sha256: SHA, filename: 'harbour.jpg', format: 'jpeg', width: 1600, height: 900, bytes: 100_000,
  alt: 'Boats in the harbour at dawn', caption: 'The fleet leaves at five.', credit: 'Courier staff', createdAt: 0,
  variants: [320, 640, 960, 1280, 1600].flatMap((w) => (['avif', 'webp', 'jpeg'] as const).map((format) => ({
    name: `${SHA}-${w}.${format === 'jpeg' ? 'jpg' : format}`, format, width: w, height: Math.round((900 * w) / 1600), bytes: 1000,
  }))),
};
const images = new Map([[SHA, image]]);

describe('pictures in an article body', () => {
  it('finds the media-store images a Markdown body points at', () => {
    expect(bodyImageShas(`Text ![a](/media/${SHA}-1280.jpg) and ![b](https://example.com/x.png) ![c](/media/${SHA}-640.webp)`)).toEqual([SHA]);
  });

  it('renders a media-store image alone in its paragraph as a figure with a responsive picture and its caption', () => {
    const html = renderBody(`Before.\n\n![Fishing boats](/media/${SHA}-1280.jpg "Dawn on the quay")\n\nAfter.`, 'markdown', images);
    const root = parse(html);
    const figure = root.querySelector('figure.body-figure')!;
    expect(figure).toBeTruthy();
    expect(figure.parentNode?.tagName ?? null).toBeNull(); // not inside a <p>
    const sources = figure.querySelectorAll('picture source');
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]!.getAttribute('srcset')).toContain(`/media/${SHA}-320.avif 320w`);
    const img = figure.querySelector('picture img')!;
    expect(img.getAttribute('srcset')).toContain(`/media/${SHA}-1600.jpg 1600w`);
    expect(img.getAttribute('sizes')).toBeTruthy();
    expect(img.getAttribute('width')).toBe('1600');
    expect(img.getAttribute('height')).toBe('900');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('alt')).toBe('Fishing boats');
    expect(figure.querySelector('figcaption')!.text).toBe('Dawn on the quay Courier staff');
    expect(root.querySelectorAll('p').map((p) => p.text)).toEqual(['Before.', 'After.']);
  });

  it("takes the store's alt text and caption when the Markdown gives none", () => {
    const root = parse(renderBody(`![](/media/${SHA}-1280.jpg)`, 'markdown', images));
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('Boats in the harbour at dawn');
    expect(root.querySelector('figcaption')!.text).toContain('The fleet leaves at five.');
  });

  it('renders an image inside a sentence as a picture without a figure', () => {
    const root = parse(renderBody(`See ![boats](/media/${SHA}-640.jpg) here.`, 'markdown', images));
    expect(root.querySelector('p picture img')).toBeTruthy();
    expect(root.querySelector('figure')).toBeNull();
  });

  it('keeps external and unknown images as sanitized, lazy <img>', () => {
    const html = renderBody(`![x](https://example.com/a.png)\n\n![y](/media/${'b'.repeat(64)}-640.jpg)\n\n![z](javascript:alert(1))`, 'markdown', images);
    expect(html).toContain('<img src="https://example.com/a.png" alt="x" loading="lazy" />');
    expect(html).toContain(`<img src="/media/${'b'.repeat(64)}-640.jpg" alt="y" loading="lazy" />`);
    expect(html).not.toMatch(/src="javascript:|<picture/);
  });

  it('escapes alt text and captions, and a srcset with a foreign scheme in raw HTML is dropped', () => {
    const html = renderBody(`![a "quote" <b>](/media/${SHA}-640.jpg "<script>x</script>")\n\n<img src="https://e.x/a.png" srcset="javascript:alert(1) 1x">`, 'markdown', images);
    expect(html).not.toMatch(/<script|<b>|javascript:/);
    expect(parse(html).querySelector('figure img')!.getAttribute('alt')).toBe('a "quote" <b>'); // as text, escaped
  });

  it('gives feeds the <img> alone with an absolute address', () => {
    const html = feedBodyHtml(renderBody(`![boats](/media/${SHA}-1280.jpg)`, 'markdown', images), 'https://news.example/articles/x');
    const img = parse(html).querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`https://news.example/media/${SHA}-640.jpg`);
    expect(img.getAttribute('srcset')).toBeUndefined();
    expect(html).not.toContain('<source');
  });
});
