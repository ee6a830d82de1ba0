/**
 * Which resized copies of an image Masthead keeps. Pure: the same original always gives the
 * same plan, so the files it names can be generated once and found again by name.
 */

/** Formats Masthead accepts as originals (what `sniffImage` recognises). */
export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';
/** Formats variants are written in: the modern two plus the original's own for old browsers. */
export type VariantFormat = 'avif' | 'webp' | 'jpeg' | 'png' | 'gif';

export interface PlannedVariant {
  format: VariantFormat;
  width: number;
  height: number;
}

/** Widths a page picks from through `srcset`: phone, small tablet, column, desktop, wide. */
export const VARIANT_WIDTHS: readonly number[] = [320, 640, 960, 1280, 1920];

/** Fallback format for browsers without AVIF/WebP: the original's, except AVIF, which falls back to JPEG. */
export function fallbackFormat(source: SourceFormat): VariantFormat {
  return source === 'avif' ? 'jpeg' : source;
}

/** The formats of one width, best compression first (the order `<picture>` lists its sources in). */
export function variantFormats(source: SourceFormat): VariantFormat[] {
  const fallback = fallbackFormat(source);
  // An animated GIF would lose its frames in AVIF/WebP stills; it keeps only its own format.
  if (source === 'gif') return ['gif'];
  return ['avif', 'webp', ...(fallback === 'webp' || fallback === 'avif' ? [] : [fallback])];
}

/**
 * The variants of an original `width` × `height`: every standard width below the original
 * and the original width itself when it is below the largest standard one (never upscaled),
 * each in every format of `variantFormats`. Heights keep the aspect ratio, rounded, at least 1.
 */
export function planVariants(width: number, height: number, source: SourceFormat): PlannedVariant[] {
  if (!(width >= 1 && height >= 1)) throw new RangeError(`image size must be positive, got ${width}×${height}`);
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  const widths = VARIANT_WIDTHS.filter((w) => w < width);
  if (width <= largest) widths.push(width);
  else widths.push(largest);
  // A sliver just above a standard width adds bytes and no sharpness: drop a standard width
  // within 10% below the original's own.
  const kept = widths.filter((w, i) => i === widths.length - 1 || widths[widths.length - 1]! / w > 1.1);
  const out: PlannedVariant[] = [];
  for (const w of [...new Set(kept)]) {
    const h = Math.max(1, Math.round((height * w) / width));
    for (const format of variantFormats(source)) out.push({ format, width: w, height: h });
  }
  return out;
}

const EXTENSION: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png', gif: 'gif' };
const MIME: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif' };

/** `<sha256>-<width>.<ext>`: a content address, so a name never changes meaning and caches may keep it forever. */
export function variantName(sha256: string, width: number, format: VariantFormat): string {
  return `${sha256}-${width}.${EXTENSION[format]}`;
}

/** The only names the media folder serves: anything else (`..`, `/`, `.svg`, `.html`) never matches. */
export const VARIANT_NAME = /^([0-9a-f]{64})-([1-9][0-9]{0,4})\.(avif|webp|jpg|png|gif)$/;

/** The Content-Type of a variant name, or undefined when the name is not one Masthead writes. */
export function variantMime(name: string): string | undefined {
  const m = VARIANT_NAME.exec(name);
  if (!m) return undefined;
  const ext = m[3] as string;
  const format = (Object.keys(EXTENSION) as VariantFormat[]).find((f) => EXTENSION[f] === ext)!;
  return MIME[format];
}

export function mimeOf(format: VariantFormat): string {
  return MIME[format];
}
