type NumberArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

/**
 * A copy of `a` with room for `length` elements, the new ones set to `fill`. The engine keeps its
 * per-term and per-slot data in typed arrays that grow by copying; this is that copy, written once.
 */
export function grown<T extends NumberArray>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}
