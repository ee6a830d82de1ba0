/**
 * A container of named typed arrays and one JSON header, for snapshot files that load without
 * parsing: every section is a byte range that becomes a typed array with one copy.
 *
 * Layout (all integers little-endian, as typed arrays are on every platform Node runs on):
 *
 *   bytes 0–7     magic "MHSECT01"
 *   bytes 8–11    u32 header length H (bytes of UTF-8 JSON)
 *   bytes 12–15   u32 total file length L
 *   16 … 16+H     header JSON: { kind, version, meta, sections: [[name, type, byteOffset, count], …] }
 *   padding to a multiple of 8, then every section's bytes, each starting at a multiple of 8
 *   last 8 bytes  u32 checksum (FNV-1a over every 32-bit word before it), then magic "END."
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

const MAGIC = 'MHSECT01';
const TRAILER = 'END.';
const PREFIX = 16;
const TRAILER_BYTES = 8;

function typeCode(a: SectionArray): TypeCode {
  for (const [code, Kind] of Object.entries(TYPES)) if (a instanceof Kind) return code as TypeCode;
  throw new TypeError('unsupported section array type');
}

const align8 = (n: number): number => (n + 7) & ~7;

const FNV_START = 0x811c9dc5;

/** FNV-1a over the 32-bit words of `bytes` (a multiple of 4 long: sections and header are padded), from `h`. */
function checksum(bytes: Uint8Array, h = FNV_START): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  return h >>> 0;
}

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

/** Packs a header and named arrays into one byte array (see the layout above). */
export function encodeSections(file: SectionFile): Uint8Array {
  const table: [string, TypeCode, number, number][] = [];
  let at = 0;
  for (const [name, array] of file.sections) {
    table.push([name, typeCode(array), at, array.length]);
    at = align8(at + array.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ kind: file.kind, version: file.version, meta: file.meta, sections: table }));
  const dataStart = align8(PREFIX + header.length);
  const total = dataStart + at + TRAILER_BYTES;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  view.setUint32(12, total, true);
  out.set(header, PREFIX);
  for (const [name, , offset] of table) {
    const a = file.sections.get(name)!;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + offset);
  }
  view.setUint32(total - TRAILER_BYTES, checksum(out.subarray(0, total - TRAILER_BYTES)), true);
  for (let i = 0; i < TRAILER.length; i++) out[total - 4 + i] = TRAILER.charCodeAt(i);
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
  if (ascii(prefix, 0, MAGIC.length) !== MAGIC) fail('not a snapshot (wrong magic)');
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
