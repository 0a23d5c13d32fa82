import { BlockMinima } from './block-minima.js';
import { MoveSpans, moveAndUndo, moveField, moveKeepsMinimum } from './field-moves.js';
import { FieldWindow } from './field-window.js';
import type { Photometry } from './photometry.js';

/**
 * The kernel sums of a light layout at the task points, changed one light's window at a time:
 * the arithmetic under {@link LightField}. Tiles that are not task points hold +∞ forever, so
 * window updates and minimum scans need no per-tile test (∞ ± k = ∞, and ∞ never wins a
 * minimum). Every update marks the blocks it touched for the weakest-point search.
 */
export class WindowedField {
  /** Kernel sum per tile (task points; +∞ elsewhere). */
  readonly values: Float64Array;
  readonly window: FieldWindow;
  /** The photometry's mirrored kernel rows ({@link Photometry.kernelRows}). */
  private readonly kernelRows: Float64Array;
  private readonly blocks: BlockMinima;
  private readonly spans: MoveSpans;

  constructor(photometry: Photometry) {
    const { rows, cols } = photometry;
    this.values = new Float64Array(rows * cols).fill(Number.POSITIVE_INFINITY);
    this.kernelRows = photometry.kernelRows();
    this.window = new FieldWindow(photometry);
    this.blocks = new BlockMinima(rows, cols);
    this.spans = new MoveSpans(rows);
  }

  /** Number of minimum blocks: what one weakest-point search scans at least. */
  get blockCount(): number {
    return this.blocks.count;
  }

  /** Records that the values were rewritten wholesale. */
  markAllChanged(): void {
    this.blocks.markAll();
  }

  /** Task point tile with the lowest value (ties: first block, then first tile in it). */
  weakest(): number {
    return this.blocks.weakest(this.values);
  }

  /** Adds (`sign` 1) or subtracts (−1) the kernel of a light on `tile` over its window. */
  addWindow(tile: number, sign: number): void {
    const { window: w, values, kernelRows } = this;
    const r0 = Math.floor(tile / w.cols);
    const c0 = tile - r0 * w.cols;
    const rLo = w.rowLo(r0);
    const rHi = w.rowHi(r0);
    const cLo = w.colLo(c0);
    const cHi = w.colHi(c0);
    if (rLo > rHi || cLo > cHi) return;
    for (let r = rLo; r <= rHi; r++) {
      const k = w.kernelRowOffset(r, r0, c0);
      const end = r * w.cols + cHi;
      if (sign > 0) for (let o = r * w.cols + cLo; o <= end; o++) values[o] += kernelRows[k + o];
      else for (let o = r * w.cols + cLo; o <= end; o++) values[o] -= kernelRows[k + o];
    }
    this.blocks.mark(rLo, rHi, cLo, cHi);
  }

  /**
   * addWindow(t, 1) for four lights whose windows hold every task point, in one pass:
   * (((f + k₁) + k₂) + k₃) + k₄ is the same sum in the same order as four passes.
   */
  addCoveringWindows(t1: number, t2: number, t3: number, t4: number): void {
    const { window: w, values, kernelRows } = this;
    const { cols, top, bottom, left, right } = w;
    const r1 = Math.floor(t1 / cols);
    const r2 = Math.floor(t2 / cols);
    const r3 = Math.floor(t3 / cols);
    const r4 = Math.floor(t4 / cols);
    const c1 = t1 - r1 * cols;
    const c2 = t2 - r2 * cols;
    const c3 = t3 - r3 * cols;
    const c4 = t4 - r4 * cols;
    for (let r = top; r <= bottom; r++) {
      const k1 = w.kernelRowOffset(r, r1, c1);
      const k2 = w.kernelRowOffset(r, r2, c2);
      const k3 = w.kernelRowOffset(r, r3, c3);
      const k4 = w.kernelRowOffset(r, r4, c4);
      const base = r * cols;
      for (let o = base + left; o <= base + right; o++) {
        values[o] =
          values[o] + kernelRows[k1 + o] + kernelRows[k2 + o] + kernelRows[k3 + o] + kernelRows[k4 + o];
      }
    }
    this.blocks.mark(top, bottom, left, right);
  }

  /**
   * Whether every task point in the window of a light on `tile` keeps a value of at least
   * `floor` once that light's kernel is taken away. Changes nothing. The light's own
   * neighbourhood loses the most, so it is looked at first to fail fast.
   */
  windowKeepsFloor(tile: number, floor: number): boolean {
    const { window: w, values, kernelRows } = this;
    const r0 = Math.floor(tile / w.cols);
    const c0 = tile - r0 * w.cols;
    for (let pass = 0; pass < 2; pass++) {
      const R = pass === 0 ? Math.min(2, w.radius) : w.radius;
      const rLo = Math.max(w.top, r0 - R);
      const rHi = Math.min(w.bottom, r0 + R);
      const cLo = Math.max(w.left, c0 - R);
      const cHi = Math.min(w.right, c0 + R);
      for (let r = rLo; r <= rHi; r++) {
        const k = w.kernelRowOffset(r, r0, c0);
        for (let o = r * w.cols + cLo, end = r * w.cols + cHi; o <= end; o++) {
          if (values[o] - kernelRows[k + o] < floor) return false;
        }
      }
    }
    return true;
  }

  /**
   * addWindow(from, −1) then addWindow(to, 1) in one pass: each tile takes the same
   * subtraction and addition in the same order, so the same bits, but tiles in both windows
   * are loaded and stored once instead of twice.
   */
  move(from: number, to: number): void {
    this.spans.plan(this.window, from, to);
    moveField(this.values, this.kernelRows, this.spans);
    this.markMove(from, to);
  }

  /** A move and its undo in one pass: the bits of move(from, to) then move(to, from). */
  moveAndUndo(from: number, to: number): void {
    this.spans.plan(this.window, from, to);
    moveAndUndo(this.values, this.kernelRows, this.spans);
    this.markMove(from, to);
  }

  /**
   * Whether every task point's lux after move(from, to) would be at least `minLux`, given
   * lux = directScale · (value − debt) + reflected. Changes nothing; stops at the first failure.
   */
  moveKeepsMinimum(
    from: number,
    to: number,
    directScale: number,
    debt: number,
    reflected: number,
    minLux: number,
  ): boolean {
    this.spans.plan(this.window, from, to);
    return moveKeepsMinimum(this.values, this.kernelRows, this.spans, directScale, debt, reflected, minLux);
  }

  private markMove(from: number, to: number): void {
    this.markWindow(from);
    this.markWindow(to);
  }

  private markWindow(tile: number): void {
    const { window: w } = this;
    const r0 = Math.floor(tile / w.cols);
    const c0 = tile - r0 * w.cols;
    this.blocks.mark(w.rowLo(r0), w.rowHi(r0), w.colLo(c0), w.colHi(c0));
  }
}
