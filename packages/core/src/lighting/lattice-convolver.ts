import { Fft, nextFftSize } from './fft.js';

/**
 * Row pairs transformed per batch: enough to amortise a transform call over many rows, few
 * enough that a batch of the longest rows stays in cache (16 × 1024 complex numbers, 256 KiB).
 */
const BATCH_PAIRS = 16;

/**
 * Exact 2-D convolution of a tile-lattice grid with a radially symmetric kernel given as a
 * table `kernel[|dr| * cols + |dc|]`, by zero-padded FFT. Lights and task points both sit on
 * tile centres, so the direct illuminance at every tile is such a convolution; the FFT turns
 * O(lights × points) into O(tiles · log tiles).
 *
 * Padding each axis to an FFT length ≥ 2n − 1 makes the circular convolution equal the
 * linear one on the grid (no wrap-around). The kernel's transform is computed once, on first
 * use, and reused for every later convolution of the same room.
 */
export class LatticeConvolver {
  readonly rows: number;
  readonly cols: number;
  private readonly kernel: Float64Array;
  private readonly paddedRows: number;
  private readonly paddedCols: number;
  /** Columns of the half spectrum kept for a real input: paddedCols / 2 + 1. */
  private readonly halfCols: number;
  private readonly rowFft: Fft;
  private readonly colFft: Fft;
  private readonly specRe: Float64Array;
  private readonly specIm: Float64Array;
  /**
   * Row transforms in batches, transposed (paddedCols × up to BATCH_PAIRS, pair p in column
   * p): one column transform of a batch costs far less than a transform call per row pair
   * and does the same arithmetic on every number.
   */
  private readonly batchRe: Float64Array;
  private readonly batchIm: Float64Array;
  private readonly rowBuffer: Float64Array;
  private kernelSpectrum: Float64Array | undefined;

  constructor(rows: number, cols: number, kernel: Float64Array) {
    this.rows = rows;
    this.cols = cols;
    this.kernel = kernel;
    this.paddedRows = paddedLength(rows);
    this.paddedCols = paddedRowLength(cols);
    this.halfCols = this.paddedCols / 2 + 1;
    this.rowFft = new Fft(this.paddedCols);
    this.colFft = new Fft(this.paddedRows);
    this.specRe = new Float64Array(this.paddedRows * this.halfCols);
    this.specIm = new Float64Array(this.paddedRows * this.halfCols);
    this.batchRe = new Float64Array(this.paddedCols * BATCH_PAIRS);
    this.batchIm = new Float64Array(this.paddedCols * BATCH_PAIRS);
    this.rowBuffer = new Float64Array(this.paddedCols);
  }

