import type MarkdownIt from 'markdown-it';
import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../lazy-require.js';
import type { BodyFormat } from './types.js';
import { bodyPictures, type BodyImages } from './body-pictures.js';

// Raw HTML inside Markdown is allowed because editors paste embeds and tables;
// everything then passes the same sanitizer as HTML bodies.
const markdownIt = lazyRequire<typeof MarkdownIt>('markdown-it');
let markdownRenderer: InstanceType<typeof MarkdownIt> | undefined;
const markdown = (): InstanceType<typeof MarkdownIt> => (markdownRenderer ??= new (markdownIt())({ html: true, linkify: true, typographer: true }).use(bodyPictures));

const sanitizer = lazyRequire<typeof SanitizeHtml>('sanitize-html');

let options: SanitizeHtml.IOptions | undefined;
const sanitizeOptions = (sanitizeHtml: typeof SanitizeHtml): SanitizeHtml.IOptions => (options ??= {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'q', 'cite',
    'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
    'dl', 'dt', 'dd', 'span', 'div', 'picture', 'source',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    // srcset is parsed by the sanitizer and each of its URLs checked like src.
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    source: ['srcset', 'sizes', 'type'],
    figure: ['class'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], source: ['http', 'https'] },
  allowedClasses: { figure: ['body-figure'] },
  allowProtocolRelative: false,
  transformTags: {
    // An h1 belongs to the page title; body headings start at h2.
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow ugc' }, true),
    img: sanitizeHtml.simpleTransform('img', { loading: 'lazy' }, true),
  },
});

/**
 * Renders an article body (Markdown or HTML) to HTML that is safe to embed in a page.
 * `images` are the media-store images the Markdown points at (see `bodyImageShas`): those
 * become responsive pictures.
 */
export function renderBody(source: string, format: BodyFormat, images?: BodyImages): string {
  const html = format === 'markdown' ? markdown().render(source, { images }) : source;
  const sanitizeHtml = sanitizer();
  return sanitizeHtml(html, sanitizeOptions(sanitizeHtml)).trim();
}

/** Plain text of an HTML fragment, whitespace collapsed (for search, snippets and discovery). */
export function htmlToText(html: string): string {
  const text = sanitizer()(html.replace(/<\/(p|div|li|h\d|blockquote|tr|br)>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => entities[name] ?? '');
}

/** `href`/`src` resolved against the page it appears on; a value that is not a URL at all is dropped. */
function absolute(value: string | undefined, pageUrl: string): string | undefined {
  if (!value) return value;
  try {
    return new URL(value, pageUrl).toString();
  } catch {
    return undefined;
  }
}

/**
 * A stored (already sanitized) body made fit for a feed: links and images point at absolute
 * URLs (resolved against the article's own address, `pageUrl`), since a feed reader has no
 * page to resolve `/guides/zurich` against, and the markup
 * passes the sanitizer again, which also closes any element a cut-off body left open.
 */
export function feedBodyHtml(html: string, pageUrl: string): string {
  const sanitizeHtml = sanitizer();
  const body = sanitizeOptions(sanitizeHtml);
  const resolve = (attr: 'href' | 'src') => (tagName: string, attribs: SanitizeHtml.Attributes): SanitizeHtml.Tag => {
    const attributes = { ...attribs };
    const url = absolute(attributes[attr], pageUrl);
    if (url === undefined) delete attributes[attr];
    else attributes[attr] = url;
    return { tagName, attribs: attributes };
  };
  const resolveImg = resolve('src');
  return sanitizeHtml(html, {
    ...body,
    // A feed reader takes the <img> alone: its src made absolute, the page's srcset and sources dropped.
    allowedTags: (body.allowedTags as string[]).filter((t) => t !== 'source'),
    transformTags: {
      ...body.transformTags, a: resolve('href'),
      img: (tagName, attribs) => {
        const { srcset: _srcset, sizes: _sizes, ...rest } = attribs;
        return resolveImg(tagName, rest);
      },
    },
  }).trim();
}
