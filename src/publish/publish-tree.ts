import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { constants as zlib, gzip } from 'node:zlib';
import { AppError } from '../errors.js';
import { isCompressible, MANIFEST_FILE, STAGING_DIR } from './publish-paths.js';

const gzipAsync = promisify(gzip);

/** What one publishing run did. */
export interface PublishCounts {
  written: number;
  unchanged: number;
  removed: number;
  ms: number;
}

interface Manifest {
  format: 1;
  /** Published file (relative, `/`-separated) → SHA-256 of its bytes (base64url). */
  files: Record<string, string>;
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

async function kindOf(path: string): Promise<'file' | 'dir' | 'missing' | 'other'> {
  try {
    const s = await lstat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return 'missing';
    throw err;
  }
}

/**
 * One publishing run over a published folder. Changed files are first written to a staging
 * folder inside it (same file system, so a rename moves them); nothing in place changes until
 * `commit`, so a run that fails while rendering leaves the previous files as they were. Each file
 * then replaces its old copy by rename, so nginx serves either the old bytes or the new, never half.
 */
export class PublishTree {
  private readonly staged = new Map<string, { hash: string; tmp: string; gz: boolean }>();
  private readonly removals = new Set<string>();
  private readonly seen = new Set<string>();
  private unchanged = 0;
  private nextTmp = 0;

  private constructor(
    readonly dir: string,
    private readonly manifest: Map<string, string>,
    private readonly staging: string,
    private readonly started: number,
  ) {}

  /** Opens `dir` (made when missing) for a run; a folder that cannot hold the site is a one-line error. */
  static async open(dir: string): Promise<PublishTree> {
    const started = performance.now();
    const kind = await kindOf(dir).catch((err: unknown) => {
      throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${dir}: ${errorCode(err)}`);
    });
    if (kind === 'file' || kind === 'other') throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${dir}: it is a file, not a folder`);
    const staging = join(dir, STAGING_DIR, `${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(staging, { recursive: true });
    } catch (err) {
      const code = errorCode(err);
      const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'not writable' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is where a folder is needed' : code;
      throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${dir}: ${reason} (${code})`);
    }
    return new PublishTree(dir, await readManifest(dir), staging, started);
  }

  /** Every file the last committed run left, by relative path. */
  publishedFiles(): string[] {
    return [...this.manifest.keys()];
  }

  isPublished(file: string): boolean {
    return this.manifest.has(file) || this.staged.has(file);
  }

  /** Offers a file's bytes: staged when they differ from what is published, counted as unchanged otherwise. */
  async put(file: string, bytes: Uint8Array): Promise<void> {
    if (this.seen.has(file)) return;
    this.seen.add(file);
    this.removals.delete(file);
    const hash = createHash('sha256').update(bytes).digest('base64url');
    if (this.manifest.get(file) === hash && (await kindOf(join(this.dir, file))) === 'file') {
      this.unchanged++;
      return;
    }
    const tmp = join(this.staging, String(this.nextTmp++));
    const gz = isCompressible(file);
    try {
      await writeFile(tmp, bytes);
      if (gz) await writeFile(`${tmp}.gz`, await gzipAsync(bytes, { level: zlib.Z_BEST_COMPRESSION }));
    } catch (err) {
      throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${this.dir}: writing ${file} failed (${errorCode(err)})`);
    }
    this.staged.set(file, { hash, tmp, gz });
  }

  /** Keeps a published file without reading it again (an image variant: its name is its content). */
  keep(file: string): void {
    if (this.seen.has(file) || !this.manifest.has(file)) return;
    this.seen.add(file);
    this.removals.delete(file);
    this.unchanged++;
  }

  /** Marks a published file for removal at commit (a page that no longer exists). */
  remove(file: string): void {
    if (this.manifest.has(file) && !this.seen.has(file)) this.removals.add(file);
  }

  /** For a whole-site run: every published file this run did not offer goes. */
  removeUnseen(): void {
    for (const file of this.manifest.keys()) if (!this.seen.has(file)) this.removals.add(file);
  }

  /**
   * Moves the staged files into place, deletes the removed ones and writes the manifest. Folders
   * are checked first, so a file standing where a folder must go fails the run before any change.
   */
  async commit(): Promise<PublishCounts> {
    try {
      await this.checkFolders();
      for (const [file, s] of this.staged) {
        const target = join(this.dir, file);
        await mkdir(dirname(target), { recursive: true });
        // The .gz first: gzip_static prefers it, so it should never be older than the page it stands for.
        if (s.gz) await rename(`${s.tmp}.gz`, `${target}.gz`);
        await rename(s.tmp, target);
        this.manifest.set(file, s.hash);
      }
      for (const file of this.removals) {
        await rm(join(this.dir, file), { force: true });
        await rm(join(this.dir, `${file}.gz`), { force: true });
        this.manifest.delete(file);
        await pruneEmptyFolders(this.dir, dirname(file));
      }
      await writeManifest(this.dir, this.manifest);
    } catch (err) {
      await this.abort();
      if (err instanceof AppError) throw err;
      throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${this.dir}: ${errorCode(err)}`);
    }
    await this.abort();
    return { written: this.staged.size, unchanged: this.unchanged, removed: this.removals.size, ms: Math.round(performance.now() - this.started) };
  }

  /** Drops what was staged; the published files stay as they were. */
  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    await rmdir(dirname(this.staging)).catch(() => {});
  }

  private async checkFolders(): Promise<void> {
    const checked = new Set<string>();
    for (const file of this.staged.keys()) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (checked.has(folder)) continue;
        checked.add(folder);
        const kind = await kindOf(join(this.dir, folder));
        if (kind === 'file' || kind === 'other') {
          throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${this.dir}: ${folder} is a file where a folder is needed`);
        }
      }
      if ((await kindOf(join(this.dir, file))) === 'dir') {
        throw new AppError('MH_ERR_PUBLISH', `Cannot publish to ${this.dir}: ${file} is a folder where a file is needed`);
      }
    }
  }
}

async function readManifest(dir: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return new Map();
    throw new AppError('MH_ERR_PUBLISH', `Cannot read ${join(dir, MANIFEST_FILE)}: ${errorCode(err)}`);
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (parsed.format !== 1 || typeof parsed.files !== 'object' || parsed.files === null) throw new Error('unknown format');
    return new Map(Object.entries(parsed.files).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    // A damaged manifest costs one full rewrite, never a wrong skip.
    return new Map();
  }
}

async function writeManifest(dir: string, files: Map<string, string>): Promise<void> {
  const body: Manifest = { format: 1, files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  const tmp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(body, null, 1)}\n`);
  await rename(tmp, join(dir, MANIFEST_FILE));
}

/** Removes `folder` and its parents up to `root` while they are empty (an unpublished article's folder). */
async function pruneEmptyFolders(root: string, folder: string): Promise<void> {
  for (let f = folder; f !== '.' && f !== ''; f = dirname(f)) {
    try {
      await rmdir(join(root, f));
    } catch {
      return;
    }
  }
}

