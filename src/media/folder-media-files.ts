import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFiles } from '../storage/ports.js';
import { VARIANT_NAME } from './variant-plan.js';

/**
 * Variant files in a folder (`<data>/media/` by default), two hex characters of the content
 * address per subfolder so no folder grows to millions of entries. Only names matching
 * VARIANT_NAME are ever joined to the folder, so no name can reach outside it.
 */
export class FolderMediaFiles implements MediaFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(name: string): string {
    if (!VARIANT_NAME.test(name)) throw new Error(`not a media file name: ${JSON.stringify(name)}`);
    const full = path.join(this.root, name.slice(0, 2), name);
    // Belt and braces: the pattern already excludes separators and dots in the stem.
    if (!full.startsWith(this.root + path.sep)) throw new Error(`media path outside the media folder: ${name}`);
    return full;
  }

  async exists(name: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(name))).isFile();
    } catch {
      return false;
    }
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(name);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside and renamed: another process reading the name sees all of the file or none.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
  }

  async read(name: string): Promise<Buffer | undefined> {
    if (!VARIANT_NAME.test(name)) return undefined;
    try {
      return await readFile(this.pathOf(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

/** Variant files in memory, for a site whose database is in memory too (tests, previews). */
export class MemoryMediaFiles implements MediaFiles {
  private readonly files = new Map<string, Buffer>();

  async exists(name: string): Promise<boolean> {
    return this.files.has(name);
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    if (!VARIANT_NAME.test(name)) throw new Error(`not a media file name: ${JSON.stringify(name)}`);
    this.files.set(name, Buffer.from(bytes));
  }

  async read(name: string): Promise<Buffer | undefined> {
    return this.files.get(name);
  }
}
