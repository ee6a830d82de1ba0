import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { MediaImage, MediaVariant } from '../content/types.js';
import type { MediaDescription, MediaFiles, MediaStore } from '../storage/ports.js';
import { ImageProcessor } from './image-processor.js';
import { DEFAULT_MEDIA_LIMITS, formatBytes, formatPixels, type MediaLimits } from './media-limits.js';
import { sniffImage } from './sniff-image.js';
import { planVariants, variantName } from './variant-plan.js';

/** What the uploader says about an image; only `filename` is required (a label, never a path). */
export interface IngestMeta {
  filename: string;
  alt?: string | undefined;
  caption?: string | undefined;
  credit?: string | undefined;
}

const MAX_TEXT = { alt: 500, caption: 2000, credit: 300 } as const;

/** The base name of an upload, for messages and the record: directories dropped, no control characters. */
export function uploadLabel(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean && clean !== '.' && clean !== '..' ? clean : 'upload';
}

function cleanText(value: string | undefined, field: keyof typeof MAX_TEXT): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (text.length > MAX_TEXT[field]) throw new AppError('MH_ERR_VALIDATION', `${field} is longer than ${MAX_TEXT[field]} characters`);
  return text;
}

/**
 * Takes an image in — from the admin, the API or an importer — and keeps it: checks it by its
 * content and against the limits, strips its metadata, writes its responsive variants once
 * (content-addressed) and records it. The same bytes ingested twice are one image.
 */
export class MediaService {
  readonly limits: MediaLimits;
  private readonly processor: ImageProcessor;

  constructor(
    private readonly store: MediaStore,
    readonly files: MediaFiles,
    limits: Partial<MediaLimits> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_MEDIA_LIMITS, ...limits };
    this.processor = new ImageProcessor(this.limits.maxPixels);
  }

  /** The stored image, with its variants, for `bytes`; throws an AppError naming the file when they are refused. */
  async ingest(bytes: Uint8Array, meta: IngestMeta): Promise<MediaImage> {
    const label = uploadLabel(meta.filename);
    const description: MediaDescription = { alt: cleanText(meta.alt, 'alt'), caption: cleanText(meta.caption, 'caption'), credit: cleanText(meta.credit, 'credit') };
    if (bytes.length > this.limits.maxBytes) {
      throw new AppError('MH_ERR_MEDIA_TOO_LARGE', `${label} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(this.limits.maxBytes)}`, { limitBytes: this.limits.maxBytes });
    }
    const sniffed = sniffImage(bytes);
    if (!sniffed.ok) throw new AppError('MH_ERR_MEDIA_UNSUPPORTED', `${label}: ${sniffed.reason}`);
    const format = sniffed.format;

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = await this.store.findBySha(sha256);
    if (known && (await this.allFilesExist(known))) {
      const changed = (description.alt && description.alt !== known.alt) || (description.caption && description.caption !== known.caption) || (description.credit && description.credit !== known.credit);
      if (!changed) return known;
      const merged = { alt: description.alt || known.alt, caption: description.caption || known.caption, credit: description.credit || known.credit };
      await this.store.describe(known.id, merged);
      return { ...known, ...merged };
    }

    let header;
    try {
      header = await this.processor.header(bytes);
    } catch (err) {
      throw new AppError('MH_ERR_MEDIA_UNSUPPORTED', `${label}: the ${format.toUpperCase()} data is damaged or incomplete (${(err as Error).message})`);
    }
    // Checked on the header, before decoding: a bomb is refused without allocating its bitmap
    // (and libvips' own limitInputPixels stops a header that lies).
    if (header.storedPixels > this.limits.maxPixels) {
      throw new AppError('MH_ERR_MEDIA_TOO_LARGE', `${label} is ${header.width}×${header.height} (${formatPixels(header.storedPixels)}); the limit is ${formatPixels(this.limits.maxPixels)}`, { limitPixels: this.limits.maxPixels });
    }

    const plan = planVariants(header.width, header.height, format);
    let encoded;
    try {
      const present = new Set<string>();
      for (const v of plan) {
        const name = variantName(sha256, v.width, v.format);
        if (await this.files.exists(name)) present.add(name);
      }
      encoded = await this.processor.encodeAll(bytes, format, plan, (v) => present.has(variantName(sha256, v.width, v.format)));
    } catch (err) {
      const message = (err as Error).message;
      if (/pixel limit/i.test(message)) {
        throw new AppError('MH_ERR_MEDIA_TOO_LARGE', `${label} is over the limit of ${formatPixels(this.limits.maxPixels)}`, { limitPixels: this.limits.maxPixels });
      }
      throw new AppError('MH_ERR_MEDIA_UNSUPPORTED', `${label}: the ${format.toUpperCase()} data is damaged or incomplete (${message})`);
    }
    const variants: MediaVariant[] = [];
    for (const v of plan) {
      const name = variantName(sha256, v.width, v.format);
      const data = encoded.get(v);
      if (data) await this.files.write(name, data);
      variants.push({ name, format: v.format, width: v.width, height: v.height, bytes: data ? data.length : await this.sizeOf(name) });
    }
    if (known) return known;
    const record: Omit<MediaImage, 'id'> = {
      sha256, filename: label, format, width: header.width, height: header.height, bytes: bytes.length,
      ...description, variants, createdAt: this.clock(),
    };
    const id = await this.store.insert(record);
    return { id, ...record };
  }

  /** Sets what an editor says about an image (the admin's alt text, caption and credit fields). */
  async describe(id: number, fields: Partial<MediaDescription>): Promise<MediaImage> {
    const image = await this.store.findById(id);
    if (!image) throw new AppError('MH_ERR_NOT_FOUND', `No image with id ${id}`);
    const next: MediaDescription = {
      alt: fields.alt !== undefined ? cleanText(fields.alt, 'alt') : image.alt,
      caption: fields.caption !== undefined ? cleanText(fields.caption, 'caption') : image.caption,
      credit: fields.credit !== undefined ? cleanText(fields.credit, 'credit') : image.credit,
    };
    await this.store.describe(id, next);
    return { ...image, ...next };
  }

  async byId(id: number): Promise<MediaImage | undefined> {
    return this.store.findById(id);
  }

  /** A variant file for serving, or undefined. */
  async file(name: string): Promise<Buffer | undefined> {
    return this.files.read(name);
  }

  private async allFilesExist(image: MediaImage): Promise<boolean> {
    for (const v of image.variants) if (!(await this.files.exists(v.name))) return false;
    return true;
  }

  private async sizeOf(name: string): Promise<number> {
    return (await this.files.read(name))?.length ?? 0;
  }
}
