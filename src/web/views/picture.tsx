import type { MediaImage, MediaVariant } from '../../content/types.js';
import { mimeOf } from '../../media/variant-plan.js';

export function mediaUrl(name: string): string {
  return `/media/${name}`;
}

function byFormat(image: MediaImage, maxWidth: number): Map<string, MediaVariant[]> {
  const out = new Map<string, MediaVariant[]>();
  const widest = Math.max(...image.variants.map((v) => v.width));
  // The widths a slot can use, plus the next one up for 2× screens; never fewer than one.
  const limit = Math.max(Math.min(widest, maxWidth), image.variants.map((v) => v.width).sort((a, b) => a - b).find((w) => w >= maxWidth) ?? widest);
  for (const v of image.variants) {
    if (v.width > limit) continue;
    out.set(v.format, [...(out.get(v.format) ?? []), v]);
  }
  for (const list of out.values()) list.sort((a, b) => a.width - b.width);
  return out;
}

const srcset = (list: MediaVariant[]) => list.map((v) => `${mediaUrl(v.name)} ${v.width}w`).join(', ');

/**
 * A responsive picture: AVIF, then WebP, then the original format for the rest, each with
 * its widths in `srcset` so the browser fetches the smallest that fills `sizes`. width and
 * height carry the aspect ratio, so the page does not move when the image arrives.
 */
export function Picture(p: {
  image: MediaImage;
  sizes: string;
  /** Widest slot in CSS pixels × device pixel ratio the image is shown at (caps the srcset). */
  maxWidth?: number;
  class?: string;
  /** The picture above the fold (the lead story, the article's cover) loads at once. */
  eager?: boolean;
  /** Text alternative; defaults to the image's own alt text (empty: decorative). */
  alt?: string;
}) {
  const formats = byFormat(p.image, p.maxWidth ?? 1920);
  const order = [...formats.keys()];
  const fallbackFormat = order.find((f) => f !== 'avif' && f !== 'webp') ?? order.find((f) => f === 'webp') ?? order[0]!;
  const fallback = formats.get(fallbackFormat)!;
  const src = fallback.find((v) => v.width >= 640) ?? fallback[fallback.length - 1]!;
  const largest = fallback[fallback.length - 1]!;
  return (
    <picture class={p.class}>
      {order.filter((f) => f !== fallbackFormat).map((f) => (
        <source type={mimeOf(f as MediaVariant['format'])} srcset={srcset(formats.get(f)!)} sizes={p.sizes} />
      ))}
      <img src={mediaUrl(src.name)} srcset={srcset(fallback)} sizes={p.sizes} width={largest.width} height={largest.height}
        alt={p.alt ?? p.image.alt} loading={p.eager ? 'eager' : 'lazy'} decoding={p.eager ? 'auto' : 'async'}
        {...(p.eager ? { fetchpriority: 'high' } : {})} />
    </picture>
  );
}

/** The variant a social card shows: the original-format copy nearest 1200 px wide, as an absolute URL. */
export function shareImage(image: MediaImage, baseUrl: string): { url: string; width: number; height: number; alt: string } {
  const fallback = image.variants.filter((v) => v.format !== 'avif' && v.format !== 'webp');
  const pool = fallback.length ? fallback : image.variants.filter((v) => v.format === 'webp');
  const best = [...pool].sort((a, b) => Math.abs(a.width - 1200) - Math.abs(b.width - 1200))[0]!;
  return { url: `${baseUrl}${mediaUrl(best.name)}`, width: best.width, height: best.height, alt: image.alt };
}
