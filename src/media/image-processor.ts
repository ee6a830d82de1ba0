import type { Sharp } from 'sharp';
import type sharpFactory from 'sharp';

type SharpFactory = typeof sharpFactory;
// Loaded on the first image, not at start: a server that only answers pages never pays for libvips.
let loading: Promise<SharpFactory> | undefined;
const loadSharp = (): Promise<SharpFactory> => (loading ??= import('sharp').then((m) => m.default as SharpFactory));
import type { PlannedVariant, SourceFormat, VariantFormat } from './variant-plan.js';

/** Facts read from an image's header, before its pixels are decoded. */
export interface ImageHeader {
  /** Size as stored; `width`/`height` below are after the EXIF orientation. */
  storedPixels: number;
  width: number;
  height: number;
  pages: number;
}

/** Encoder settings per format: quality a reader does not notice, effort this machine can afford per upload. */
const ENCODE: Record<VariantFormat, (s: Sharp) => Sharp> = {
  avif: (s) => s.avif({ quality: 55, effort: 2 }),
  webp: (s) => s.webp({ quality: 78, effort: 4 }),
  jpeg: (s) => s.jpeg({ quality: 80, mozjpeg: true, progressive: true }),
  png: (s) => s.png({ compressionLevel: 9, palette: false }),
  gif: (s) => s.gif(),
};

/** The only module that calls sharp: header reading and variant encoding. */
export class ImageProcessor {
  constructor(private readonly maxPixels: number) {}

  private input(sharp: SharpFactory, bytes: Uint8Array, animated: boolean): Sharp {
    // limitInputPixels makes libvips refuse to decode past the limit whatever the header said;
    // failOn 'error' refuses truncated and corrupt data instead of rendering grey.
    return sharp(bytes, { limitInputPixels: this.maxPixels, failOn: 'error', animated, sequentialRead: true });
  }

  /** Reads the header only (no pixels decoded). Throws when the data is not a readable image. */
  async header(bytes: Uint8Array): Promise<ImageHeader> {
    const sharp = await loadSharp();
    const m = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
    if (!m.width || !m.height) throw new Error('the image has no size');
    const swapped = (m.orientation ?? 1) >= 5;
    return {
      storedPixels: m.width * (m.pageHeight ?? m.height),
      width: swapped ? m.height : m.width,
      height: swapped ? m.width : m.height,
      pages: m.pages ?? 1,
    };
  }

  /**
   * Encodes one width in each of its formats straight from the original (each output decodes it
   * again: the benchmark's baseline, and the path for animated GIFs, whose frames raw pixels lose).
   * The EXIF orientation is applied and every metadata block (EXIF, GPS, XMP, IPTC) is dropped,
   * which is sharp's default when `keepMetadata` is not asked for; colours are converted to sRGB.
   */
  async encodeWidth(bytes: Uint8Array, source: SourceFormat, width: number, formats: readonly VariantFormat[]): Promise<Map<VariantFormat, Buffer>> {
    const sharp = await loadSharp();
    const out = new Map<VariantFormat, Buffer>();
    for (const f of formats) {
      out.set(f, await ENCODE[f](this.input(sharp, bytes, source === 'gif').autoOrient().resize({ width, withoutEnlargement: true })).toBuffer());
    }
    return out;
  }

  /**
   * Every planned variant. The original is decoded once, oriented and scaled to the widest
   * variant, kept as raw sRGB pixels (no metadata survives that), and every variant is
   * encoded from those pixels: a 12 MP JPEG is decoded once instead of once per variant.
   */
  async encodeAll(bytes: Uint8Array, source: SourceFormat, plan: readonly PlannedVariant[], skip: (v: PlannedVariant) => boolean = () => false): Promise<Map<PlannedVariant, Buffer>> {
    const out = new Map<PlannedVariant, Buffer>();
    const todo = plan.filter((v) => !skip(v));
    if (!todo.length) return out;
    if (source === 'gif') {
      for (const v of todo) out.set(v, (await this.encodeWidth(bytes, source, v.width, [v.format])).get(v.format)!);
      return out;
    }
    const sharp = await loadSharp();
    const widest = Math.max(...plan.map((v) => v.width));
    const { data, info } = await this.input(sharp, bytes, false).autoOrient().resize({ width: widest, withoutEnlargement: true })
      .toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    for (const w of [...new Set(todo.map((v) => v.width))]) {
      const scaled = w === info.width ? sharp(data, raw) : sharp(data, raw).resize({ width: w });
      const formats = todo.filter((v) => v.width === w);
      await Promise.all(formats.map(async (v) => out.set(v, await ENCODE[v.format](scaled.clone()).toBuffer())));
    }
    return out;
  }
}
