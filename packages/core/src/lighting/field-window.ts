import type { Photometry } from './photometry.js';

/**
 * Window radius of incremental updates in mounting heights. A light's kernel beyond r holds
 * h²/(h² + r²) of its flux, so 6·h leaves about 3% of one light's direct light out of the
 * window; the field errs low for added lights and is re-synced exactly before verdicts.
 */
const WINDOW_MOUNTING_HEIGHTS = 6;

/**
 * Where one light's windowed update of {@link LightField} reaches: a square of half side
 * `radius` around the light, clipped to the bounding box of the task points (rows
 * top..bottom, columns left..right). Every tile outside the box holds +∞ in the field, which no
 * update changes and no test fails on, so updates and scans clip to the box.
 */
export class FieldWindow {
  readonly rows: number;
  readonly cols: number;
  /** Row stride of the photometry's mirrored kernel rows ({@link Photometry.kernelRows}). */
  readonly width: number;
  /** Half side of the square window, tiles. */
  readonly radius: number;
  /** Largest kernel value outside a window: at distance radius + 1 (0 when the window holds the grid). */
  readonly tailKernel: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;

  constructor(photometry: Photometry) {
    const { rows, cols } = photometry;
    this.rows = rows;
    this.cols = cols;
    this.width = 2 * cols - 1;
    const span = Math.max(rows, cols) - 1;
    this.radius = Math.min(
      span,
      Math.ceil((WINDOW_MOUNTING_HEIGHTS * photometry.mountingHeightMetres) / photometry.cellMetres),
    );
    this.tailKernel = this.radius >= span ? 0 : kernelAt(photometry, this.radius + 1, 0);
    let top = rows;
    let bottom = -1;
    let left = cols;
    let right = -1;
    for (const tile of photometry.taskPoints) {
      const r = Math.floor(tile / cols);
      const c = tile - r * cols;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    this.top = top;
    this.bottom = bottom;
    this.left = left;
    this.right = right;
  }

  /** True when the room has task points (the box is not empty). */
  get hasTaskPoints(): boolean {
    return this.top <= this.bottom;
  }

  /** First row of the clipped window of a light in row `r0`. */
  rowLo(r0: number): number {
    return Math.max(this.top, r0 - this.radius);
  }

  /** Last row of the clipped window of a light in row `r0`. */
  rowHi(r0: number): number {
    return Math.min(this.bottom, r0 + this.radius);
  }

  /** First column of the clipped window of a light in column `c0`. */
  colLo(c0: number): number {
    return Math.max(this.left, c0 - this.radius);
  }

  /** Last column of the clipped window of a light in column `c0`. */
  colHi(c0: number): number {
    return Math.min(this.right, c0 + this.radius);
  }

  /**
   * Offset of the mirrored kernel row that tiles of row `r` read for a light on (r0, c0): tile
   * o of that row reads the light's kernel at `kernelRowOffset(...) + o`, i.e. at
   * |r − r0|·width + cols − 1 + c − c0.
   */
  kernelRowOffset(r: number, r0: number, c0: number): number {
    return (r > r0 ? r - r0 : r0 - r) * this.width + this.cols - 1 - c0 - r * this.cols;
  }

  /** True when the window of a light on `tile` holds every task point. */
  covers(tile: number): boolean {
    const { cols, radius: R } = this;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    return r0 - R <= this.top && r0 + R >= this.bottom && c0 - R <= this.left && c0 + R >= this.right;
  }

  /** Tiles one windowed update visits (the window clipped to the grid). */
  area(): number {
    const side = 2 * this.radius + 1;
    return Math.min(this.rows, side) * Math.min(this.cols, side);
  }
}

/** The direct-light kernel h²/d⁴ at an offset of (dr, dc) tiles. */
function kernelAt(photometry: Photometry, dr: number, dc: number): number {
  const h2 = photometry.mountingHeightMetres ** 2;
  const d2 = h2 + (dr * dr + dc * dc) * photometry.cellMetres ** 2;
  return h2 / (d2 * d2);
}
