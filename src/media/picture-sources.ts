import type { MediaImage, MediaVariant } from '../content/types.js';
import { mimeOf, VARIANT_NAME } from './variant-plan.js';

/** What a `<picture>` of one image lists: its modern sources and the `<img>` for the rest. */
export interface PictureSources {
  /** AVIF, then WebP (best compression first), each with every width the slot can use. */
  sources: { type: string; srcset: string }[];
  img: { src: string; srcset: string; width: number; height: number };
}

/** The public address of a variant file. */
export function mediaUrl(name: string): string {
  return `/media/${name}`;
}

/** The SHA-256 of the image a `/media/<sha>-<width>.<ext>` address (absolute or not) points at, else undefined. */
export function mediaShaOf(src: string): string | undefined {
  const m = /^(?:https?:\/\/[^/]+)?\/media\/([^/?#]+)$/.exec(src.trim());
  return m ? VARIANT_NAME.exec(m[1]!)?.[1] : undefined;
}

function byFormat(image: MediaImage, maxWidth: number): Map<string, MediaVariant[]> {
  const out = new Map<string, MediaVariant[]>();
  const widths = image.variants.map((v) => v.width).sort((a, b) => a - b);
  const widest = widths[widths.length - 1] ?? 0;
  // The widths a slot can use, plus the next one up for 2× screens; never fewer than one.
  const limit = Math.max(Math.min(widest, maxWidth), widths.find((w) => w >= maxWidth) ?? widest);
  for (const v of image.variants) {
    if (v.width > limit) continue;
    out.set(v.format, [...(out.get(v.format) ?? []), v]);
  }
  for (const list of out.values()) list.sort((a, b) => a.width - b.width);
  return out;
}

const srcset = (list: MediaVariant[]) => list.map((v) => `${mediaUrl(v.name)} ${v.width}w`).join(', ');

/**
 * The sources of a responsive picture, capped at `maxWidth` (the widest slot × device pixel
 * ratio). The `<img>` is in the original's own format (JPEG for an AVIF original); its width
 * and height are the largest offered copy's, so the page keeps the image's aspect ratio before
 * it arrives. Pure: the article pages and the body renderer share it.
 */
export function pictureSources(image: MediaImage, maxWidth = 1920): PictureSources {
  const formats = byFormat(image, maxWidth);
  const order = [...formats.keys()];
  const fallbackFormat = order.find((f) => f !== 'avif' && f !== 'webp') ?? order.find((f) => f === 'webp') ?? order[0]!;
  const fallback = formats.get(fallbackFormat)!;
  const src = fallback.find((v) => v.width >= 640) ?? fallback[fallback.length - 1]!;
  const largest = fallback[fallback.length - 1]!;
  const rank = (f: string) => (f === 'avif' ? 0 : f === 'webp' ? 1 : 2);
  return {
    sources: order.filter((f) => f !== fallbackFormat).sort((a, b) => rank(a) - rank(b))
      .map((f) => ({ type: mimeOf(f as MediaVariant['format']), srcset: srcset(formats.get(f)!) })),
    img: { src: mediaUrl(src.name), srcset: srcset(fallback), width: largest.width, height: largest.height },
  };
}

/**
 * The copy a social card or feed shows: the original-format variant nearest 1200 px wide
 * (WebP when there is no other), which every reader and crawler can decode.
 */
export function shareVariant(image: MediaImage): MediaVariant {
  const fallback = image.variants.filter((v) => v.format !== 'avif' && v.format !== 'webp');
  const pool = fallback.length ? fallback : image.variants.filter((v) => v.format === 'webp');
  return [...(pool.length ? pool : image.variants)].sort((a, b) => Math.abs(a.width - 1200) - Math.abs(b.width - 1200))[0]!;
}
