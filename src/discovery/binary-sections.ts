import { crc32 } from 'node:zlib';

/**
 * A container of named typed arrays and one JSON header, for snapshot files that load without
 * parsing: every section is a byte range that becomes a typed array with one copy.
 *
 * Layout (all integers little-endian, as typed arrays are on every platform Node runs on):
 *
 *   bytes 0–7     magic "MHSECT02"
 *   bytes 8–11    u32 header length H (bytes of UTF-8 JSON)
 *   bytes 12–15   u32 total file length L
 *   16 … 16+H     header JSON: { kind, version, meta, sections: [[name, type, byteOffset, count], …] }
 *   padding to a multiple of 8, then every section's bytes, each starting at a multiple of 8
 *   last 8 bytes  u32 checksum (CRC-32 of every byte before it), then magic "END."
 *
 * `kind` and `version` say what the sections mean; a reader refuses any other. The checksum
 * catches a torn or corrupted file, the recorded length a truncated one.
 */

export type SectionArray = Uint8Array | Int8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const TYPES = {
  u8: Uint8Array,
  i8: Int8Array,
  i16: Int16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type TypeCode = keyof typeof TYPES;

const MAGIC = 'MHSECT02';
const TRAILER = 'END.';
const PREFIX = 16;
const TRAILER_BYTES = 8;

function typeCode(a: SectionArray): TypeCode {
  for (const [code, Kind] of Object.entries(TYPES)) if (a instanceof Kind) return code as TypeCode;
  throw new TypeError('unsupported section array type');
}

const align8 = (n: number): number => (n + 7) & ~7;

// zlib's CRC-32 runs natively at several GB/s; a checksum in JavaScript took a quarter of a restore.
// Node 20's crc32 answers 0, not `h`, for an empty view of an empty ArrayBuffer (an empty section).
const checksum = (bytes: Uint8Array, h = 0): number => (bytes.length === 0 ? h : crc32(bytes, h));

/** Where a file is read from: its length, and a read of `into.length` bytes at `position`. */
export interface ByteSource {
  size: number;
  read(position: number, into: Uint8Array): void;
}

function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(position, into) {
      into.set(bytes.subarray(position, position + into.length));
    },
  };
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + n));
}

export interface SectionFile {
  kind: string;
  version: number;
  meta: unknown;
  sections: Map<string, SectionArray>;
}

/**
 * A section written from several arrays of one type, one after another (`parts` is called once,
 * while the file is written): a writer need not concatenate lists it keeps apart into one copy.
 */
export interface SectionParts {
  kind: (typeof TYPES)[TypeCode];
  count: number;
  parts(): Iterable<SectionArray>;
}

/** What a writer takes: the sections as arrays, or as parts written one after another. */
export interface SectionsToWrite {
  kind: string;
  version: number;
  meta: unknown;
  sections: ReadonlyMap<string, SectionArray | SectionParts>;
}

const STAGE_BYTES = 1 << 20;

/**
 * Feeds `write` the bytes in chunks of at most STAGE_BYTES, taking the checksum as they pass; the
 * chunk handed to `write` is reused afterwards, so `write` must consume it at once (a synchronous
 * file write does).
 */
class StagedOutput {
  private readonly stage = new Uint8Array(STAGE_BYTES);
  private used = 0;
  hash = 0;
  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  put(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      const n = Math.min(bytes.length - from, STAGE_BYTES - this.used);
      this.stage.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
      if (this.used === STAGE_BYTES) this.flush();
    }
  }

  zeros(n: number): void {
    if (n > 0) this.put(new Uint8Array(n));
  }

  /** Hands on what is staged. */
  flush(): void {
    if (this.used === 0) return;
    const chunk = this.stage.subarray(0, this.used);
    this.hash = checksum(chunk, this.hash);
    this.write(chunk);
    this.used = 0;
  }

  /** Writes bytes that the checksum does not cover (the trailer). */
  raw(bytes: Uint8Array): void {
    this.flush();
    this.write(bytes);
  }
}

const bytesOf = (a: SectionArray): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function entryOf(value: SectionArray | SectionParts): { code: TypeCode; count: number; byteLength: number; arrays: () => Iterable<SectionArray> } {
  if (ArrayBuffer.isView(value)) {
    return { code: typeCode(value), count: value.length, byteLength: value.byteLength, arrays: () => [value] };
  }
  const code = (Object.keys(TYPES) as TypeCode[]).find((c) => TYPES[c] === value.kind);
  if (!code) throw new TypeError('unsupported section array type');
  return { code, count: value.count, byteLength: value.count * TYPES[code].BYTES_PER_ELEMENT, arrays: () => value.parts() };
}

/**
 * Writes a header and named sections (see the layout above) to `write`, in chunks of at most 1 MiB:
 * no copy of the whole file is ever held. Throws TypeError when a section's parts do not add up
 * to its count (nothing after that point is written).
 */
