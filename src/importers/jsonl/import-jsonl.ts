import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { AppError, isAppError } from '../../errors.js';
import type { ArticleInput, ArticleService } from '../../services/article-service.js';
import type { Storage, Stores } from '../../storage/ports.js';
import type { MediaService } from '../../media/media-service.js';
import { parseRecord, type ImageRef, type ParseOptions } from './parse-record.js';
import { DEFAULT_IMAGE_FETCH, loadImageSource, type ImageFetchLimits } from './image-source.js';

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportSummary {
  lines: number;
  created: number;
  updated: number;
  failed: number;
  problems: ImportProblem[];
  /** Cover images stored. */
  images: number;
  /** Lines whose image could not be stored; their articles were imported without a picture. */
  imageProblems: ImportProblem[];
  /** Ids of every article written, for refreshing indexes and caches. */
  articleIds: number[];
  ms: number;
}

export interface ImportOptions extends ParseOptions {
  /** Called after each batch with the lines read so far. */
  onProgress?: (linesRead: number) => void;
  batchSize?: number;
  /** Where `image` / `image_url` fields go; without it they are ignored (`masthead import --no-images`). */
  media?: MediaService | undefined;
  /** Time and size limits of one image URL. */
  imageFetch?: Partial<ImageFetchLimits>;
}

interface PendingLine {
  line: number;
  input: ArticleInput;
  image?: ImageRef | undefined;
}

/** Images fetched and encoded at once: fetches overlap, encoders share the cores. */
const IMAGE_CONCURRENCY = 3;

/**
 * Imports a JSON Lines file (gzipped when it ends in .gz). Each article is written
 * whole or not at all; a bad line is reported with its number and the rest go on.
 */
export async function importJsonl(file: string, storage: Storage, articles: ArticleService, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
  } catch (err) {
    throw new AppError('MH_ERR_IMPORT', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const summary: ImportSummary = { lines: 0, created: 0, updated: 0, failed: 0, problems: [], images: 0, imageProblems: [], articleIds: [], ms: 0 };
  const baseDir = dirname(file);
  const fetchLimits: ImageFetchLimits = { ...DEFAULT_IMAGE_FETCH, ...(options.media ? { maxBytes: options.media.limits.maxBytes } : {}), ...options.imageFetch };

  /** Stores each pending line's image (outside any transaction: it is slow I/O) and sets its cover. */
  const attachImages = async (pending: PendingLine[]) => {
    const media = options.media;
    if (!media) return;
    const queue = pending.filter((p) => p.image);
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const ref = p.image!;
        try {
          const { bytes, filename } = await loadImageSource(ref.source, baseDir, fetchLimits);
          const image = await media.ingest(bytes, { filename, alt: ref.alt ?? undefined, caption: ref.caption ?? undefined, credit: ref.credit ?? undefined });
          p.input = { ...p.input, coverImageId: image.id };
          summary.images++;
        } catch (err) {
          summary.imageProblems.push({ line: p.line, reason: `image ${ref.source}: ${(err as Error).message}` });
        }
      }
    };
    await Promise.all(Array.from({ length: IMAGE_CONCURRENCY }, worker));
  };
  const batchSize = options.batchSize ?? 500;
  let batch: PendingLine[] = [];

  const fail = (line: number, reason: string) => {
    summary.failed++;
    summary.problems.push({ line, reason });
  };

  const writeOne = async (stores: Stores, p: PendingLine) => {
    const result = await articles.save(stores, p.input);
    if (result.created) summary.created++;
    else summary.updated++;
    summary.articleIds.push(result.id);
  };

  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    await attachImages(pending);
    const before = { created: summary.created, updated: summary.updated, failed: summary.failed, ids: summary.articleIds.length, problems: summary.problems.length };
    try {
      await storage.transaction(async (stores) => {
        for (const p of pending) {
          try {
            await writeOne(stores, p);
          } catch (err) {
            // Validation fails before anything of the article is written, so the batch can go on.
            if (isAppError(err)) fail(p.line, err.message);
            else throw err;
          }
        }
      });
    } catch {
      // An unexpected database error rolled the batch back: redo it one article per transaction
      // so only the offending line is lost, and report it by number.
      Object.assign(summary, { created: before.created, updated: before.updated, failed: before.failed });
      summary.articleIds.length = before.ids;
      summary.problems.length = before.problems;
      for (const p of pending) {
        try {
          await storage.transaction((stores) => writeOne(stores, p));
        } catch (err) {
          fail(p.line, (err as Error).message);
        }
      }
    }
    options.onProgress?.(summary.lines);
  };

  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const text of lines) {
      summary.lines++;
      const parsed = parseRecord(text, options);
      if (parsed.ok === 'skip') continue;
      if (parsed.ok === false) {
        fail(summary.lines, parsed.reason);
        continue;
      }
      batch.push({ line: summary.lines, input: parsed.input, image: parsed.image });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('MH_ERR_IMPORT', `Cannot read ${file} after line ${summary.lines}: ${(err as Error).message}`);
  }
  summary.imageProblems.sort((a, b) => a.line - b.line);
  summary.ms = performance.now() - started;
  return summary;
}
