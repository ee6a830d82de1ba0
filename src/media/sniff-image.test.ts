import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff-image.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)).concat(new Array(16).fill(0)));

describe('sniffImage', () => {
  it('recognises each accepted format by its signature', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, format: 'jpeg' });
    expect(sniffImage(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ok: true, format: 'png' });
    expect(sniffImage(bytes('GIF89a'))).toEqual({ ok: true, format: 'gif' });
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toEqual({ ok: true, format: 'webp' });
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toEqual({ ok: true, format: 'avif' });
  });
  it('refuses SVG, even with an XML prolog or a byte-order mark', () => {
    for (const svg of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '\uFEFF<?xml version="1.0"?>\n<svg></svg>', '  <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" ""><svg/>']) {
      expect(sniffImage(new TextEncoder().encode(svg))).toMatchObject({ ok: false, reason: expect.stringMatching(/SVG/) });
    }
  });
  it('refuses HTML and text whatever the file is called', () => {
    expect(sniffImage(new TextEncoder().encode('<!doctype html><html><body>hi</body></html>'))).toMatchObject({ ok: false, reason: expect.stringMatching(/HTML/) });
    expect(sniffImage(new TextEncoder().encode('just some words in a file called photo.jpg'))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a JPEG/) });
  });
  it('refuses HEIC (an ISO media file browsers cannot show) and files too short to tell', () => {
    expect(sniffImage(bytes([0, 0, 0, 0x18], 'ftypheic'))).toMatchObject({ ok: false, reason: expect.stringMatching(/heic/) });
    expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toMatchObject({ ok: false, reason: expect.stringMatching(/too short/) });
  });
});
