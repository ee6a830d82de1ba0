import { parse } from 'node-html-parser';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { RankingAndRecommended } from './discovery-lists.js';
import type { ViewContext } from './format.js';

const ctx: ViewContext = {
  siteName: 'Test',
  tagline: '',
  baseUrl: 'http://127.0.0.1',
  language: 'en',
  timezone: 'UTC',
  messages: messagesFor('en'),
  nav: [],
};

function heading(window: string): string {
  const html = renderToString(<RankingAndRecommended ctx={ctx} ranking={{ window, items: [] }} recommended={[]} />);
  return parse(html).querySelector('#ranking-title')!.text.replace(/\s+/g, ' ').trim();
}

describe('Ranking heading', () => {
  it('names the window of counted views', () => {
    expect(heading('7d')).toBe('Most read (last 7 days)');
  });

  it('says "Latest", not "Most read", when the list is the newest articles (no views counted yet)', () => {
    expect(heading('latest')).toBe('Latest');
  });
});
