// A non-negative float32's bit pattern (31 bits) sorts like its value. With an id below `range` (at
// most 2^22, so the key stays within float64's 53 exact bits) both fit one float64, and one native
// numeric sort orders by weight and, among equal weights, by id — no comparator per comparison.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The key of (weight, id): ascending keys are ascending weights, then descending ids. */
export function weightIdKey(weight: number, id: number, range: number): number {
  f32[0] = weight;
  return (u32[0] as number) * range + (range - 1 - id);
}

/** The id packed in a key. */
export function keyId(key: number, range: number): number {
  return range - 1 - (key % range);
}

/** The weight packed in a key, as a float32 value. */
export function keyWeight(key: number, range: number): number {
  u32[0] = Math.floor(key / range);
  return f32[0] as number;
}
