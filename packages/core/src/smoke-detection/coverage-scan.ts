import type { CheckPointGrid } from './check-points.js';
import { TypedArena } from './typed-arena.js';

/** How the check points of a grid stand against a set of detectors (see {@link scanCoverage}). */
export interface CoverageScan {
  /** Check points within the squared radius of a detector. */
  readonly covered: number;
  /** The first check point (row-major) farthest from every detector; -1 with no detector. */
  readonly farthest: number;
  /** Its squared distance (half tiles) to the nearest detector; -1 with no detector. */
  readonly farthestD2: number;
}

/**
 * The exact squared distance from every check point of `grid` to the nearest detector (tiles,
 * row-major, `cols` per row), by a separable distance transform on the half-tile lattice: per
 * detector column the distance down to the nearest detector in it, then per lattice row the
 * lower envelope of the parabolas those columns raise (Felzenszwalb–Huttenlocher). Linear in
 * the lattice size whatever the number of detectors, where a nearest-point query per check
 * point costs a bucket scan each. All arithmetic is on integers (envelope breakpoints compared
 * as cross-multiplied fractions), so the distances are exact.
 *
 * @param limit squared coverage radius, half tiles.
 * @param uncovered when given, receives every check point (lattice index) the detectors leave
 *   uncovered, row-major: every check point when there is no detector.
 */
export function scanCoverage(
  grid: CheckPointGrid,
  detectors: readonly number[],
  cols: number,
  limit: number,
  uncovered?: number[],
): CoverageScan {
  if (detectors.length === 0) {
    if (uncovered) for (let p = 0; p < grid.mask.length; p++) if (grid.mask[p]) uncovered.push(p);
    return { covered: 0, farthest: -1, farthestD2: -1 };
  }
  const { height, width, mask } = grid;
  // The tile columns holding a detector, ascending, and each one's slot among them.
  const slot = new Int32Array(cols).fill(-1);
  for (const t of detectors) slot[t % cols] = 0;
  let n = 0;
  for (let c = 0; c < cols; c++) if (slot[c] === 0) n++;
  const arena = new TypedArena()
    .reserve(8, n)
    .reserve(8, n)
    .reserve(4, n)
    .reserve(4, n)
    .reserve(4, height * n)
    .allocate();
  const zNum = arena.take(Float64Array);
  const zDen = arena.take(Float64Array);
  const hull = arena.take(Int32Array);
  const columns = arena.take(Int32Array);
  n = 0;
  for (let c = 0; c < cols; c++) {
    if (slot[c] < 0) continue;
    slot[c] = n;
    columns[n++] = c;
  }
  // down[y·n + k]: squared distance from lattice row y to the nearest detector in column k.
  const down = arena.take(Int32Array).fill(-1);
  for (const t of detectors) down[(2 * Math.floor(t / cols) + 1) * n + slot[t % cols]] = 0;
  nearestInColumns(down, n, height);
  // Per row: parabola k stands at x = 2·columns[k] + 1 with height down[y·n + k]; the envelope
  // keeps parabolas hull[0..h], parabola hull[j] lowest from breakpoint zNum[j] / zDen[j] on
  // (breakpoint 0 is −∞).
  let covered = 0;
  let farthest = -1;
  let farthestD2 = -1;
  for (let y = 0; y < height; y++) {
    const base = y * n;
    const h = lowerEnvelope(down, base, columns, n, hull, zNum, zDen);
    let j = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      while (j < h && zNum[j + 1] < x * zDen[j + 1]) j++;
      if (!mask[row + x]) continue;
      const dx = x - (2 * columns[hull[j]] + 1);
      const d2 = dx * dx + down[base + hull[j]];
      if (d2 <= limit) covered++;
      else if (uncovered) uncovered.push(row + x);
      if (d2 > farthestD2) {
        farthestD2 = d2;
        farthest = row + x;
      }
    }
  }
  return { covered, farthest, farthestD2 };
}

/**
 * Completes `down` (detectors marked 0, the rest −1) column by column: each lattice row's
 * squared distance to the nearest detector in that column, −1 when the column has none.
 */
function nearestInColumns(down: Int32Array, n: number, height: number): void {
  for (let k = 0; k < n; k++) {
    let last = -1;
    for (let y = 0, i = k; y < height; y++, i += n) {
      if (down[i] === 0) last = y;
      else if (last >= 0) down[i] = (y - last) * (y - last);
    }
    let next = -1;
    for (let y = height - 1, i = y * n + k; y >= 0; y--, i -= n) {
      if (down[i] === 0) {
        next = y;
      } else if (next >= 0) {
        const d2 = (next - y) * (next - y);
        if (down[i] < 0 || d2 < down[i]) down[i] = d2;
      }
    }
  }
}

/**
 * The lower envelope of one row's parabolas (parabola k at x = 2·columns[k] + 1 with height
 * down[base + k]) into `hull`, `zNum`, `zDen`; returns the index of its last parabola.
 */
function lowerEnvelope(
  down: Int32Array,
  base: number,
  columns: Int32Array,
  n: number,
  hull: Int32Array,
  zNum: Float64Array,
  zDen: Float64Array,
): number {
  let h = 0;
  hull[0] = 0;
  for (let q = 1; q < n; q++) {
    const xq = 2 * columns[q] + 1;
    const fq = down[base + q] + xq * xq;
    let num = 0;
    let den = 1;
    for (;;) {
      const xv = 2 * columns[hull[h]] + 1;
      num = fq - (down[base + hull[h]] + xv * xv);
      den = 2 * (xq - xv);
      // The new parabola hides the top one when they cross before that one's breakpoint.
      if (h > 0 && num * zDen[h] <= zNum[h] * den) h--;
      else break;
    }
    h++;
    hull[h] = q;
    zNum[h] = num;
    zDen[h] = den;
  }
  return h;
}
