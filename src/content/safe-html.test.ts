import { describe, expect, it } from 'vitest';
import { htmlToText, renderBody } from './safe-html.js';

describe('renderBody', () => {
  it('renders Markdown paragraphs, headings, lists and links', () => {
    const html = renderBody('# Title\n\nSome *text* and a [link](https://example.com).\n\n- one\n- two', 'markdown');
    expect(html).toContain('<h2>Title</h2>'); // h1 is reserved for the page title
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<a href="https://example.com" rel="noopener nofollow ugc">link</a>');
    expect(html).toContain('<li>one</li>');
  });
  it('removes scripts, event handlers and javascript: URLs from Markdown and HTML', () => {
    for (const [src, format] of [
      ['<script>alert(1)</script><p onclick="x()">hi</p>', 'html'],
      ['Hello <img src=x onerror=alert(1)> [a](javascript:alert(1))', 'markdown'],
      ['<iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">x</a>', 'html'],
    ] as const) {
      const html = renderBody(src, format);
      expect(html).not.toMatch(/<script|onerror=|onclick=|href="javascript:|<iframe/i);
    }
  });
  it('keeps tables and blockquotes', () => {
    const html = renderBody('> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |', 'markdown');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<table>');
  });
  it('escapes stray markup in plain text', () => {
    expect(renderBody('a < b & c > d', 'markdown')).toBe('<p>a &lt; b &amp; c &gt; d</p>');
  });
});

describe('htmlToText', () => {
  it('strips tags, decodes entities and collapses whitespace', () => {
    expect(htmlToText('<p>Fish &amp; chips</p>\n<p>are   <b>great</b></p>')).toBe('Fish & chips are great');
  });
});
