import type { MediaImage } from '../../content/types.js';
import { mediaUrl, pictureSources, shareVariant } from '../../media/picture-sources.js';

export { mediaUrl };

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
  const { sources, img } = pictureSources(p.image, p.maxWidth ?? 1920);
  return (
    <picture class={p.class}>
      {sources.map((s) => <source type={s.type} srcset={s.srcset} sizes={p.sizes} />)}
      <img src={img.src} srcset={img.srcset} sizes={p.sizes} width={img.width} height={img.height}
        alt={p.alt ?? p.image.alt} loading={p.eager ? 'eager' : 'lazy'} decoding={p.eager ? 'auto' : 'async'}
        {...(p.eager ? { fetchpriority: 'high' } : {})} />
    </picture>
  );
}

/** The variant a social card shows: the original-format copy nearest 1200 px wide, as an absolute URL. */
export function shareImage(image: MediaImage, baseUrl: string): { url: string; width: number; height: number; alt: string } {
  const best = shareVariant(image);
  return { url: `${baseUrl}${mediaUrl(best.name)}`, width: best.width, height: best.height, alt: image.alt };
}
