import { describe, expect, it } from 'vitest';
import { planVariants, variantFormats, variantMime, variantName, VARIANT_NAME } from './variant-plan.js';

const widths = (plan: { width: number }[]) => [...new Set(plan.map((v) => v.width))];

describe('planVariants', () => {
  it('never upscales: a small original gets only its own width', () => {
    expect(widths(planVariants(200, 100, 'jpeg'))).toEqual([200]);
  });
  it('keeps the standard widths below the original and the original width', () => {
    expect(widths(planVariants(1100, 600, 'jpeg'))).toEqual([320, 640, 960, 1100]);
  });
  it('caps a large original at the widest standard width', () => {
    expect(widths(planVariants(4000, 3000, 'jpeg'))).toEqual([320, 640, 960, 1280, 1920]);
  });
  it('drops a standard width within 10% of the original width', () => {
    expect(widths(planVariants(1000, 500, 'png'))).toEqual([320, 640, 1000]);
  });
  it('keeps the aspect ratio, rounding heights', () => {
    const plan = planVariants(4032, 3024, 'jpeg');
    expect(plan.find((v) => v.width === 320)!.height).toBe(240);
    expect(plan.find((v) => v.width === 1920)!.height).toBe(1440);
    expect(planVariants(5000, 2, 'jpeg').every((v) => v.height >= 1)).toBe(true);
  });
  it('writes AVIF, WebP and the original format; AVIF originals fall back to JPEG; GIF stays GIF', () => {
    expect(variantFormats('jpeg')).toEqual(['avif', 'webp', 'jpeg']);
    expect(variantFormats('png')).toEqual(['avif', 'webp', 'png']);
    expect(variantFormats('avif')).toEqual(['avif', 'webp', 'jpeg']);
    expect(variantFormats('webp')).toEqual(['avif', 'webp']);
    expect(variantFormats('gif')).toEqual(['gif']);
    expect(planVariants(800, 600, 'jpeg')).toHaveLength(3 * 3);
  });
  it('refuses a size that is not positive', () => {
    expect(() => planVariants(0, 10, 'jpeg')).toThrow(RangeError);
    expect(() => planVariants(Number.NaN, 10, 'jpeg')).toThrow(RangeError);
  });
});

describe('variant names', () => {
  const sha = 'a'.repeat(64);
  it('are content addresses with a width and the format extension', () => {
    expect(variantName(sha, 640, 'jpeg')).toBe(`${sha}-640.jpg`);
    expect(variantMime(`${sha}-640.avif`)).toBe('image/avif');
    expect(variantMime(`${sha}-640.jpg`)).toBe('image/jpeg');
  });
  it('match nothing else: no paths, no SVG or HTML, no other extensions', () => {
    for (const bad of [`../${sha}-640.jpg`, `${sha}-640.svg`, `${sha}-640.html`, `${sha}-640.jpg/..`, 'x.png', `${sha.slice(1)}-640.jpg`, `${sha}-0.jpg`, `${sha}-640.JPG`, `${sha}-640.jpg\u0000.html`]) {
      expect(VARIANT_NAME.test(bad), bad).toBe(false);
      expect(variantMime(bad)).toBeUndefined();
    }
  });
});
