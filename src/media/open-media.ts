import path from 'node:path';
import type { MediaStore } from '../storage/ports.js';
import { FolderMediaFiles, MemoryMediaFiles } from './folder-media-files.js';
import { MediaService } from './media-service.js';
import type { MediaLimits } from './media-limits.js';

/**
 * The media service of a site: files under `mediaDir`, else `<dataDir>/media/` (every process
 * of the site pointed at the same data folder shares them), in memory with an in-memory database.
 */
export function openMedia(store: MediaStore, where: { dataDir: string; mediaDir?: string | undefined }, options: { limits?: Partial<MediaLimits>; clock?: () => number } = {}): MediaService {
  const files = where.mediaDir ? new FolderMediaFiles(where.mediaDir)
    : where.dataDir === ':memory:' ? new MemoryMediaFiles()
    : new FolderMediaFiles(path.join(where.dataDir, 'media'));
  return new MediaService(store, files, options.limits, options.clock);
}
