import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import type { ViewContext } from './format.js';
import { Layout } from './layout.js';
import { renderPage, type KeptHtml } from './render.js';

function context(current: string | undefined, shell: Map<string, KeptHtml> | undefined, names = ['World', 'Sport', 'Culture']): ViewContext {
  return {
    siteName: 'Test',
    tagline: 'All the news',
    baseUrl: 'http://127.0.0.1',
    language: 'en',
    timezone: 'UTC',
    messages: messagesFor('en'),
    navShown: 2,
    nav: names.map((name) => ({ name, href: `/category/${name.toLowerCase()}`, current: name === current })),
    ...(shell ? { shell } : {}),
  };
}

const page = (ctx: ViewContext) => renderPage(<Layout ctx={ctx} meta={{ title: 'A page', canonicalPath: '/x' }}><p>body</p></Layout>);

describe('Layout header and footer rendered once per state of the site', () => {
  it('renders the same page with and without the shared shell', () => {
    const shell = new Map<string, KeptHtml>();
    for (const current of [undefined, 'Sport', 'Culture']) {
      expect(page(context(current, shell))).toBe(page(context(current, undefined)));
    }
    // One header per current section, one footer.
    expect([...shell.keys()].sort()).toEqual(['footer', 'head', 'header:-1', 'header:1', 'header:2']);
  });

  it('marks the current section of each page, also when the shell is reused', () => {
    const shell = new Map<string, KeptHtml>();
    page(context('Sport', shell));
    const doc = parse(page(context('Culture', shell)));
    expect(doc.querySelector('[aria-current="page"]')?.text).toBe('Culture');
    // Culture is under More (the bar shows two): its summary says so.
    expect(doc.querySelector('.site-nav__more summary')?.classList.contains('site-nav__more--current')).toBe(true);
  });

  it('a new state of the site (a new shell) shows the new sections', () => {
    page(context(undefined, new Map()));
    const doc = parse(page(context(undefined, new Map(), ['World', 'Business'])));
    expect(doc.querySelectorAll('.site-nav a').map((a) => a.text)).toEqual(['World', 'Business']);
  });
});
