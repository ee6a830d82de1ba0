import type { SourceFormat } from './variant-plan.js';

/**
 * What an upload is, from its first bytes, never from its name or declared type: a file
 * called `photo.jpg` holding HTML or SVG is refused. Pure; sharp then checks the rest.
 */
export type Sniffed =
  | { ok: true; format: SourceFormat }
  | { ok: false; reason: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length < 12) return { ok: false, reason: 'the file is too short to be an image' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, format: 'png' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { ok: true, format: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, format: 'webp' };
  // ISO base media file: `....ftyp` then a brand; AVIF stills and sequences only (not HEIC, which browsers lack).
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return { ok: true, format: 'avif' };
    return { ok: false, reason: `the file is an ISO media file ("${brand.trim()}"), not a JPEG, PNG, WebP, GIF or AVIF image` };
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.includes('<!doctype svg')) {
    return { ok: false, reason: 'the file is an SVG drawing, which can carry scripts; upload it as PNG' };
  }
  if (head.startsWith('<')) return { ok: false, reason: 'the file is HTML or XML text, not an image' };
  return { ok: false, reason: 'the file is not a JPEG, PNG, WebP, GIF or AVIF image' };
}
