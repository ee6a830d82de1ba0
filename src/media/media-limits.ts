/** How large an original may be. Both limits are checked before any pixel is decoded. */
export interface MediaLimits {
  /** Bytes of the uploaded file. */
  maxBytes: number;
  /** Width × height of the original: a small file can expand to a huge bitmap (a decompression bomb). */
  maxPixels: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  // A full-size photo from a current phone or camera is 5–15 MB.
  maxBytes: 25 * 1024 * 1024,
  // 50 MP: a 12 MP photo or a 48 MP phone sensor goes through; an 8-bit RGBA bitmap of this size is 200 MB.
  maxPixels: 50_000_000,
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

export function formatPixels(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(n % 1_000_000 === 0 ? 0 : 1)} megapixels` : `${n} pixels`;
}
