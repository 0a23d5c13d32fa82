/** Side of the square blocks whose minimum is cached for the weakest-point search, tiles. */
export const BLOCK = 16;

/**
 * The minimum of a field over square blocks of tiles, kept for the weakest-point search of
 * {@link LightField}: a window update marks the blocks it touched, and the next search rescans
 * only those.
 */
export class BlockMinima {
  private readonly rows: number;
  private readonly cols: number;
  private readonly blockCols: number;
  private readonly min: Float64Array;
  private readonly arg: Int32Array;
  private readonly dirty: Uint8Array;

  constructor(rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    this.blockCols = Math.ceil(cols / BLOCK);
    const blocks = Math.ceil(rows / BLOCK) * this.blockCols;
    this.min = new Float64Array(blocks);
    this.arg = new Int32Array(blocks);
    this.dirty = new Uint8Array(blocks).fill(1);
  }

  /** Number of blocks: what one full search scans at least. */
  get count(): number {
    return this.min.length;
  }

  /** Every block changed (the whole field was rewritten). */
  markAll(): void {
    this.dirty.fill(1);
  }

  /** Marks the blocks a clipped window [rLo, rHi] × [cLo, cHi] touches (none when empty). */
  mark(rLo: number, rHi: number, cLo: number, cHi: number): void {
    if (rLo > rHi || cLo > cHi) return;
    const bcLo = Math.floor(cLo / BLOCK);
    const bcHi = Math.floor(cHi / BLOCK);
    for (let br = Math.floor(rLo / BLOCK); br <= Math.floor(rHi / BLOCK); br++) {
      for (let bc = bcLo; bc <= bcHi; bc++) this.dirty[br * this.blockCols + bc] = 1;
    }
  }

  /** Tile with the lowest value of `field` (ties: first block, then first tile in it); -1 if none is finite. */
  weakest(field: Float64Array): number {
    const { min, arg, dirty } = this;
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let b = 0; b < min.length; b++) {
      if (dirty[b]) this.refresh(field, b);
      if (arg[b] >= 0 && min[b] < bestValue) {
        bestValue = min[b];
        best = arg[b];
      }
    }
    return best;
  }

  private refresh(field: Float64Array, b: number): void {
    const { cols, rows } = this;
    const br = Math.floor(b / this.blockCols);
    const bc = b - br * this.blockCols;
    let min = Number.POSITIVE_INFINITY;
    let arg = -1;
    const rHi = Math.min(rows, (br + 1) * BLOCK);
    const cHi = Math.min(cols, (bc + 1) * BLOCK);
    for (let r = br * BLOCK; r < rHi; r++) {
      for (let c = bc * BLOCK, o = r * cols + c; c < cHi; c++, o++) {
        if (field[o] < min) {
          min = field[o];
          arg = o;
        }
      }
    }
    this.min[b] = min;
    this.arg[b] = arg;
    this.dirty[b] = 0;
  }
}
