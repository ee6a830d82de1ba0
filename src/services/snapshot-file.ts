import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
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
 * Writes a file to `path` atomically: `produce` hands its bytes, in chunks, to a synchronous write
 * into a temporary file beside it (a name of its own, so processes sharing the folder never write
 * into one another's), which is then flushed to disk and renamed over the old file. A reader sees
 * the old snapshot or the new one, never half of one. The chunks reach the kernel's page cache
 * within the one synchronous call of `produce`, so what they describe cannot change in between,
 * and no copy of the whole file is held; the flush to disk happens afterwards, off the event loop.
 * Returns the bytes written.
 */
export async function writeSnapshotFile(path: string, produce: (write: (bytes: Uint8Array) => void) => void): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    let written = 0;
    const fd = openSync(temp, 'w', 0o600);
    try {
      produce((bytes) => {
        let done = 0;
        while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
        written += bytes.length;
      });
    } finally {
      closeSync(fd);
    }
    const handle = await open(temp, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return written;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw err;
  }
}
