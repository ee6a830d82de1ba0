// npm run bench:media — how fast Masthead turns an upload into its variants, and how many bytes
// a reader saves. (1) Variants per second for a 12-megapixel JPEG generated here, through
// MediaService.ingest (the original decoded once, every variant encoded from its pixels), against a baseline in the
// same run that decodes the original again for every variant. (2) Bytes of the variant a
// browser fetches for a 1280-px slot against the original, for a set of generated images.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { MediaImage } from '../src/content/types.js';
import { demoPictures } from '../src/demo/demo-pictures.js';
import { MemoryMediaFiles } from '../src/media/folder-media-files.js';
import { ImageProcessor } from '../src/media/image-processor.js';
import { MediaService } from '../src/media/media-service.js';
import { planVariants } from '../src/media/variant-plan.js';
import type { MediaDescription, MediaStore } from '../src/storage/ports.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, photos: { type: 'string', default: '4' } } });
const RUNS = Number(args.runs);

/** The media table in memory: the bench measures encoding, not the database. */
class MemoryMediaStore implements MediaStore {
  private readonly rows: MediaImage[] = [];
  async findById(id: number) { return this.rows.find((r) => r.id === id); }
  async findBySha(sha: string) { return this.rows.find((r) => r.sha256 === sha); }
  async byIds(ids: readonly number[]) { return new Map(this.rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, r])); }
  async bySha(shas: readonly string[]) { return new Map(this.rows.filter((r) => shas.includes(r.sha256)).map((r) => [r.sha256, r])); }
  async recent(limit: number) { return [...this.rows].reverse().slice(0, limit); }
  async insert(image: Omit<MediaImage, 'id'>) { this.rows.push({ ...image, id: this.rows.length + 1 }); return this.rows.length; }
  async describe(id: number, d: MediaDescription) { Object.assign(this.rows[id - 1]!, d); }
}

