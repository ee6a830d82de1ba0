import type MarkdownIt from 'markdown-it';
import type { MediaImage } from './types.js';
import { mediaShaOf, pictureSources } from '../media/picture-sources.js';

/** The images a body's Markdown points at in the media store, by SHA-256 (what the renderer is given). */
export type BodyImages = ReadonlyMap<string, MediaImage>;

/** The slot of a picture in the article's text column (the same as the cover's). */
export const BODY_PICTURE_SIZES = '(min-width: 72rem) 46rem, (min-width: 60rem) calc(100vw - 26rem), calc(100vw - 2rem)';
/** 46rem at 2× is about 1500 px: the 1920 copy is the largest a body picture offers. */
const BODY_MAX_WIDTH = 1600;

/** The SHA-256 of every media-store image the Markdown source mentions (a superset is fine: it is only looked up). */
export function bodyImageShas(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/\/media\/([0-9a-f]{64})-[1-9][0-9]{0,4}\.(?:avif|webp|jpg|png|gif)\b/g)) out.add(m[1]!);
  return [...out];
}

interface Env { images?: BodyImages | undefined }

/**
 * Markdown images that point at the media store become responsive pictures: every width in
 * AVIF, WebP and the original format, with width and height (nothing moves as it loads),
 * lazy-loaded. An image alone in its paragraph is a `<figure>` whose caption is the image's
 * Markdown title (`![alt](/media/… "caption")`), else its caption in the media store. Alt
 * text is the Markdown's, else the store's. Other images keep Markdown's own `<img>`; the
 * sanitizer judges all of it afterwards, like any other body HTML.
 */
type Markdown = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Markdown['parse']>[number];

export const bodyPictures = (md: Markdown): void => {
  const escape = md.utils.escapeHtml;

  md.core.ruler.after('inline', 'media_figures', (state) => {
    const images = (state.env as Env | undefined)?.images;
    if (!images?.size) return;
    const t = state.tokens;
    for (let i = 0; i + 2 < t.length; i++) {
      if (t[i]!.type !== 'paragraph_open' || t[i + 1]!.type !== 'inline' || t[i + 2]!.type !== 'paragraph_close') continue;
      const children = (t[i + 1]!.children ?? []).filter((c: Token) => !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
      const only = children.length === 1 ? children[0]! : undefined;
      if (only?.type !== 'image') continue;
      const sha = mediaShaOf(String(only.attrGet('src') ?? ''));
      if (!sha || !images.has(sha)) continue;
      only.meta = { ...(only.meta ?? {}), figure: true };
      // A hidden paragraph renders nothing of its own: the figure stands in its place.
      t[i]!.hidden = true;
      t[i + 2]!.hidden = true;
    }
  });

  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const sha = mediaShaOf(String(token.attrGet('src') ?? ''));
    const image = sha ? (env as Env | undefined)?.images?.get(sha) : undefined;
    if (!image) return fallback(tokens, idx, options, env, self);
    const alt = self.renderInlineAsText(token.children ?? [], options, env).trim() || image.alt;
    const { sources, img } = pictureSources(image, BODY_MAX_WIDTH);
    const picture = `<picture>${sources.map((s) => `<source type="${s.type}" srcset="${escape(s.srcset)}" sizes="${BODY_PICTURE_SIZES}">`).join('')}`
      + `<img src="${escape(img.src)}" srcset="${escape(img.srcset)}" sizes="${BODY_PICTURE_SIZES}" width="${img.width}" height="${img.height}" alt="${escape(alt)}" loading="lazy" decoding="async"></picture>`;
    if (!token.meta?.figure) return picture;
    const caption = String(token.attrGet('title') ?? '').trim() || image.caption;
    const credit = image.credit ? `<small>${escape(image.credit)}</small>` : '';
    const figcaption = caption || credit ? `<figcaption>${escape(caption)}${caption && credit ? ' ' : ''}${credit}</figcaption>` : '';
    return `<figure class="body-figure">${picture}${figcaption}</figure>\n`;
  };
};