  /**
   * `out[t] = Σ_s weights[s] · K(t − s)` for every tile t of the grid (row-major, rows × cols).
   */
  convolve(weights: Float64Array): Float64Array {
    const spectrum = this.kernelTransform();
    const { rows, cols } = this;
    const nonzero: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0, o = r * cols; c < cols; c++) {
        if (weights[o + c] !== 0) {
          nonzero.push(r);
          break;
        }
      }
    }
    const out = new Float64Array(rows * cols);
    if (nonzero.length === 0) return out;
    this.forward(nonzero, (r, buffer) => {
      buffer.set(weights.subarray(r * cols, (r + 1) * cols));
    });
    this.inverse(spectrum, out);
    return out;
  }

  /** The (real, even) 2-D DFT of the wrapped kernel, half spectrum, computed once. */
  private kernelTransform(): Float64Array {
    if (this.kernelSpectrum) return this.kernelSpectrum;
    const { rows, cols, paddedRows, paddedCols, kernel } = this;
    const nonzero: number[] = [];
    for (let r = 0; r < rows; r++) nonzero.push(r);
    for (let r = paddedRows - rows + 1; r < paddedRows; r++) nonzero.push(r);
    this.forward(nonzero, (r, buffer) => {
      const dr = r < rows ? r : paddedRows - r;
      const base = dr * cols;
      buffer[0] = kernel[base];
      for (let c = 1; c < cols; c++) {
        const k = kernel[base + c];
        buffer[c] = k;
        buffer[paddedCols - c] = k;
      }
    });
    // An even real kernel has a real transform; the imaginary parts are rounding noise.
    this.kernelSpectrum = this.specRe.slice();
    return this.kernelSpectrum;
  }

  /**
   * Forward 2-D transform of a real grid into the half spectrum. Only `nonzeroRows` are
   * transformed along rows, two real rows packed into one complex FFT. `fill` writes a row
   * into a zeroed buffer of paddedCols.
   */
  private forward(nonzeroRows: readonly number[], fill: (row: number, buffer: Float64Array) => void): void {
    const { paddedCols, halfCols, specRe, specIm, batchRe, batchIm, rowBuffer } = this;
    specRe.fill(0);
    specIm.fill(0);
    const allPairs = Math.ceil(nonzeroRows.length / 2);
    for (let first = 0; first < allPairs; first += BATCH_PAIRS) {
      const pairs = Math.min(BATCH_PAIRS, allPairs - first);
      batchRe.fill(0, 0, paddedCols * pairs);
      batchIm.fill(0, 0, paddedCols * pairs);
      for (let p = 0; p < pairs; p++) {
        for (let part = 0; part < 2; part++) {
          const i = 2 * (first + p) + part;
          if (i >= nonzeroRows.length) break;
          rowBuffer.fill(0);
          fill(nonzeroRows[i], rowBuffer);
          const batch = part === 0 ? batchRe : batchIm;
          for (let k = 0; k < paddedCols; k++) batch[k * pairs + p] = rowBuffer[k];
        }
      }
      this.rowFft.transformColumns(batchRe, batchIm, pairs, false);
      for (let p = 0; p < pairs; p++) {
        const i = 2 * (first + p);
        const r1 = nonzeroRows[i];
        const r2 = i + 1 < nonzeroRows.length ? nonzeroRows[i + 1] : -1;
        const o1 = r1 * halfCols;
        const o2 = r2 * halfCols;
        for (let k = 0; k < halfCols; k++) {
          const nk = k === 0 ? 0 : paddedCols - k;
          const zr = batchRe[k * pairs + p];
          const zi = batchIm[k * pairs + p];
          const nr = batchRe[nk * pairs + p];
          const ni = batchIm[nk * pairs + p];
          // Z = A + iB with A, B spectra of real rows: A = (Z[k] + conj Z[−k]) / 2, B = (Z[k] − conj Z[−k]) / 2i.
          specRe[o1 + k] = 0.5 * (zr + nr);
          specIm[o1 + k] = 0.5 * (zi - ni);
          if (r2 >= 0) {
            specRe[o2 + k] = 0.5 * (zi + ni);
            specIm[o2 + k] = -0.5 * (zr - nr);
          }
        }
      }
    }
    this.colFft.transformColumns(specRe, specIm, halfCols, false);
  }

  /** Multiplies the half spectrum by the kernel's and transforms back into `out` (rows × cols). */
  private inverse(kernelSpectrum: Float64Array, out: Float64Array): void {
    const { rows, cols, paddedRows, paddedCols, halfCols, specRe, specIm, batchRe, batchIm } = this;
    for (let o = 0; o < specRe.length; o++) {
      const g = kernelSpectrum[o];
      specRe[o] *= g;
      specIm[o] *= g;
    }
    this.colFft.transformColumns(specRe, specIm, halfCols, true);
    const norm = 1 / (paddedRows * paddedCols);
    // Row pairs (2p, 2p + 1) of the output, packed as A + iB, batched like the forward rows.
    const allPairs = Math.ceil(rows / 2);
    for (let first = 0; first < allPairs; first += BATCH_PAIRS) {
      const pairs = Math.min(BATCH_PAIRS, allPairs - first);
      for (let p = 0; p < pairs; p++) {
        const r1 = 2 * (first + p);
        const r2 = r1 + 1 < rows ? r1 + 1 : -1;
        const o1 = r1 * halfCols;
        const o2 = r2 * halfCols;
        for (let k = 0; k < paddedCols; k++) {
          // Rows of a real grid have Hermitian spectra: X[−k] = conj X[k].
          const mirrored = k >= halfCols;
          const kk = mirrored ? paddedCols - k : k;
          const ar = specRe[o1 + kk];
          const ai = mirrored ? -specIm[o1 + kk] : specIm[o1 + kk];
          let br = 0;
          let bi = 0;
          if (r2 >= 0) {
            br = specRe[o2 + kk];
            bi = mirrored ? -specIm[o2 + kk] : specIm[o2 + kk];
          }
          batchRe[k * pairs + p] = ar - bi;
          batchIm[k * pairs + p] = ai + br;
        }
      }
      this.rowFft.transformColumns(batchRe, batchIm, pairs, true);
      for (let p = 0; p < pairs; p++) {
        const r1 = 2 * (first + p);
        for (let c = 0, o = r1 * cols; c < cols; c++) out[o + c] = batchRe[c * pairs + p] * norm;
        if (r1 + 1 < rows) {
          for (let c = 0, o = (r1 + 1) * cols; c < cols; c++) out[o + c] = batchIm[c * pairs + p] * norm;
        }
      }
    }
  }
}

/**
 * The kernel table with each row mirrored: `rows × (2·cols − 1)`, row |dr| holding
 * K(dr, dc) at `cols − 1 + dc` for dc from −(cols − 1) to cols − 1. A light's kernel along a
 * grid row is then one contiguous run, so adding it to a row of tiles is a single loop.
 */
