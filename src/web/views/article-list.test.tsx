import { parse } from 'node-html-parser';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { HeadlineList, type CardView } from './article-list.js';
import type { ViewContext } from './format.js';

const contextIn = (timezone: string): ViewContext => ({
  siteName: 'Test', tagline: '', baseUrl: 'http://127.0.0.1', language: 'en', timezone, messages: messagesFor('en'), nav: [],
  // One map per state of the site, as viewContext() gives.
  shell: new Map(),
});

const card = (id: number, title: string): CardView => ({
  id, slug: `story-${id}`, title, summary: '', categoryId: 1, categoryName: 'World', categorySlug: 'world',
  coverImageUrl: null, coverImageId: null, publishedAt: Date.UTC(2026, 2, 1, 23, 30), viewCount: 1234,
});

const items = (html: string) => parse(html).querySelectorAll('li')
  .map((li) => `${li.querySelector('.headline__title')!.text} | ${li.querySelector('.headline__meta')!.text.replace(/\s+/g, ' ').trim()}`);

describe('HeadlineList', () => {
  it('escapes each headline, and lists the items in order', () => {
    const ctx = contextIn('UTC');
    const html = renderToString(<HeadlineList ctx={ctx} items={[card(1, 'Tom & Jerry <script>x()</script>'), card(2, 'Second')]} numbered />);
    expect(html).toMatch(/^<ol class="headlines headlines--numbered"><li/);
    expect(html).not.toContain('<script>');
    expect(items(html)).toEqual(['Tom & Jerry <script>x()</script> | Mar 1, 2026, 11:30 PM · World', 'Second | Mar 1, 2026, 11:30 PM · World']);
  });

  it('renders a card again when it is a new card or the site changed, and shows views only where asked', () => {
    const utc = contextIn('UTC');
    const kept = card(3, 'Bridge reopens');
    expect(items(renderToString(<HeadlineList ctx={utc} items={[kept]} />))).toEqual(['Bridge reopens | Mar 1, 2026, 11:30 PM · World']);
    // An edited article is a new card (the card cache drops the old one): its new title shows.
    expect(items(renderToString(<HeadlineList ctx={utc} items={[{ ...kept, title: 'Bridge reopens at last' }]} />)))
      .toEqual(['Bridge reopens at last | Mar 1, 2026, 11:30 PM · World']);
    // The same card under another state of the site (its time zone changed) is dated anew.
    expect(items(renderToString(<HeadlineList ctx={contextIn('Asia/Tokyo')} items={[kept]} />))).toEqual(['Bridge reopens | Mar 2, 2026, 8:30 AM · World']);
    expect(items(renderToString(<HeadlineList ctx={utc} items={[kept]} showViews />))).toEqual(['Bridge reopens | Mar 1, 2026, 11:30 PM · World · 1,234 views']);
    expect(items(renderToString(<HeadlineList ctx={utc} items={[kept]} />))).toEqual(['Bridge reopens | Mar 1, 2026, 11:30 PM · World']);
  });
});
