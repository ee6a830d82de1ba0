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

/** FNV-1a over 32-bit words (the length is a multiple of 4: sections and header are padded). */
function checksum(bytes: Uint8Array, end: number): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, end >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  return h >>> 0;
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
  view.setUint32(total - TRAILER_BYTES, checksum(out, total - TRAILER_BYTES), true);
  for (let i = 0; i < TRAILER.length; i++) out[total - 4 + i] = TRAILER.charCodeAt(i);
  return out;
}

function fail(why: string): never {
  throw new TypeError(`invalid snapshot file: ${why}`);
}

/**
 * Unpacks a file made by encodeSections; throws TypeError when it is truncated, corrupted, or of
 * another kind or version. Arrays are copies: the file's bytes can be dropped at once.
 */
export function decodeSections(bytes: Uint8Array, expect: { kind: string; version: number }): SectionFile {
  if (bytes.length < PREFIX + TRAILER_BYTES) fail('too short');
  if (ascii(bytes, 0, MAGIC.length) !== MAGIC) fail('not a snapshot (wrong magic)');
  // An aligned private copy: typed array views need aligned offsets, and a Buffer may sit anywhere in its pool.
  const own = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(own.buffer, own.byteOffset, own.byteLength);
  const headerLength = view.getUint32(8, true);
  const total = view.getUint32(12, true);
  if (total !== own.length) fail(`truncated or padded (${own.length} bytes, header says ${total})`);
  if (total % 4 !== 0 || PREFIX + headerLength > total - TRAILER_BYTES) fail('bad lengths');
  if (ascii(own, total - 4, 4) !== TRAILER) fail('missing trailer');
  if (view.getUint32(total - TRAILER_BYTES, true) !== checksum(own, total - TRAILER_BYTES)) fail('checksum mismatch');
  let header: { kind?: unknown; version?: unknown; meta?: unknown; sections?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(own.subarray(PREFIX, PREFIX + headerLength))) as typeof header;
  } catch {
    fail('header is not JSON');
  }
  if (header.kind !== expect.kind) fail(`holds ${String(header.kind)}, not ${expect.kind}`);
  if (header.version !== expect.version) fail(`version ${String(header.version)}, this build reads ${expect.version}`);
  if (!Array.isArray(header.sections)) fail('no section table');
  const dataStart = align8(PREFIX + headerLength);
  const dataEnd = total - TRAILER_BYTES;
  const sections = new Map<string, SectionArray>();
  for (const entry of header.sections as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 4) fail('bad section entry');
    const [name, code, offset, count] = entry as [unknown, unknown, unknown, unknown];
    if (typeof name !== 'string' || typeof code !== 'string' || !(code in TYPES)) fail('bad section entry');
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(count) || (offset as number) < 0 || (count as number) < 0) fail(`bad bounds of ${name}`);
    const Kind = TYPES[code as TypeCode];
    const from = dataStart + (offset as number);
    const bytesLength = (count as number) * Kind.BYTES_PER_ELEMENT;
    if (from % 8 !== 0 || from + bytesLength > dataEnd) fail(`section ${name} out of bounds`);
    sections.set(name, new Kind((own.buffer as ArrayBuffer).slice(own.byteOffset + from, own.byteOffset + from + bytesLength)));
  }
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