export function mirroredKernelRows(kernel: Float64Array, cols: number): Float64Array {
  const rows = kernel.length / cols;
  const width = 2 * cols - 1;
  const out = new Float64Array(rows * width);
  for (let dr = 0; dr < rows; dr++) {
    const centre = dr * width + cols - 1;
    for (let dc = 0; dc < cols; dc++) {
      const k = kernel[dr * cols + dc];
      out[centre + dc] = k;
      out[centre - dc] = k;
    }
  }
  return out;
}

/**
 * `Σ_s K(t − s)` at each target tile by direct summation over the sources: the exact answer
 * when sources × targets is small enough that an FFT would cost more. `mirrored` is
 * {@link mirroredKernelRows} of the kernel, when the caller keeps it.
 *
 * Every target's sum adds the sources' kernel values in source order, whichever way it is
 * computed, so both ways give the same numbers: when the targets fill most of their bounding
 * box (task points do), each source adds its kernel to the whole box, one contiguous run per
 * row; otherwise each target walks the sources.
 */
export function directLatticeSum(
  kernel: Float64Array,
  cols: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  mirrored?: Float64Array,
): Float64Array {
  const out = new Float64Array(targets.length);
  const n = sources.length;
  if (n === 0 || targets.length === 0) return out;
  let top = Number.POSITIVE_INFINITY;
  let bottom = -1;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  for (let t = 0; t < targets.length; t++) {
    const r = Math.floor(targets[t] / cols);
    const c = targets[t] - r * cols;
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  }
  const boxCols = right - left + 1;
  const boxArea = (bottom - top + 1) * boxCols;
  if (boxArea <= 2 * targets.length) {
    const rowsOf = mirrored ?? mirroredKernelRows(kernel, cols);
    const width = 2 * cols - 1;
    const box = new Float64Array(boxArea);
    // Box cell o + j (column left + j) reads source i's mirrored row at shift[i] + j − o.
    const sourceRow = new Int32Array(n);
    const shift = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      sourceRow[i] = Math.floor(sources[i] / cols);
      shift[i] = cols - 1 + left - (sources[i] - sourceRow[i] * cols);
    }
    // Four sources per visit of a cell: (((b + k₁) + k₂) + k₃) + k₄ is the same sum, in the
    // same order, as four visits, with a quarter of the loads and stores of the box.
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const s1 = sourceRow[i];
      const s2 = sourceRow[i + 1];
      const s3 = sourceRow[i + 2];
      const s4 = sourceRow[i + 3];
      for (let r = top, o = 0; r <= bottom; r++, o += boxCols) {
        const k1 = (r > s1 ? r - s1 : s1 - r) * width + shift[i] - o;
        const k2 = (r > s2 ? r - s2 : s2 - r) * width + shift[i + 1] - o;
        const k3 = (r > s3 ? r - s3 : s3 - r) * width + shift[i + 2] - o;
        const k4 = (r > s4 ? r - s4 : s4 - r) * width + shift[i + 3] - o;
        for (let j = o; j < o + boxCols; j++) {
          box[j] = box[j] + rowsOf[k1 + j] + rowsOf[k2 + j] + rowsOf[k3 + j] + rowsOf[k4 + j];
        }
      }
    }
    for (; i < n; i++) {
      const sr = sourceRow[i];
      for (let r = top, o = 0; r <= bottom; r++, o += boxCols) {
        const k = (r > sr ? r - sr : sr - r) * width + shift[i] - o;
        for (let j = o; j < o + boxCols; j++) box[j] += rowsOf[k + j];
      }
    }
    for (let t = 0; t < targets.length; t++) {
      const r = Math.floor(targets[t] / cols);
      out[t] = box[(r - top) * boxCols + targets[t] - r * cols - left];
    }
    return out;
  }
  return targetWalkSum(kernel, cols, sources, targets);
}

/** FFT length of an axis of n tiles: ≥ 2n − 1, so the circular convolution does not wrap. */
export function paddedLength(n: number): number {
  return nextFftSize(2 * n - 1);
}

/** Like {@link paddedLength}, but even: rows are transformed as real data into half spectra. */
export function paddedRowLength(n: number): number {
  const length = paddedLength(n);
  return length % 2 === 0 ? length : length + 1;
}

/** {@link directLatticeSum} target by target: each target walks the sources in order. */
function targetWalkSum(
  kernel: Float64Array,
  cols: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(targets.length);
  const n = sources.length;
  const sr = new Int32Array(n);
  const sc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    sr[i] = Math.floor(sources[i] / cols);
    sc[i] = sources[i] - sr[i] * cols;
  }
  for (let t = 0; t < targets.length; t++) {
    const tr = Math.floor(targets[t] / cols);
    const tc = targets[t] - tr * cols;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const dr = tr - sr[i];
      const dc = tc - sc[i];
      sum += kernel[(dr < 0 ? -dr : dr) * cols + (dc < 0 ? -dc : dc)];
    }
    out[t] = sum;
  }
  return out;
}
