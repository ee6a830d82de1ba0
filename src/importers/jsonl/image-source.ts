import { open } from 'node:fs/promises';
import path from 'node:path';

export interface ImageFetchLimits {
  /** Whole request, headers and body, for one URL. */
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_IMAGE_FETCH: ImageFetchLimits = { timeoutMs: 10_000, maxBytes: 25 * 1024 * 1024 };

/** Why one image of an import could not be loaded (the article is imported without it). */
export class ImageSourceError extends Error {}

/**
 * The bytes of an import's image: an http(s) URL, fetched within the time and size limits,
 * or a path relative to the JSON Lines file's folder, which it may not leave.
 */
export async function loadImageSource(source: string, baseDir: string, limits: ImageFetchLimits): Promise<{ bytes: Buffer; filename: string }> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new ImageSourceError(`"${source}" is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageSourceError(`only http and https image URLs are fetched, not ${url.protocol}`);
    return { bytes: await fetchLimited(url, limits), filename: path.posix.basename(url.pathname) || 'image' };
  }
  const root = path.resolve(baseDir);
  const full = path.resolve(root, source);
  if (full !== root && !full.startsWith(root + path.sep)) throw new ImageSourceError(`${source} is outside the folder of the import file`);
  let handle;
  try {
    handle = await open(full, 'r');
  } catch (err) {
    throw new ImageSourceError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ImageSourceError(`${source} is not a file`);
    if (info.size > limits.maxBytes) throw new ImageSourceError(`${source} is ${info.size} bytes; the limit is ${limits.maxBytes}`);
    return { bytes: await handle.readFile(), filename: path.basename(full) };
  } finally {
    await handle.close();
  }
}

async function fetchLimited(url: URL, limits: ImageFetchLimits): Promise<Buffer> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif' } });
    if (!res.ok) throw new ImageSourceError(`${url.href} answered HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await res.body?.cancel();
      throw new ImageSourceError(`${url.href} is ${declared} bytes; the limit is ${limits.maxBytes}`);
    }
    // Counted as it arrives: a server may send more than it declared, or declare nothing.
    const chunks: Buffer[] = [];
    let total = 0;
    // Leaving the loop early (the throw) cancels the stream, which closes the connection.
    for await (const chunk of (res.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > limits.maxBytes) {
        throw new ImageSourceError(`${url.href} sent more than the limit of ${limits.maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof ImageSourceError) throw err;
    if (signal.aborted) throw new ImageSourceError(`${url.href} did not answer within ${limits.timeoutMs / 1000} s`);
    throw new ImageSourceError(`cannot fetch ${url.href}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
}
