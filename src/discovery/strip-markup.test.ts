import { describe, expect, it } from 'vitest';
import { stripMarkup } from './strip-markup.js';

describe('stripMarkup', () => {
  it('removes tags, scripts, styles and comments', () => {
    const text = stripMarkup('<p>Hello <b>world</b></p><script>var secret=1</script><style>p{}</style><!-- note -->');
    expect(text).toContain('Hello');
    expect(text).toContain('world');
    expect(text).not.toMatch(/secret|<|>|note|p\{\}/);
  });

  it('decodes named and numeric entities and drops invalid code points', () => {
    expect(stripMarkup('Tom &amp; Jerry &#233;t&#xE9; &#55296; &bogus;').replace(/\s+/g, ' ').trim()).toBe('Tom & Jerry été');
  });

  it('keeps Markdown link and image text but not their targets, and drops bare URLs', () => {
    const text = stripMarkup('See [the report](https://example.com/r) and ![a chart](x.png) at https://example.org/x?y=1');
    expect(text).toContain('the report');
    expect(text).toContain('a chart');
    expect(text).not.toMatch(/example|png/);
  });

  it('leaves plain text untouched', () => {
    expect(stripMarkup('2 < 3 and 5 > 4')).toBe('2 < 3 and 5 > 4');
  });
});
