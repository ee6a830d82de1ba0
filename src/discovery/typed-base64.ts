const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const CHUNK = 0x8000;

/** Base64 of raw bytes, without node:buffer so the engine stays pure. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Array<number>(CHUNK);
  let k = 0;
  const flush = (): void => {
    parts.push(String.fromCharCode(...codes.slice(0, k)));
    k = 0;
  };
  const n = bytes.length;
  for (let i = 0; i < n; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < n ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < n ? (bytes[i + 2] as number) : 0;
    codes[k++] = ALPHABET.charCodeAt(a >> 2);
    codes[k++] = ALPHABET.charCodeAt(((a & 3) << 4) | (b >> 4));
    codes[k++] = i + 1 < n ? ALPHABET.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61;
    codes[k++] = i + 2 < n ? ALPHABET.charCodeAt(c & 63) : 61;
    if (k >= CHUNK - 4) flush();
  }
  flush();
  return parts.join('');
}

/** Inverse of bytesToBase64; rejects text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(text)) throw new TypeError('not base64');
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = LOOKUP[text.charCodeAt(i)] as number;
    const b = LOOKUP[text.charCodeAt(i + 1)] as number;
    const c = LOOKUP[text.charCodeAt(i + 2)] as number;
    const d = LOOKUP[text.charCodeAt(i + 3)] as number;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** Base64 of a typed array's bytes (platform byte order, little-endian everywhere Node runs). */
export function typedToBase64(array: Uint32Array | Float32Array | Float64Array): string {
  return bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/** Decodes base64 into a fresh typed array of the given kind. */
export function base64ToTyped<T extends Uint32Array | Float32Array | Float64Array>(
  text: string,
  Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const bytes = base64ToBytes(text);
  if (bytes.length % Kind.BYTES_PER_ELEMENT !== 0) throw new TypeError('base64 length does not fit the array type');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Kind(copy);
}
