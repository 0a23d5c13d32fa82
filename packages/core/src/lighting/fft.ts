/**
 * In-place complex FFT of one fixed length: a power of two (iterative radix-2) or three times
 * a power of two (one radix-3 step over three radix-2 thirds), which lets a padded grid of
 * 2n − 1 = 599 take 768 points instead of 1024. Twiddles and permutations depend only on the
 * length, so they are built once per length and shared by every instance (a room's
 * convolver makes its own instances, for their scratch buffers, thousands of times a second
 * on small rooms).
 */
export class Fft {
  /** Transform length: 2^k or 3·2^k. */
  readonly size: number;
  /** Radix-2 sub-transform of a 3·2^k length, else undefined. */
  private readonly third: Fft | undefined;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  /** Bit-reversal permutation of a radix-2 length (of the third's length for 3·2^k). */
  private readonly reversed: Uint32Array;
  private scratchRe: Float64Array = new Float64Array(0);
  private scratchIm: Float64Array = new Float64Array(0);

  constructor(size: number) {
    if (!isFftSize(size)) throw new Error(`FFT size must be a power of two or three times one, got ${size}`);
    this.size = size;
    const powerOfTwo = (size & (size - 1)) === 0;
    this.third = powerOfTwo ? undefined : new Fft(size / 3);
    const tables = fftTables(size);
    this.cos = tables.cos;
    this.sin = tables.sin;
    this.reversed = tables.reversed;
  }

