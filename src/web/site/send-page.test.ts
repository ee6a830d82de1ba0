import { describe, expect, it } from 'vitest';
import { rawHeader } from './send-page.js';

describe('rawHeader', () => {
  it('reads a header whatever its case, joining repeated ones as Node does, and nothing when it is absent', () => {
    const raw = ['Host', 'example.test', 'Accept-Encoding', 'gzip', 'IF-NONE-MATCH', '"a"', 'if-none-match', '"b"', 'Accept', 'text/html'];
    expect(rawHeader(raw, 'accept-encoding')).toBe('gzip');
    expect(rawHeader(raw, 'if-none-match')).toBe('"a", "b"');
    expect(rawHeader(raw, 'if-modified-since')).toBeUndefined();
    expect(rawHeader(raw, 'if-none-match', true)).toBe('"a"');
    // A longer or shorter name with the same start is another header.
    expect(rawHeader(['Accept-Encodings', 'br'], 'accept-encoding')).toBeUndefined();
  });
});
