import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { ByteSource } from '../discovery/binary-sections.js';

/**
 * Hands `use` the file as a source of positioned reads (each section of a snapshot is read
 * straight into its own array: no copy of the whole file is held), then closes it. Undefined
 * when there is no such file; any other failure throws.
 */
export function withSnapshotFile<T>(path: string, use: (source: ByteSource) => T): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    return use({
      size,
      read(position, into) {
        let done = 0;
        while (done < into.length) {
          const n = readSync(fd, into, done, into.length - done, position + done);
          if (n === 0) throw new TypeError('invalid snapshot file: shorter than it said');
          done += n;
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `bytes` to `path` atomically: a temporary file beside it (a name of its own, so processes
 * sharing the folder never write into one another's), flushed to disk, then renamed over the old
 * file. A reader sees the old snapshot or the new one, never half of one.
 */
export async function writeSnapshotFile(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw err;
  }
}
