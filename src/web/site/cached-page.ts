import { createHash } from 'node:crypto';
import { negotiate } from '@fastify/accept-negotiator';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** What a route renders for the page cache: the body and what the cache needs to keep and purge it. */
export interface Rendered {
  body: string | Buffer;
  /** The Content-Type header. */
  type: string;
  cacheControl: string;
  /** When the content last changed (ms); the render time when not given. */
  lastModified?: number | undefined;
  /**
   * What the page shows, as purge keys (`a:12`, `home`, `list:c:3`…): a change to any of them
   * purges it, and they are sent as `Surrogate-Key` / `Cache-Tag` for a CDN to purge by.
   */
  tags: readonly string[];
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this are sent as they are: compression would save less than its headers cost. */
const COMPRESS_MIN_BYTES = 1024;
// Brotli 5 and gzip 6 compress a news page to within a few per cent of their best settings at a
// fraction of the time (docs/performance.md); each cached page is compressed once per render.
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
/**
 * The smallest brotli window that holds the whole body (at least 2^10, at most the default 2^22).
 * A window larger than the body compresses no better, and the encoder allocates memory in
 * proportion to it on every render: 4 MiB for a 24 KB page at the default.
 */
function brotliWindow(bytes: number): number {
  return Math.min(zlib.BROTLI_DEFAULT_WINDOW, Math.max(zlib.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 1))));
}

/**
 * `buf` in memory of its own size. zlib's one-shot calls answer with a view of their 16 KB output
 * chunk, so a 5 KB compressed page would keep 16 KB alive for as long as the page is cached.
 */
function exact(buf: Buffer): Buffer {
  if (buf.byteLength === buf.buffer.byteLength) return buf;
  const own = Buffer.allocUnsafeSlow(buf.length);
  buf.copy(own);
  return own;
}

/** CDNs cap the header; the page stays correct without the rest (it is purged by the keys kept, and expires). */
const MAX_TAG_HEADER = 8 * 1024;

/**
 * A rendered page as it is sent: its bytes in every encoding, its validators and the whole header
 * list for each encoding, made once when the page is rendered. A cache hit only picks an encoding
 * and writes.
 */
export class CachedPage {
  readonly bodies: Readonly<{ identity: Buffer; br: Buffer | undefined; gzip: Buffer | undefined }>;
  readonly etag: string;
  readonly lastModified: number;
  readonly tags: readonly string[];
  readonly type: string;
  readonly cacheControl: string;
  /** Bytes kept in memory: every body and the header lists. */
  readonly size: number;
  /** The page's own headers (type, caching, validators, purge keys) as name, value, name, value… */
  private readonly own: readonly string[];
  private readonly baseHeaders: Readonly<Record<string, string>>;
  // Made on first use and kept: a page kept by the cache is written many times in one or two
  // encodings, and a page rendered for one request once, in one.
  private readonly headerObjects = new Map<Encoding, Record<string, string>>();
  /** Header lists as `writeHead` takes them, per encoding. */
  private readonly headerLists = new Map<Encoding, string[]>();
  private notModifiedObject: Record<string, string> | undefined;
  private notModifiedList: string[] | undefined;

