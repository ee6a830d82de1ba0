import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A full HTML document from a page component; Preact escapes every text and attribute. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}
