import { describe, expect, it } from 'vitest';
import { isAutomated, notCountedReason } from './view-rules.js';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('counting rules for requests', () => {
  it('counts browsers reading the page', () => {
    for (const ua of [CHROME, FIREFOX, SAFARI_IOS]) {
      expect(notCountedReason({ method: 'POST', userAgent: ua, purpose: undefined })).toBeUndefined();
      expect(notCountedReason({ method: 'GET', userAgent: ua, purpose: undefined })).toBeUndefined();
    }
  });

  it('never counts crawlers and link-preview bots', () => {
    const bots = [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Twitterbot/1.0',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'TelegramBot (like TwitterBot)',
      'WhatsApp/2.23.20.0',
      'curl/8.5.0',
      'python-requests/2.31.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
    ];
    for (const ua of bots) expect(notCountedReason({ method: 'GET', userAgent: ua, purpose: undefined }), ua).toBe('bot');
    expect(isAutomated(undefined)).toBe(true);
    expect(isAutomated('')).toBe(true);
  });

  it('never counts prefetch, prerender or HEAD requests', () => {
    expect(notCountedReason({ method: 'GET', userAgent: CHROME, purpose: 'prefetch' })).toBe('prefetch');
    expect(notCountedReason({ method: 'GET', userAgent: CHROME, purpose: 'prefetch;prerender' })).toBe('prefetch');
    expect(notCountedReason({ method: 'GET', userAgent: CHROME, purpose: 'preview' })).toBe('prefetch');
    expect(notCountedReason({ method: 'HEAD', userAgent: CHROME, purpose: undefined })).toBe('method');
    expect(notCountedReason({ method: 'OPTIONS', userAgent: CHROME, purpose: undefined })).toBe('method');
  });

  it('gives the same answer from its memo as from isbot itself', () => {
    for (let i = 0; i < 3; i++) expect(isAutomated(CHROME)).toBe(false);
    for (let i = 0; i < 3; i++) expect(isAutomated('Twitterbot/1.0')).toBe(true);
  });
});