export function writeSections(file: SectionsToWrite, write: (bytes: Uint8Array) => void): number {
  const table: [string, TypeCode, number, number][] = [];
  const entries: { name: string; byteLength: number; arrays: () => Iterable<SectionArray>; Kind: (typeof TYPES)[TypeCode] }[] = [];
  let at = 0;
  for (const [name, value] of file.sections) {
    const e = entryOf(value);
    table.push([name, e.code, at, e.count]);
    entries.push({ name, byteLength: e.byteLength, arrays: e.arrays, Kind: TYPES[e.code] });
    at = align8(at + e.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ kind: file.kind, version: file.version, meta: file.meta, sections: table }));
  const dataStart = align8(PREFIX + header.length);
  const total = dataStart + at + TRAILER_BYTES;
  const prefix = new Uint8Array(PREFIX);
  const view = new DataView(prefix.buffer);
  for (let i = 0; i < MAGIC.length; i++) prefix[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  view.setUint32(12, total, true);
  const out = new StagedOutput(write);
  out.put(prefix);
  out.put(header);
  out.zeros(dataStart - PREFIX - header.length);
  for (const e of entries) {
    let bytes = 0;
    for (const a of e.arrays()) {
      if (!(a instanceof e.Kind)) throw new TypeError(`section ${e.name}: a part of another type`);
      bytes += a.byteLength;
      if (bytes > e.byteLength) break;
      out.put(bytesOf(a));
    }
    if (bytes !== e.byteLength) throw new TypeError(`section ${e.name}: its parts hold ${bytes} bytes, not ${e.byteLength}`);
    out.zeros(align8(bytes) - bytes);
  }
  out.flush();
  const trailer = new Uint8Array(TRAILER_BYTES);
  new DataView(trailer.buffer).setUint32(0, out.hash, true);
  for (let i = 0; i < TRAILER.length; i++) trailer[4 + i] = TRAILER.charCodeAt(i);
  out.raw(trailer);
  return total;
}

/** Packs a header and named sections into one byte array (see the layout above). */
export function encodeSections(file: SectionsToWrite): Uint8Array {
  const chunks: Uint8Array[] = [];
  const out = new Uint8Array(writeSections(file, (bytes) => chunks.push(bytes.slice())));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function fail(why: string): never {
  throw new TypeError(`invalid snapshot file: ${why}`);
}

/**
 * Unpacks a file made by encodeSections; throws TypeError when it is truncated, corrupted, or of
 * another kind or version. Each section is read straight into an array of its own (no copy of the
 * whole file is ever held), and the checksum is taken as the file is read.
 */
export function decodeSections(input: Uint8Array | ByteSource, expect: { kind: string; version: number }): SectionFile {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const size = source.size;
  if (size < PREFIX + TRAILER_BYTES) fail('too short');
  const prefix = new Uint8Array(PREFIX);
  source.read(0, prefix);
  const magic = ascii(prefix, 0, MAGIC.length);
  if (magic.startsWith('MHSECT') && magic !== MAGIC) fail(`written in an older layout (${magic}); it is rebuilt`);
  if (magic !== MAGIC) fail('not a snapshot (wrong magic)');
  const view = new DataView(prefix.buffer);
  const headerLength = view.getUint32(8, true);
  const total = view.getUint32(12, true);
  if (total !== size) fail(`truncated or padded (${size} bytes, header says ${total})`);
  if (total % 8 !== 0 || PREFIX + headerLength > total - TRAILER_BYTES) fail('bad lengths');
  const dataStart = align8(PREFIX + headerLength);
  const dataEnd = total - TRAILER_BYTES;
  if (dataStart > dataEnd) fail('bad lengths');
  const head = new Uint8Array(dataStart);
  source.read(0, head);
  let h = checksum(head);
  let header: { kind?: unknown; version?: unknown; meta?: unknown; sections?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(head.subarray(PREFIX, PREFIX + headerLength))) as typeof header;
  } catch {
    fail('header is not JSON');
  }
  if (header.kind !== expect.kind) fail(`holds ${String(header.kind)}, not ${expect.kind}`);
  if (header.version !== expect.version) fail(`version ${String(header.version)}, this build reads ${expect.version}`);
  if (!Array.isArray(header.sections)) fail('no section table');
  const sections = new Map<string, SectionArray>();
  // Sections follow one another in table order, each padded to 8 bytes (as encodeSections writes them).
  let at = 0;
  for (const entry of header.sections as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 4) fail('bad section entry');
    const [name, code, offset, count] = entry as [unknown, unknown, unknown, unknown];
    if (typeof name !== 'string' || typeof code !== 'string' || !(code in TYPES)) fail('bad section entry');
    if (offset !== at || !Number.isSafeInteger(count) || (count as number) < 0) fail(`bad bounds of ${name}`);
    const Kind = TYPES[code as TypeCode];
    const byteLength = (count as number) * Kind.BYTES_PER_ELEMENT;
    const padded = align8(byteLength);
    if (dataStart + at + padded > dataEnd) fail(`section ${name} out of bounds`);
    const buffer = new ArrayBuffer(padded);
    const bytes = new Uint8Array(buffer);
    source.read(dataStart + at, bytes);
    h = checksum(bytes, h);
    sections.set(name, new Kind(buffer, 0, count as number));
    at += padded;
  }
  if (dataStart + at !== dataEnd) fail('sections do not fill the file');
  const trailer = new Uint8Array(TRAILER_BYTES);
  source.read(dataEnd, trailer);
  if (ascii(trailer, 4, 4) !== TRAILER) fail('missing trailer');
  if (new DataView(trailer.buffer).getUint32(0, true) !== h) fail('checksum mismatch');
  return { kind: header.kind, version: header.version, meta: header.meta, sections };
}

/** A section of the given type, or a TypeError naming what is missing. */
export function takeSection<T extends SectionArray>(sections: ReadonlyMap<string, SectionArray>, name: string, Kind: abstract new (...args: never[]) => T): T {
  const a = sections.get(name);
  if (!(a instanceof Kind)) fail(`section ${name} missing or of another type`);
  return a;
}

/** A finite number from a header, or a TypeError. */
export function metaNumber(meta: unknown, key: string): number {
  const v = meta && typeof meta === 'object' ? (meta as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`header field ${key} missing`);
  return v;
}
