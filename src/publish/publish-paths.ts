/**
 * Where each public address lives in a published folder, laid out for nginx's
 * `try_files $uri/$page_file $uri @app` (deploy/nginx/masthead-static.conf):
 *
 *   /                          → index.html
 *   /articles/<slug>           → articles/<slug>/index.html
 *   /category/<slug>?page=3    → category/<slug>/page-3.html   (page 1 is index.html)
 *   /category/<slug>/feed.xml  → category/<slug>/feed.xml      (a last segment with a known extension is a file)
 *
 * A page is a folder's index.html rather than `<slug>.html` so that a listing's feeds sit beside
 * it (`tag/<slug>/index.html` and `tag/<slug>/feed.xml`) and pages of one listing stay together.
 */

/** Extensions of addresses that are files themselves (feeds, sitemaps, robots.txt, assets, images). */
const FILE_EXTENSIONS = /\.(?:html|xml|json|txt|css|js|svg|avif|webp|jpe?g|png|gif|ico)$/;

/** Types worth a `.gz` beside them (nginx's gzip_static); images are compressed already. */
const COMPRESSIBLE = /\.(?:html|xml|json|txt|css|js|svg)$/;

/** The file the 404 page is written to (nginx's `error_page 404`). */
export const NOT_FOUND_FILE = '404.html';

/** The manifest and the staging folder live in the published folder, under names nginx refuses to serve. */
export const MANIFEST_FILE = '.masthead-publish.json';
export const STAGING_DIR = '.masthead-staging';

/**
 * The file (relative, `/`-separated) an address is published to, or undefined when it cannot be a
 * file: a query other than `page=N`, or a segment that is empty, `.`, `..`, or holds a separator.
 */
export function fileForUrl(url: string): string | undefined {
  const [path = '', query] = url.split('?', 2) as [string, string | undefined];
  let page = 1;
  if (query !== undefined) {
    const m = /^page=([1-9]\d{0,5})$/.exec(query);
    if (!m) return undefined;
    page = Number(m[1]);
  }
  if (!path.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || segment.startsWith('.masthead')) return undefined;
    segments.push(segment);
  }
  const last = segments[segments.length - 1];
  if (last !== undefined && FILE_EXTENSIONS.test(last)) return page === 1 ? segments.join('/') : undefined;
  const name = page === 1 ? 'index.html' : `page-${page}.html`;
  return [...segments, name].join('/');
}

/** True when a `.gz` is written beside the file. */
export function isCompressible(file: string): boolean {
  return COMPRESSIBLE.test(file);
}

/** The listing page address `page` of `basePath`, the way the pages link to it. */
export function listingUrl(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

/** Article slugs a listing page links to (its cards), from its HTML. */
export function linkedArticleSlugs(html: string): string[] {
  const slugs = new Set<string>();
  for (const m of html.matchAll(/href="\/articles\/([^"/?#]+)"/g)) {
    try {
      slugs.add(decodeURIComponent(m[1]!));
    } catch {
      // Not a link Masthead writes.
    }
  }
  return [...slugs];
}

/** `/media/` variant files a page shows (src and srcset), by address. */
export function linkedMedia(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(/\/media\/[A-Za-z0-9_-]+\.(?:avif|webp|jpe?g|png|gif)/g), (m) => m[0]))];
}