  /**
   * `compress`: false sends the bytes as they are; a page passes its own `bodies` when these are
   * the same bytes under other headers (an asset's plain and fingerprinted names), so they are
   * compressed once.
   */
  constructor(rendered: Rendered, renderedAt: number, baseHeaders: Readonly<Record<string, string>>, compress: boolean | CachedPage['bodies'] = true) {
    const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body;
    if (typeof compress === 'object') {
      if (!compress.identity.equals(body)) throw new Error('compressed bodies of other bytes');
      this.bodies = compress;
    } else {
      const compressible = compress && body.length >= COMPRESS_MIN_BYTES;
      this.bodies = {
        identity: body,
        br: compressible ? exact(brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length, [zlib.BROTLI_PARAM_LGWIN]: brotliWindow(body.length) } })) : undefined,
        gzip: compressible ? exact(gzipSync(body, { level: GZIP_LEVEL })) : undefined,
      };
    }
    // A strong validator of the bytes: every encoding is derived from them deterministically.
    this.etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    this.lastModified = Math.floor((rendered.lastModified ?? renderedAt) / 1000) * 1000;
    this.tags = rendered.tags;
    this.type = rendered.type;
    this.cacheControl = rendered.cacheControl;
    const own: string[] = [
      'content-type', rendered.type,
      'cache-control', rendered.cacheControl,
      'etag', this.etag,
      'last-modified', httpDate(this.lastModified),
      'vary', 'Accept-Encoding',
    ];
    const keys = tagHeader(rendered.tags);
    if (keys) own.push('surrogate-key', keys, 'cache-tag', keys.replaceAll(' ', ','));
    this.own = own;
    this.baseHeaders = baseHeaders;
    let size = 2048;
    for (const b of Object.values(this.bodies)) size += b?.length ?? 0;
    this.size = size;
  }

  /**
   * True when a new render is this page again: the same bytes under the same headers and keys. The
   * cache then keeps this copy (no second compression, and the validators a client holds stay
   * valid) instead of building a new one.
   */
  sameAs(rendered: Rendered): boolean {
    if (rendered.type !== this.type || rendered.cacheControl !== this.cacheControl) return false;
    if (rendered.lastModified !== undefined && Math.floor(rendered.lastModified / 1000) * 1000 !== this.lastModified) return false;
    const tags = rendered.tags;
    if (tags.length !== this.tags.length || tags.some((t, i) => t !== this.tags[i])) return false;
    return this.bodies.identity.equals(typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body);
  }

  /** The encoding to send for an Accept-Encoding header (br, then gzip, then the bytes as they are). */
  encodingFor(acceptEncoding: string | undefined): Encoding {
    if (!this.bodies.br || acceptEncoding === undefined) return 'identity';
    return acceptedEncoding(acceptEncoding);
  }

  /** True when the client's copy is current: If-None-Match decides when sent, else If-Modified-Since. */
  notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
    if (ifNoneMatch !== undefined) {
      if (ifNoneMatch === this.etag) return true;
      return ifNoneMatch.split(',').some((t) => {
        const tag = t.trim();
        return tag === '*' || tag === this.etag || tag === `W/${this.etag}`;
      });
    }
    if (!ifModifiedSince) return false;
    const at = Date.parse(ifModifiedSince);
    return Number.isFinite(at) && this.lastModified <= at;
  }

  /**
   * The whole header list for an encoding, as `writeHead` takes it: the base headers (flattened
   * once per set of them, not per page), then the page's own, then the body's.
   */
  headerList(encoding: Encoding): string[] {
    let list = this.headerLists.get(encoding);
    if (!list) {
      list = [...baseListOf(this.baseHeaders), ...this.own, 'content-length', String((this.bodies[encoding] ?? this.bodies.identity).length)];
      if (encoding !== 'identity' && this.bodies[encoding]) list.push('content-encoding', encoding);
      this.headerLists.set(encoding, list);
    }
    return list;
  }

  headers(encoding: Encoding): Record<string, string> {
    let headers = this.headerObjects.get(encoding);
    if (!headers) this.headerObjects.set(encoding, (headers = objectOf(this.headerList(encoding))));
    return headers;
  }

  /** Headers of a 304: the validators and caching headers, no body headers. */
  notModifiedHeaderList(): string[] {
    return (this.notModifiedList ??= Object.entries(this.notModifiedHeaders()).flat());
  }

  notModifiedHeaders(): Record<string, string> {
    if (!this.notModifiedObject) {
      const { 'content-type': _type, ...validators } = objectOf([...baseListOf(this.baseHeaders), ...this.own]);
      this.notModifiedObject = validators;
    }
    return this.notModifiedObject;
  }
}

const OWN_NAMES = new Set(['content-type', 'cache-control', 'etag', 'last-modified', 'vary', 'surrogate-key', 'cache-tag', 'content-length', 'content-encoding']);
const baseLists = new WeakMap<object, readonly string[]>();

/** The base headers as a flat list, made once per set; a name the page sets itself is left to the page. */
function baseListOf(base: Readonly<Record<string, string>>): readonly string[] {
  let list = baseLists.get(base);
  if (!list) {
    list = Object.entries(base).filter(([name]) => !OWN_NAMES.has(name)).flat();
    baseLists.set(base, list);
  }
  return list;
}

function objectOf(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
}

// Pages rendered within the same second share their Last-Modified text.
let lastDate = { ms: NaN, text: '' };
function httpDate(ms: number): string {
  if (lastDate.ms !== ms) lastDate = { ms, text: new Date(ms).toUTCString() };
  return lastDate.text;
}

/**
 * The purge keys as one header value, as many as fit. Joined at once, so the value is one
 * contiguous string: Node validates and copies it on every write, and a value built by repeated
 * concatenation would be a tree of pieces.
 */
function tagHeader(tags: readonly string[]): string {
  let length = -1; // no space before the first key
  let n = 0;
  while (n < tags.length && length + tags[n]!.length + 1 <= MAX_TAG_HEADER) length += tags[n++]!.length + 1;
  return tags.slice(0, n).join(' ');
}

// Clients send a handful of distinct Accept-Encoding values; each is parsed once.
const accepted = new Map<string, Encoding>();
const ACCEPTED_MAX = 256;

/** br or gzip when the header accepts it (q > 0), br preferred; identity otherwise. */
export function acceptedEncoding(header: string): Encoding {
  let e = accepted.get(header);
  if (e) return e;
  e = (negotiate(header, ['br', 'gzip']) as Encoding | null) ?? 'identity';
  if (accepted.size < ACCEPTED_MAX) accepted.set(header, e);
  return e;
}
