import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A full HTML document from a page component; Preact escapes every text and attribute. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

/**
 * `html` as one flat string, for HTML that is kept and joined into many pages. Rendering builds
 * its result by concatenation, which V8 keeps as a tree of pieces until something reads it
 * whole, and a kept tree would be walked again in every page it is joined into. A search reads
 * it whole once: V8 flattens the string in place, and every later page copies one piece.
 */
export function flat(html: string): string {
  html.indexOf('\0');
  return html;
}
