/**
 * In-place iterative radix-2 complex FFT of one fixed power-of-two length. Twiddles and the
 * bit-reversal permutation are computed once, because the convolver runs thousands of
 * transforms of the same length per room.
 */
export class Fft {
  /** Transform length, a power of two. */
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(size: number) {
    if (size < 1 || (size & (size - 1)) !== 0)
      throw new Error(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    const half = size >> 1;
    this.cos = new Float64Array(Math.max(half, 1));
    this.sin = new Float64Array(Math.max(half, 1));
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.reversed = new Uint32Array(size);
    const bits = Math.round(Math.log2(size));
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reversed[i] = r;
    }
  }

  /**
   * Transforms `re`/`im` (first {@link size} entries) in place: forward is
   * X[k] = Σ x[n]·e^(−2πikn/N); inverse uses e^(+2πikn/N) and is not divided by N.
   */
  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.size;
    const { cos, sin, reversed } = this;
    for (let i = 0; i < n; i++) {
      const j = reversed[i];
      if (i < j) {
        const tr = re[i];
        re[i] = re[j];
        re[j] = tr;
        const ti = im[i];
        im[i] = im[j];
        im[j] = ti;
      }
    }
    const sign = inverse ? 1 : -1;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        for (let a = k; a < n; a += len) {
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }

  /**
   * Transforms every column of a row-major `size × width` matrix along the `size` axis, in
   * place. Butterflies combine whole rows, so the inner loop runs over contiguous memory
   * instead of gathering strided columns (several times faster on large grids).
   */
  transformColumns(re: Float64Array, im: Float64Array, width: number, inverse: boolean): void {
    const n = this.size;
    const { cos, sin, reversed } = this;
    for (let i = 0; i < n; i++) {
      const j = reversed[i];
      if (i < j) {
        const oi = i * width;
        const oj = j * width;
        for (let c = 0; c < width; c++) {
          const tr = re[oi + c];
          re[oi + c] = re[oj + c];
          re[oj + c] = tr;
          const ti = im[oi + c];
          im[oi + c] = im[oj + c];
          im[oj + c] = ti;
        }
      }
    }
    const sign = inverse ? 1 : -1;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        for (let a = k; a < n; a += len) {
          const oa = a * width;
          const ob = (a + half) * width;
          for (let c = 0; c < width; c++) {
            const br = re[ob + c];
            const bi = im[ob + c];
            const tr = br * wr - bi * wi;
            const ti = br * wi + bi * wr;
            const ar = re[oa + c];
            const ai = im[oa + c];
            re[ob + c] = ar - tr;
            im[ob + c] = ai - ti;
            re[oa + c] = ar + tr;
            im[oa + c] = ai + ti;
          }
        }
      }
    }
  }
}

/** Smallest power of two ≥ `n` (and ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
