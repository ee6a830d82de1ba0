import { randomBytes } from 'node:crypto';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A full HTML document from a page component; Preact escapes every text and attribute. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

/**
 * HTML rendered once and joined into many pages (the header and footer, each headline of a
 * list), with its UTF-8 bytes made once too.
 */
export class KeptHtml {
  readonly bytes: Buffer;
  constructor(readonly html: string) {
    // A buffer of its own: Buffer.from puts small strings in a shared 8 KB slab, and one kept
    // piece would keep its whole slab alive for as long as it is kept.
    this.bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(html));
    this.bytes.write(html);
  }
}

/** The pieces of the page renderPageBytes is rendering (undefined outside it). */
let pieces: (KeptHtml | string)[] | undefined;
// Where a piece goes: a NUL and a secret of this process, which no text of a page can hold.
const MARK = `\u0000${randomBytes(8).toString('hex')}:`;
const MARKS = new RegExp(`${MARK}(\\d+)\u0000`, 'g');

/**
 * HTML for `dangerouslySetInnerHTML` that renderPageBytes copies in as bytes: a kept piece's
 * bytes, or (a string) a large text already in hand, such as an article's body. Outside it,
 * the HTML itself.
 */
export function placed(piece: KeptHtml | string): string {
  if (!pieces) return typeof piece === 'string' ? piece : piece.html;
  pieces.push(piece);
  return `${MARK}${pieces.length - 1}\u0000`;
}

/**
 * The same document as renderPage, as UTF-8 bytes, assembled from pieces. Rendering builds the
 * page by concatenation (V8 keeps a tree of pieces), and turning a 25 KB tree into bytes means
 * flattening it and encoding every character, on every render; here only what this page
 * rendered is flattened and encoded, and kept pieces are copied in as the bytes they already are.
 */
export function renderPageBytes(vnode: VNode): Buffer {
  const outer = pieces;
  const own: (KeptHtml | string)[] = (pieces = []);
  try {
    const html = renderPage(vnode);
    // Every piece is written once into a scratch buffer large enough for the worst case (three
    // bytes per UTF-16 unit), then the page is one copy of what was written.
    let bound = html.length * 3;
    for (const piece of own) bound += typeof piece === 'string' ? piece.length * 3 : piece.bytes.length;
    const out = scratchOf(bound);
    let at = 0;
    let last = 0;
    for (const m of html.matchAll(MARKS)) {
      at += out.write(html.slice(last, m.index), at);
      const piece = own[Number(m[1])]!;
      at += typeof piece === 'string' ? out.write(piece, at) : piece.bytes.copy(out, at);
      last = m.index + m[0].length;
    }
    at += out.write(html.slice(last), at);
    return Buffer.from(out.subarray(0, at));
  } finally {
    pieces = outer;
  }
}

/** One scratch buffer per process, grown to the largest page rendered. */
let scratch = Buffer.allocUnsafeSlow(256 * 1024);
function scratchOf(bytes: number): Buffer {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(bytes);
  return scratch;
}
