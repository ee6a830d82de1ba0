/**
 * The latent layer's inner loops: one row of `d` numbers scaled and added into another.
 *
 * Written out four elements at a time because V8 does not unroll or vectorise these loops itself: a
 * bulk build runs them twice per weighted term of every article (about 190 million multiply-adds for
 * 20 Newsgroups), and the per-element loop overhead was a quarter of the build. Each element is
 * computed exactly as the one-at-a-time loop computes it (one multiply, one add, the store's rounding),
 * so results are bit for bit the same.
 */

/** target[at + k] += w · p[k] for k < d (target rounds each sum to float32, as a plain loop would). */
export function addScaledInto(target: Float32Array, at: number, p: Float64Array, w: number, d: number): void {
  let k = 0;
  for (let i = at; k + 4 <= d; k += 4, i += 4) {
    target[i] = (target[i] as number) + w * (p[k] as number);
    target[i + 1] = (target[i + 1] as number) + w * (p[k + 1] as number);
    target[i + 2] = (target[i + 2] as number) + w * (p[k + 2] as number);
    target[i + 3] = (target[i + 3] as number) + w * (p[k + 3] as number);
  }
  for (; k < d; k++) target[at + k] = (target[at + k] as number) + w * (p[k] as number);
}

/** out[k] += w · source[at + k] for k < d. */
export function addScaledFrom(out: Float64Array, source: Float32Array, at: number, w: number, d: number): void {
  let k = 0;
  for (let i = at; k + 4 <= d; k += 4, i += 4) {
    out[k] = (out[k] as number) + w * (source[i] as number);
    out[k + 1] = (out[k + 1] as number) + w * (source[i + 1] as number);
    out[k + 2] = (out[k + 2] as number) + w * (source[i + 2] as number);
    out[k + 3] = (out[k + 3] as number) + w * (source[i + 3] as number);
  }
  for (; k < d; k++) out[k] = (out[k] as number) + w * (source[at + k] as number);
}

/**
 * addScaledInto() for four different rows at once (`p` is read once for the four): the same sums,
 * element by element, as four calls in a row.
 */
export function addScaledInto4(
  p: Float64Array,
  d: number,
  ta: Float32Array, aa: number, wa: number,
  tb: Float32Array, ab: number, wb: number,
  tc: Float32Array, ac: number, wc: number,
  td: Float32Array, ad: number, wd: number,
): void {
  for (let k = 0; k < d; k++) {
    const x = p[k] as number;
    ta[aa + k] = (ta[aa + k] as number) + wa * x;
    tb[ab + k] = (tb[ab + k] as number) + wb * x;
    tc[ac + k] = (tc[ac + k] as number) + wc * x;
    td[ad + k] = (td[ad + k] as number) + wd * x;
  }
}

/**
 * Four addScaledFrom() calls in a row, in one pass: each out[k] takes the four products in the same
 * order, in a double as it would between the calls (a Float64Array element holds a double exactly).
 */
export function addScaledFrom4(
  out: Float64Array,
  d: number,
  sa: Float32Array, aa: number, wa: number,
  sb: Float32Array, ab: number, wb: number,
  sc: Float32Array, ac: number, wc: number,
  sd: Float32Array, ad: number, wd: number,
): void {
  for (let k = 0; k < d; k++) {
    let v = out[k] as number;
    v += wa * (sa[aa + k] as number);
    v += wb * (sb[ab + k] as number);
    v += wc * (sc[ac + k] as number);
    v += wd * (sd[ad + k] as number);
    out[k] = v;
  }
}
