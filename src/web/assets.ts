import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FrontHandler } from './front-door.js';
import { CachedPage } from './site/cached-page.js';
import { writePage } from './site/send-page.js';
import { SECURITY_HEADERS } from './security-headers.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};
/** A fingerprinted URL names these exact bytes for ever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The plain name (pages published before a change, hand-written links) follows the current file. */
const PLAIN = 'public, max-age=3600';
const PREFIX = '/assets/';

/**
 * The site's CSS, scripts and icons, read once at start, compressed once and served from memory.
 * Pages link them by fingerprinted name (`site.3f9a2b1c.css`, from the bytes), served as
 * immutable: a browser keeps them for a year and a change makes a new name. The plain name keeps
 * answering with an hour's caching.
 */
export class Assets {
  private readonly byPath = new Map<string, CachedPage>();
  private readonly urls = new Map<string, string>();

  constructor(readonly dir: string) {
    for (const name of readdirSync(dir).sort()) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const bytes = readFileSync(join(dir, name));
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const ext = extname(name);
      const fingerprinted = `${name.slice(0, -ext.length)}.${hash}${ext}`;
      const headers = { ...SECURITY_HEADERS, 'cross-origin-resource-policy': 'same-origin' };
      const page = new CachedPage({ body: bytes, type, cacheControl: IMMUTABLE, tags: ['assets'] }, 0, headers);
      this.byPath.set(`${PREFIX}${fingerprinted}`, page);
      this.byPath.set(`${PREFIX}${name}`, new CachedPage({ body: bytes, type, cacheControl: PLAIN, tags: ['assets'] }, 0, headers, page.bodies));
      this.urls.set(name, `${PREFIX}${fingerprinted}`);
    }
  }

  /** The URL pages link `name` by (fingerprinted). */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`no asset named ${name} in ${this.dir}`);
    return url;
  }

  /** Every asset URL (fingerprinted and plain) with its bytes, for static publishing. */
  files(): { path: string; page: CachedPage }[] {
    return [...this.byPath].map(([path, page]) => ({ path, page }));
  }

  /** The asset at a request path (no query), if there is one. */
  at(path: string): CachedPage | undefined {
    return this.byPath.get(path);
  }

  /** Answers GET and HEAD of an asset in front of the router. */
  readonly handle: FrontHandler = (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith(PREFIX)) return false;
    const page = this.byPath.get(req.url.split('?')[0]!);
    if (!page) return false;
    writePage(req, res, page);
    return true;
  };
}

/** The assets shipped with Masthead (src/web/public). */
export const siteAssets = new Assets(fileURLToPath(new URL('./public/', import.meta.url)));

/** The fingerprinted URL of one of Masthead's own assets. */
export function assetUrl(name: string): string {
  return siteAssets.url(name);
}