/** A photograph-like JPEG: a drawn scene under fine grain, so it compresses as a camera file does. */
async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  const hue = (seed * 67) % 360;
  const scene = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 60% 70%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 50% 35%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${((i * 7919 * (seed + 1)) % width)}" cy="${((i * 104729) % height)}" r="${20 + ((i * 31) % 200)}" fill="hsl(${(hue + i * 9) % 360} 55% ${30 + (i % 5) * 10}%)" opacity=".6"/>`).join('')}
  </svg>`);
  const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).png().toBuffer();
  const base = await sharp(scene).png().toBuffer();
  return sharp(base).composite([{ input: grain, blend: 'overlay' }]).jpeg({ quality: 92 }).toBuffer();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const out = process.stdout;
  out.write(`bench:media — sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${RUNS} runs\n`);
  const big = await photo(4000, 3000, 1);
  const plan = planVariants(4000, 3000, 'jpeg');
  out.write(`12 MP JPEG: 4000×3000, ${(big.length / 1e6).toFixed(2)} MB, ${plan.length} variants (${[...new Set(plan.map((v) => v.width))].join('/')} px × AVIF/WebP/JPEG)\n`);

  // Warm-up: the first encode of each format loads its codec.
  await new MediaService(new MemoryMediaStore(), new MemoryMediaFiles()).ingest(await photo(800, 600, 9), { filename: 'warm.jpg' });
  // (1) Masthead's ingest (fresh store and files each run, so every variant is really encoded),
  // and the baseline, which decodes the original again for every variant; runs interleaved so
  // both see the same machine (it is shared and its speed drifts).
  const processor = new ImageProcessor(50_000_000);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const service = new MediaService(new MemoryMediaStore(), new MemoryMediaFiles());
    let t = performance.now();
    const image = await service.ingest(big, { filename: 'photo.jpg' });
    ours.push(image.variants.length / ((performance.now() - t) / 1000));
    t = performance.now();
    for (const v of plan) await processor.encodeWidth(big, 'jpeg', v.width, [v.format]);
    baseline.push(plan.length / ((performance.now() - t) / 1000));
  }
  const oursMedian = median(ours);
  const baseMedian = median(baseline);
  out.write(`variants/s (median of ${RUNS}): ingest ${oursMedian.toFixed(2)} (runs ${ours.map((x) => x.toFixed(2)).join(', ')}); baseline one decode per variant ${baseMedian.toFixed(2)} (runs ${baseline.map((x) => x.toFixed(2)).join(', ')}); ratio ${(oursMedian / baseMedian).toFixed(2)}×\n`);
  out.write(`one 12 MP upload takes ${(plan.length / oursMedian).toFixed(1)} s on this machine\n`);

  // (2) Bytes saved: the demo drawings and generated photographs, each at its 1280-px variant (or its widest).
  const set: { name: string; bytes: Buffer }[] = [];
  for (const p of demoPictures) set.push({ name: p.key, bytes: await sharp(Buffer.from(p.svg())).jpeg({ quality: 90 }).toBuffer() });
  for (let i = 0; i < Number(args.photos); i++) set.push({ name: `photo-${i}`, bytes: await photo(3000 + i * 200, 2000 + i * 150, i + 2) });
  const service = new MediaService(new MemoryMediaStore(), new MemoryMediaFiles());
  const totals = { original: 0, avif: 0, webp: 0, fallback: 0, allVariants: 0 };
  // Images whose 1280 variant is their own size: what the formats and encoders save without any resizing.
  const same = { original: 0, avif: 0, webp: 0, fallback: 0, images: 0 };
  for (const item of set) {
    const image = await service.ingest(item.bytes, { filename: `${item.name}.jpg` });
    const slot = Math.min(1280, Math.max(...image.variants.map((v) => v.width)));
    const at = (f: string) => image.variants.find((v) => v.format === f && v.width === slot)!.bytes;
    totals.original += item.bytes.length;
    totals.avif += at('avif');
    totals.webp += at('webp');
    totals.fallback += at('jpeg');
    totals.allVariants += image.variants.reduce((s, v) => s + v.bytes, 0);
    if (slot === image.width) {
      same.images++;
      same.original += item.bytes.length;
      same.avif += at('avif');
      same.webp += at('webp');
      same.fallback += at('jpeg');
    }
  }
  const sameSaved = (x: number) => 1 - x / same.original;
  const saved = (x: number) => 1 - x / totals.original;
  const pct = (x: number) => `${(saved(x) * 100).toFixed(1)}%`;
  out.write(`bytes saved at a 1280-px slot against the original, ${set.length} images (${demoPictures.length} drawings, ${args.photos} photographs), originals ${(totals.original / 1e6).toFixed(2)} MB:\n`);
  out.write(`  AVIF ${(totals.avif / 1e6).toFixed(2)} MB (${pct(totals.avif)} saved), WebP ${(totals.webp / 1e6).toFixed(2)} MB (${pct(totals.webp)}), JPEG ${(totals.fallback / 1e6).toFixed(2)} MB (${pct(totals.fallback)}); all variants stored ${(totals.allVariants / 1e6).toFixed(2)} MB\n`);
  out.write(`same size (no resizing), ${same.images} images of 1280 px, originals ${(same.original / 1e6).toFixed(2)} MB: AVIF ${(sameSaved(same.avif) * 100).toFixed(1)}% saved, WebP ${(sameSaved(same.webp) * 100).toFixed(1)}%, JPEG (mozjpeg q80, no metadata) ${(sameSaved(same.fallback) * 100).toFixed(1)}%\n`);
  out.write(`${JSON.stringify({
    bench: 'media',
    variantsPerSecond12mp: +oursMedian.toFixed(3),
    baselineVariantsPerSecond12mp: +baseMedian.toFixed(3),
    ratioVsBaseline: +(oursMedian / baseMedian).toFixed(3),
    variants12mp: plan.length,
    secondsPer12mpUpload: +(plan.length / oursMedian).toFixed(2),
    images: set.length,
    originalBytes: totals.original,
    savedAvif: +saved(totals.avif).toFixed(4),
    savedWebp: +saved(totals.webp).toFixed(4),
    savedFallback: +saved(totals.fallback).toFixed(4),
    storedVariantBytes: totals.allVariants,
    sameSizeSavedAvif: +sameSaved(same.avif).toFixed(4),
    sameSizeSavedWebp: +sameSaved(same.webp).toFixed(4),
    sameSizeSavedFallback: +sameSaved(same.fallback).toFixed(4),
  })}\n`);
}

await main();