  /**
   * Transforms `re`/`im` (first {@link size} entries) in place: forward is
   * X[k] = Σ x[n]·e^(−2πikn/N); inverse uses e^(+2πikn/N) and is not divided by N.
   */
  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    this.transformColumns(re, im, 1, inverse);
  }

  /**
   * Transforms every column of a row-major `size × width` matrix along the `size` axis, in
   * place. Butterflies combine whole rows, so the inner loop runs over contiguous memory
   * instead of gathering strided columns (several times faster on large grids), and a batch
   * of many short transforms laid out as columns costs far less than one call each.
   */
  transformColumns(re: Float64Array, im: Float64Array, width: number, inverse: boolean): void {
    if (this.third) this.radix3(re, im, width, inverse);
    else this.radix2(re, im, width, inverse);
  }

  private radix2(re: Float64Array, im: Float64Array, width: number, inverse: boolean): void {
    const n = this.size;
    const { reversed } = this;
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
    this.butterflies(re, im, 0, width, inverse);
  }

  /**
   * The radix-2 stages over the `size × width` matrix starting at element `offset`, whose rows
   * are already in bit-reversed order. The first butterfly of each block has the twiddle 1,
   * whose product is exact (b·1 − b'·0 = b, up to the sign of a zero), so it is done without
   * multiplying: the same numbers, fewer operations.
   */
  private butterflies(
    re: Float64Array,
    im: Float64Array,
    offset: number,
    width: number,
    inverse: boolean,
  ): void {
    const n = this.size;
    const { cos, sin } = this;
    const sign = inverse ? 1 : -1;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let a = 0; a < n; a += len) {
        const oa = offset + a * width;
        const ob = offset + (a + half) * width;
        for (let c = 0; c < width; c++) {
          const br = re[ob + c];
          const bi = im[ob + c];
          const ar = re[oa + c];
          const ai = im[oa + c];
          re[ob + c] = ar - br;
          im[ob + c] = ai - bi;
          re[oa + c] = ar + br;
          im[oa + c] = ai + bi;
        }
      }
      for (let k = 1; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        for (let a = k; a < n; a += len) {
          const oa = offset + a * width;
          const ob = offset + (a + half) * width;
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

  /**
   * N = 3M: split into the three decimated sequences x[3m + j] (each an M-point radix-2
   * FFT, copied straight into bit-reversed order), then
   * X[k + qM] = Σ_j ω^(jq) · W^(jk) · S_j[k] with ω = e^(∓2πi/3), W = e^(∓2πi/N).
   */
  private radix3(re: Float64Array, im: Float64Array, width: number, inverse: boolean): void {
    const n = this.size;
    const m = n / 3;
    const third = this.third!;
    const { reversed } = this;
    if (this.scratchRe.length < n * width) {
      this.scratchRe = new Float64Array(n * width);
      this.scratchIm = new Float64Array(n * width);
    }
    const sr = this.scratchRe;
    const si = this.scratchIm;
    for (let j = 0; j < 3; j++) {
      for (let q = 0; q < m; q++) {
        const from = (3 * q + j) * width;
        const to = (j * m + reversed[q]) * width;
        for (let c = 0; c < width; c++) {
          sr[to + c] = re[from + c];
          si[to + c] = im[from + c];
        }
      }
    }
    for (let j = 0; j < 3; j++) third.butterflies(sr, si, j * m * width, width, inverse);
    const sign = inverse ? 1 : -1;
    // ω = −½ ∓ i·√3/2 (forward uses the minus sign).
    const wr3 = -0.5;
    const wi3 = sign * (Math.sqrt(3) / 2);
    const { cos, sin } = this;
    for (let k = 0; k < m; k++) {
      const w1r = cos[k];
      const w1i = sign * sin[k];
      const w2r = cos[2 * k];
      const w2i = sign * sin[2 * k];
      const o0 = k * width;
      const o1 = (k + m) * width;
      const o2 = (k + 2 * m) * width;
      for (let c = 0; c < width; c++) {
        const ar = sr[o0 + c];
        const ai = si[o0 + c];
        const xr = sr[o1 + c];
        const xi = si[o1 + c];
        const yr = sr[o2 + c];
        const yi = si[o2 + c];
        const br = xr * w1r - xi * w1i;
        const bi = xr * w1i + xi * w1r;
        const cr = yr * w2r - yi * w2i;
        const ci = yr * w2i + yi * w2r;
        const sumR = br + cr;
        const sumI = bi + ci;
        // ω·B + ω²·C = −½(B + C) + i·(√3/2)·sign·(B − C).
        const difR = br - cr;
        const difI = bi - ci;
        const midR = ar + wr3 * sumR;
        const midI = ai + wr3 * sumI;
        const rotR = -wi3 * difI;
        const rotI = wi3 * difR;
        re[o0 + c] = ar + sumR;
        im[o0 + c] = ai + sumI;
        re[o1 + c] = midR + rotR;
        im[o1 + c] = midI + rotI;
        re[o2 + c] = midR - rotR;
        im[o2 + c] = midI - rotI;
      }
    }
  }
}

/** Twiddles e^(2πik/N) and the radix-2 bit-reversal permutation of one FFT length. */
interface FftTables {
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** Of the length itself when a power of two, else of its third. */
  readonly reversed: Uint32Array;
}

/** Tables by length: they depend on the length only. */
const TABLES_BY_LENGTH = new Map<number, FftTables>();

function fftTables(size: number): FftTables {
  const known = TABLES_BY_LENGTH.get(size);
  if (known) return known;
  const powerOfTwo = (size & (size - 1)) === 0;
  // Half a turn of twiddles suffices for radix-2, radix-3 needs k < N.
  const count = powerOfTwo ? Math.max(1, size >> 1) : size;
  const cos = new Float64Array(count);
  const sin = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / size);
    sin[k] = Math.sin((2 * Math.PI * k) / size);
  }
  const radix2 = powerOfTwo ? size : size / 3;
  const reversed = new Uint32Array(radix2);
  const bits = Math.round(Math.log2(radix2));
  for (let i = 0; i < radix2; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    reversed[i] = r;
  }
  const tables = { cos, sin, reversed };
  TABLES_BY_LENGTH.set(size, tables);
  return tables;
}

/** True for the lengths {@link Fft} supports: 2^k and 3·2^k. */
function isFftSize(n: number): boolean {
  if (!Number.isInteger(n) || n < 1) return false;
  const odd = n / (n & -n);
  return odd === 1 || odd === 3;
}

/** Smallest FFT length {@link Fft} supports (2^k or 3·2^k) that is ≥ `n` (and ≥ 1). */
export function nextFftSize(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  const three = (p >> 2) * 3;
  return three >= n && three >= 1 && p >= 4 ? three : p;
}
