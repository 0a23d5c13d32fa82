import { TileKind } from '../room/tile-kind.js';
import { type LightingMetrics, metricsFromDirectLux } from './lighting-metrics.js';
import type { Photometry } from './photometry.js';
import { SpacingReach } from './spacing-reach.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

/** Side of the square blocks whose minimum is cached for the weakest-point search, tiles. */
const BLOCK = 16;
/**
 * Window radius of incremental updates in mounting heights. A light's kernel beyond r holds
 * h²/(h² + r²) of its flux, so 6·h leaves about 3% of one light's direct light out of the
 * window; the field errs low for added lights and is re-synced exactly before verdicts.
 */
const WINDOW_MOUNTING_HEIGHTS = 6;
/** What {@link LightField.moveCells} does with the tiles of a move. */
type MoveMode = 0 | 1 | 2;
const APPLY: MoveMode = 0;
const CHECK: MoveMode = 1;
const ROUND_TRIP: MoveMode = 2;
/** A column index past every grid (windows are clipped to the grid). */
const NO_COLUMN = 2 ** 30;
/** Relative slack against FFT rounding when comparing with the targets. */
const ROUNDING_SLACK = 1e-9;

/** A layout's exactly evaluated field, to return to without evaluating it again. */
export interface ExactFieldState {
  readonly lights: Uint8Array;
  readonly lightCount: number;
  /** Field values at the task points, in task point order. */
  readonly values: Float64Array;
  readonly taskSum: number;
}

/**
 * The direct-light field of a changing light layout, for the light models: add or remove
 * one light in O(window), query the exact average, a guaranteed lower bound of the minimum,
 * and the weakest task point.
 *
 * Invariants: `field[t]` (task points only) differs from the exact kernel sum by windowed
 * updates: lights added since the last {@link resync} are counted only inside their window
 * (the field errs low) and synced lights removed since are still counted outside theirs (it
 * errs high by at most `debt`). So `field − debt` is a lower bound of the exact field. The
 * average needs no window: each tile's exact total kernel sum over all task points
 * (`coverage`) is precomputed, so the task-point sum is tracked exactly.
 */
export class LightField {
  readonly photometry: Photometry;
  /** 1 where a light is, existing or placed. */
  readonly lights: Uint8Array;
  /** How many lights reach each task point under the spacing criterion. */
  readonly reach: SpacingReach;
  private lightTotal = 0;
  private readonly field: Float64Array;
  /** 1 where a light's whole kernel (beyond its window too) is in `field`. */
  private readonly synced: Uint8Array;
  private debt = 0;
  /** False while the field is exactly the layout's (right after an exact evaluation). */
  private stale = true;
  private taskSum = 0;
  private readonly coverage: Float64Array;
  private readonly radius: number;
  /** The photometry's mirrored kernel rows ({@link Photometry.kernelRows}). */
  private readonly kernelRows: Float64Array;
  /**
   * Bounding box of the task points (rows top..bottom, columns left..right). Every other tile
   * holds +∞, which no window update changes and no test fails on, so updates and scans clip
   * to the box.
   */
  private readonly top: number;
  private readonly bottom: number;
  private readonly left: number;
  private readonly right: number;

  /** Largest kernel value outside a window: at distance radius + 1. */
  private readonly tailKernel: number;
  private readonly blockRows: number;
  private readonly blockCols: number;
  private readonly blockMin: Float64Array;
  private readonly blockArg: Int32Array;
  private readonly blockDirty: Uint8Array;

  constructor(photometry: Photometry, lights: Iterable<number>) {
    const { rows, cols, room } = photometry;
    this.photometry = photometry;
    this.lights = new Uint8Array(rows * cols);
    for (const tile of lights) {
      if (!this.lights[tile]) this.lightTotal++;
      this.lights[tile] = 1;
    }
    // Tiles that are not task points hold +∞ forever: window updates and minimum scans then
    // need no per-tile test (∞ ± k = ∞, and ∞ never wins a minimum).
    this.reach = new SpacingReach(photometry, this.lights);
    this.field = new Float64Array(rows * cols).fill(Number.POSITIVE_INFINITY);
    this.kernelRows = photometry.kernelRows();
    this.synced = new Uint8Array(rows * cols);
    const span = Math.max(rows, cols) - 1;
    this.radius = Math.min(
      span,
      Math.ceil((WINDOW_MOUNTING_HEIGHTS * photometry.mountingHeightMetres) / photometry.cellMetres),
    );
    this.tailKernel = this.radius >= span ? 0 : kernelAt(photometry, this.radius + 1, 0);
    this.blockRows = Math.ceil(rows / BLOCK);
    this.blockCols = Math.ceil(cols / BLOCK);
    this.blockMin = new Float64Array(this.blockRows * this.blockCols);
    this.blockArg = new Int32Array(this.blockRows * this.blockCols);
    this.blockDirty = new Uint8Array(this.blockRows * this.blockCols).fill(1);
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

    // Exact Σ over task points of each candidate tile's kernel: the tile's share of the average.
    const candidates: number[] = [];
    for (let i = 0; i < room.tiles.length; i++) {
      if (room.tiles[i] === FREE || room.tiles[i] === LIGHT) candidates.push(i);
    }
    const roomCandidates = candidates.length;
    for (let i = 0; i < this.lights.length; i++)
      if (this.lights[i] && room.tiles[i] !== LIGHT) candidates.push(i);
    // The free and light tiles are the room's own, so their sums are too (shared per room).
    const sums =
      candidates.length === roomCandidates
        ? photometry.roomTileCoverage(candidates)
        : photometry.kernelSums(photometry.taskPoints, candidates);
    this.coverage = new Float64Array(rows * cols);
    for (let i = 0; i < candidates.length; i++) this.coverage[candidates[i]] = sums[i];
    this.resync();
  }

  /** Half side of the square window of incremental updates, tiles. */
  get windowRadius(): number {
    return this.radius;
  }

  /** Number of lights, existing and placed. */
  get lightCount(): number {
    return this.lightTotal;
  }

  /** Tiles holding a light, ascending. */
  lightTiles(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.lights.length; i++) if (this.lights[i]) out.push(i);
    return out;
  }

  /**
   * Replaces the layout: the given lights (which must include the room's existing ones) and
   * nothing else, then re-syncs exactly. One exact evaluation.
   */
  reset(lights: Iterable<number>): void {
    this.lights.fill(0);
    this.lightTotal = 0;
    for (const tile of lights) {
      if (!this.lights[tile]) this.lightTotal++;
      this.lights[tile] = 1;
    }
    this.reach.reset(this.lights);
    this.stale = true;
    this.resync();
  }

  /**
   * Replaces the layout like {@link reset} but builds the field from windowed additions
   * only: cheaper than an exact evaluation when lights × window is below one FFT, and the
   * field stays a lower bound (the average stays exact). For comparing candidate layouts.
   */
  resetWindowed(lights: Iterable<number>): void {
    this.lights.fill(0);
    this.synced.fill(0);
    this.lightTotal = 0;
    this.debt = 0;
    this.taskSum = 0;
    for (const tile of this.photometry.taskPoints) this.field[tile] = 0;
    this.blockDirty.fill(1);
    this.stale = true;
    // As add() each in turn; windows covering every task point go four to a pass (see
    // addCoveringWindows), the others one by one, so each tile takes the same additions in
    // the same order.
    const pending: number[] = [];
    for (const tile of lights) {
      if (this.lights[tile]) continue;
      this.lights[tile] = 1;
      this.lightTotal++;
      this.taskSum += this.coverage[tile];
      if (!this.coversTaskPoints(tile)) {
        for (const p of pending) this.applyWindow(p, 1);
        pending.length = 0;
        this.applyWindow(tile, 1);
        continue;
      }
      pending.push(tile);
      if (pending.length === 4) {
        this.addCoveringWindows(pending[0], pending[1], pending[2], pending[3]);
        pending.length = 0;
      }
    }
    for (const p of pending) this.applyWindow(p, 1);
    this.reach.reset(this.lights);
  }

  /**
   * Recomputes the field exactly (FFT or direct) and clears the window bookkeeping; a no-op
   * when nothing changed since the last exact evaluation.
   */
  resync(): void {
    if (!this.stale) return;
    this.stale = false;
    const { photometry } = this;
    const { taskPoints } = photometry;
    const tiles = this.lightTiles();
    const sums = photometry.kernelSums(tiles, taskPoints);
    this.taskSum = 0;
    for (let i = 0; i < taskPoints.length; i++) {
      this.field[taskPoints[i]] = sums[i];
      this.taskSum += sums[i];
    }
    this.synced.set(this.lights);
    this.debt = 0;
    this.blockDirty.fill(1);
  }

  /** The current layout with its exact field (re-synced first if need be). */
  exactState(): ExactFieldState {
    this.resync();
    const { taskPoints } = this.photometry;
    const values = new Float64Array(taskPoints.length);
    for (let i = 0; i < taskPoints.length; i++) values[i] = this.field[taskPoints[i]];
    return { lights: this.lights.slice(), lightCount: this.lightTotal, values, taskSum: this.taskSum };
  }

  /**
   * Returns to a layout saved by {@link exactState}: the same state, to the bit, as
   * {@link reset} to its lights would leave, without the exact evaluation.
   */
  restoreExact(state: ExactFieldState): void {
    const { taskPoints } = this.photometry;
    this.lights.set(state.lights);
    this.reach.reset(this.lights);
    this.lightTotal = state.lightCount;
    for (let i = 0; i < taskPoints.length; i++) this.field[taskPoints[i]] = state.values[i];
    this.taskSum = state.taskSum;
    this.synced.set(this.lights);
    this.debt = 0;
    this.blockDirty.fill(1);
    this.stale = false;
  }

  /**
   * Re-syncs the field with the exact evaluator and returns the layout's RULES §4 metrics
   * from it (the same numbers {@link lightingMetrics} gives for these lights).
   */
  exactMetrics(): LightingMetrics {
    this.resync();
    const { photometry } = this;
    const { taskPoints, directScale } = photometry;
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < taskPoints.length; i++) min = Math.min(min, this.field[taskPoints[i]]);
    return metricsFromDirectLux(
      photometry,
      this.lightTotal,
      directScale * this.taskSum,
      directScale * min,
      this.reach.unreached + this.reach.impossible,
    );
  }

  /** Adds a light on `tile` (must not hold one). */
  add(tile: number): void {
    if (this.lights[tile]) throw new Error(`tile ${tile} already holds a light`);
    this.lights[tile] = 1;
    this.lightTotal++;
    this.taskSum += this.coverage[tile];
    this.stale = true;
    this.reach.add(tile);
    this.applyWindow(tile, 1);
    // A synced light removed and put back is whole again.
    if (this.synced[tile]) this.debt -= this.tailKernel;
  }

  /** Removes the light on `tile`. */
  remove(tile: number): void {
    if (!this.lights[tile]) throw new Error(`tile ${tile} holds no light`);
    this.lights[tile] = 0;
    this.lightTotal--;
    this.taskSum -= this.coverage[tile];
    this.stale = true;
    this.reach.remove(tile);
    this.applyWindow(tile, -1);
    if (this.synced[tile]) this.debt += this.tailKernel;
  }

  /** Exact mean illuminance over the task points, lux. */
  averageLux(): number {
    if (this.lightTotal === 0) return 0;
    const { photometry } = this;
    return (
      (photometry.directScale * this.taskSum) / photometry.taskPoints.length +
      this.lightTotal * photometry.reflectedPerLight
    );
  }

  /** Exact mean illuminance, lux, if lights were added on all the given (light-free) tiles too. */
  averageLuxWith(tiles: readonly number[]): number {
    const { photometry } = this;
    let sum = this.taskSum;
    let n = this.lightTotal;
    for (const tile of tiles) {
      if (this.lights[tile]) continue;
      sum += this.coverage[tile];
      n++;
    }
    if (n === 0) return 0;
    return (photometry.directScale * sum) / photometry.taskPoints.length + n * photometry.reflectedPerLight;
  }

  /** Exact mean illuminance, lux, of exactly the given lights (distinct tiles), whatever the field holds. */
  averageLuxOf(tiles: readonly number[]): number {
    if (tiles.length === 0) return 0;
    const { photometry } = this;
    let sum = 0;
    for (const tile of tiles) sum += this.coverage[tile];
    return (
      (photometry.directScale * sum) / photometry.taskPoints.length +
      tiles.length * photometry.reflectedPerLight
    );
  }

  /** Lux at a task point from the field's kernel sum `sum` (debt not applied). */
  luxOf(sum: number): number {
    return this.photometry.directScale * sum + this.lightTotal * this.photometry.reflectedPerLight;
  }

  /** Field value (kernel sum) at a task point tile. */
  fieldAt(tile: number): number {
    return this.field[tile];
  }

  /** A lower bound of the lowest illuminance over the task points, lux. */
  minLuxLowerBound(): number {
    if (this.lightTotal === 0) return 0;
    return this.luxOf(this.field[this.weakestTaskPoint()] - this.debt);
  }

  /**
   * True when average and (lower-bounded) uniformity meet the room's targets and every task
   * point a light could reach is within the spacing reach of one.
   */
  meetsTargets(): boolean {
    if (this.reach.unreached > 0) return false;
    const averageLux = this.averageLux();
    // The minimum costs a scan of the changed blocks: only look when the average holds.
    if (!(this.lightTotal > 0 && averageLux >= this.photometry.targetLux * (1 + ROUNDING_SLACK)))
      return false;
    return this.meetsTargetsWith(averageLux, this.minLuxLowerBound());
  }

  /** The targets test for a given average and minimum, with slack for rounding only on the safe side. */
  meetsTargetsWith(averageLux: number, minLux: number): boolean {
    const { targetLux, targetUniformity } = this.photometry;
    return (
      this.lightTotal > 0 &&
      averageLux >= targetLux * (1 + ROUNDING_SLACK) &&
      minLux >= targetUniformity * averageLux * (1 + ROUNDING_SLACK)
    );
  }

  /**
   * Whether the targets would still hold without the light on `tile`, without changing the
   * field: only the window's task points lose light, so the new minimum is the smaller of the
   * old minimum and the window's new minimum.
   */
  canRemove(tile: number): boolean {
    if (!this.lights[tile] || this.lightTotal <= 1) return false;
    if (this.reach.isSoleReach(tile)) return false;
    const { photometry } = this;
    const { cols, directScale, reflectedPerLight, targetLux, targetUniformity } = photometry;
    const n = this.lightTotal - 1;
    const averageLux =
      (directScale * (this.taskSum - this.coverage[tile])) / photometry.taskPoints.length +
      n * reflectedPerLight;
    if (averageLux < targetLux * (1 + ROUNDING_SLACK)) return false;
    // Every task point must keep a kernel sum of at least `floor` once the debt is paid.
    const debt = this.debt + (this.synced[tile] ? this.tailKernel : 0);
    const floor =
      (targetUniformity * averageLux * (1 + ROUNDING_SLACK) - n * reflectedPerLight) / directScale + debt;
    if (this.field[this.weakestTaskPoint()] < floor) return false;
    const { field, kernelRows } = this;
    const width = 2 * cols - 1;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    // The light's own neighbourhood loses the most: look there first to fail fast.
    for (let pass = 0; pass < 2; pass++) {
      const R = pass === 0 ? Math.min(2, this.radius) : this.radius;
      const rLo = Math.max(this.top, r0 - R);
      const rHi = Math.min(this.bottom, r0 + R);
      const cLo = Math.max(this.left, c0 - R);
      const cHi = Math.min(this.right, c0 + R);
      for (let r = rLo; r <= rHi; r++) {
        // Tile (r, c) reads the light's mirrored kernel row at cols − 1 + c − c0.
        const k = (r > r0 ? r - r0 : r0 - r) * width + cols - 1 - c0 - r * cols;
        for (let o = r * cols + cLo, end = r * cols + cHi; o <= end; o++) {
          if (field[o] - kernelRows[k + o] < floor) return false;
        }
      }
    }
    return true;
  }

  /**
   * Applies removals then additions and keeps them when the targets still hold; otherwise
   * restores the layout exactly and returns false. Removals must hold lights, additions not.
   */
  tryChange(removals: readonly number[], additions: readonly number[]): boolean {
    if (removals.length === 1 && additions.length === 1 && removals[0] !== additions[0]) {
      const [from] = removals;
      const [to] = additions;
      if (this.top <= this.bottom && (this.coversTaskPoints(from) || this.coversTaskPoints(to))) {
        return this.tryCoveringMove(from, to);
      }
      this.move(from, to);
      if (this.meetsTargets()) return true;
      this.move(to, from);
      return false;
    }
    for (const tile of removals) this.remove(tile);
    for (const tile of additions) this.add(tile);
    if (this.meetsTargets()) return true;
    for (const tile of additions) this.remove(tile);
    for (const tile of removals) this.add(tile);
    return false;
  }

  /** Exact share of the average, lux, a light on `tile` contributes (direct part plus E_r). */
  contributionLux(tile: number): number {
    const { photometry } = this;
    return (
      (photometry.directScale * this.coverage[tile]) / photometry.taskPoints.length +
      photometry.reflectedPerLight
    );
  }

  /** Tiles one windowed update visits (the window clipped to the grid). */
  windowArea(): number {
    const { rows, cols } = this.photometry;
    const side = 2 * this.radius + 1;
    return Math.min(rows, side) * Math.min(cols, side);
  }

  /**
   * Rough tile visits of one trial move (a removal and an addition, checked, then undone):
   * four windows, the blocks they dirty twice over, and one scan of every block.
   */
  trialCost(): number {
    const { rows, cols } = this.photometry;
    const side = 2 * this.radius + 1;
    const window = Math.min(rows, side) * Math.min(cols, side);
    const blocks =
      (Math.ceil(Math.min(rows, side) / BLOCK) + 1) * (Math.ceil(Math.min(cols, side) / BLOCK) + 1);
    return 4 * window + 2 * blocks * BLOCK * BLOCK + this.blockMin.length;
  }

  /** Task point tile with the lowest field value (ties: first block, then first tile in it). */
  weakestTaskPoint(): number {
    const { blockMin, blockArg, blockDirty } = this;
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let b = 0; b < blockMin.length; b++) {
      if (blockDirty[b]) this.refreshBlock(b);
      if (blockArg[b] >= 0 && blockMin[b] < bestValue) {
        bestValue = blockMin[b];
        best = blockArg[b];
      }
    }
    return best;
  }

  private refreshBlock(b: number): void {
    const { cols, rows } = this.photometry;
    const field = this.field;
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
    this.blockMin[b] = min;
    this.blockArg[b] = arg;
    this.blockDirty[b] = 0;
  }

  /**
   * `remove(from)` then `add(to)` in one pass over the field: each tile takes the same
   * subtraction and addition in the same order, so the field is the same to the bit, but
   * tiles in both windows are loaded and stored once instead of twice.
   */
  private move(from: number, to: number): void {
    this.moveBookkeeping(from, to);
    this.moveCells(from, to, APPLY, 0);
  }

  /**
   * tryChange([from], [to]) when one of the two windows holds every task point, so the
   * targets can be tested on the fly: one read-only pass computes each task point's value
   * after the move and stops at the first that fails (the lux of a kernel sum only grows with
   * it, so some point fails exactly when the weakest does); then one pass writes either the
   * moved field or, on failure, the field of the move and its undo. Every tile ends with the
   * same operations in the same order as move, test and move back, so the same bits.
   */
  private tryCoveringMove(from: number, to: number): boolean {
    this.moveBookkeeping(from, to);
    const { targetLux, targetUniformity } = this.photometry;
    const averageLux = this.averageLux();
    if (
      this.lightTotal > 0 &&
      this.reach.unreached === 0 &&
      averageLux >= targetLux * (1 + ROUNDING_SLACK) &&
      this.moveCells(from, to, CHECK, targetUniformity * averageLux * (1 + ROUNDING_SLACK))
    ) {
      this.moveCells(from, to, APPLY, 0);
      return true;
    }
    this.moveCells(from, to, ROUND_TRIP, 0);
    this.moveBookkeeping(to, from);
    return false;
  }

  /** The light bookkeeping of remove(from) then add(to), in their order. */
  private moveBookkeeping(from: number, to: number): void {
    if (!this.lights[from]) throw new Error(`tile ${from} holds no light`);
    if (this.lights[to]) throw new Error(`tile ${to} already holds a light`);
    this.lights[from] = 0;
    this.lightTotal--;
    this.taskSum -= this.coverage[from];
    if (this.synced[from]) this.debt += this.tailKernel;
    this.lights[to] = 1;
    this.lightTotal++;
    this.taskSum += this.coverage[to];
    if (this.synced[to]) this.debt -= this.tailKernel;
    this.reach.remove(from);
    this.reach.add(to);
    this.stale = true;
  }

  /**
   * The field side of moving a light from `from` to `to`, tile by tile over both windows:
   * APPLY does remove(from) then add(to) in one visit per tile (tiles in both windows take
   * (f − a) + b: the same bits as two passes, half the loads and stores); ROUND_TRIP does
   * that and its undo, (((f − a) + b) − b) + a; CHECK writes nothing and returns false at the
   * first tile whose lux after the move, with the current debt and light count, is below
   * `minLux` (true when none is).
   */
  private moveCells(from: number, to: number, mode: MoveMode, minLux: number): boolean {
    const { cols, directScale, reflectedPerLight } = this.photometry;
    const { field, kernelRows, radius: R, debt } = this;
    const reflected = this.lightTotal * reflectedPerLight;
    const width = 2 * cols - 1;
    const ar = Math.floor(from / cols);
    const ac = from - ar * cols;
    const br = Math.floor(to / cols);
    const bc = to - br * cols;
    // Each window clipped to the task points' box; an empty one has lo > hi.
    const aRowLo = Math.max(this.top, ar - R);
    const aRowHi = Math.min(this.bottom, ar + R);
    const aLo = Math.max(this.left, ac - R);
    const aHi = Math.min(this.right, ac + R);
    const bRowLo = Math.max(this.top, br - R);
    const bRowHi = Math.min(this.bottom, br + R);
    const bLo = Math.max(this.left, bc - R);
    const bHi = Math.min(this.right, bc + R);
    for (let r = Math.min(aRowLo, bRowLo); r <= Math.max(aRowHi, bRowHi); r++) {
      const base = r * cols;
      const inA = r >= aRowLo && r <= aRowHi && aLo <= aHi;
      const inB = r >= bRowLo && r <= bRowHi && bLo <= bHi;
      // Tile o reads each light's mirrored kernel row at k + o (see applyWindow).
      const ka = (r > ar ? r - ar : ar - r) * width + cols - 1 - ac - base;
      const kb = (r > br ? r - br : br - r) * width + cols - 1 - bc - base;
      // Columns in both windows, then each window's own; without an overlap lo = hi = a
      // column past any window, so each window is one run.
      let lo = NO_COLUMN;
      let hi = NO_COLUMN;
      if (inA && inB && Math.max(aLo, bLo) <= Math.min(aHi, bHi)) {
        lo = Math.max(aLo, bLo);
        hi = Math.min(aHi, bHi);
      }
      // [start, end] runs of this row: both windows, A's own (two), B's own (two).
      const bothLo = base + lo;
      const bothHi = base + hi;
      const a1Lo = base + aLo;
      const a1Hi = base + Math.min(aHi, lo - 1);
      const a2Lo = base + Math.max(aLo, hi + 1);
      const a2Hi = base + aHi;
      const b1Lo = base + bLo;
      const b1Hi = base + Math.min(bHi, lo - 1);
      const b2Lo = base + Math.max(bLo, hi + 1);
      const b2Hi = base + bHi;
      if (mode === APPLY) {
        for (let o = bothLo; o <= bothHi; o++) field[o] = field[o] - kernelRows[ka + o] + kernelRows[kb + o];
        if (inA) {
          for (let o = a1Lo; o <= a1Hi; o++) field[o] -= kernelRows[ka + o];
          for (let o = a2Lo; o <= a2Hi; o++) field[o] -= kernelRows[ka + o];
        }
        if (inB) {
          for (let o = b1Lo; o <= b1Hi; o++) field[o] += kernelRows[kb + o];
          for (let o = b2Lo; o <= b2Hi; o++) field[o] += kernelRows[kb + o];
        }
      } else if (mode === ROUND_TRIP) {
        for (let o = bothLo; o <= bothHi; o++) {
          field[o] =
            field[o] - kernelRows[ka + o] + kernelRows[kb + o] - kernelRows[kb + o] + kernelRows[ka + o];
        }
        if (inA) {
          for (let o = a1Lo; o <= a1Hi; o++) field[o] = field[o] - kernelRows[ka + o] + kernelRows[ka + o];
          for (let o = a2Lo; o <= a2Hi; o++) field[o] = field[o] - kernelRows[ka + o] + kernelRows[ka + o];
        }
        if (inB) {
          for (let o = b1Lo; o <= b1Hi; o++) field[o] = field[o] + kernelRows[kb + o] - kernelRows[kb + o];
          for (let o = b2Lo; o <= b2Hi; o++) field[o] = field[o] + kernelRows[kb + o] - kernelRows[kb + o];
        }
      } else {
        for (let o = bothLo; o <= bothHi; o++) {
          const v = field[o] - kernelRows[ka + o] + kernelRows[kb + o];
          if (directScale * (v - debt) + reflected < minLux) return false;
        }
        if (inA) {
          for (let o = a1Lo; o <= a1Hi; o++) {
            if (directScale * (field[o] - kernelRows[ka + o] - debt) + reflected < minLux) return false;
          }
          for (let o = a2Lo; o <= a2Hi; o++) {
            if (directScale * (field[o] - kernelRows[ka + o] - debt) + reflected < minLux) return false;
          }
        }
        if (inB) {
          for (let o = b1Lo; o <= b1Hi; o++) {
            if (directScale * (field[o] + kernelRows[kb + o] - debt) + reflected < minLux) return false;
          }
          for (let o = b2Lo; o <= b2Hi; o++) {
            if (directScale * (field[o] + kernelRows[kb + o] - debt) + reflected < minLux) return false;
          }
        }
      }
    }
    if (mode !== CHECK) {
      this.markDirty(aRowLo, aRowHi, aLo, aHi);
      this.markDirty(bRowLo, bRowHi, bLo, bHi);
    }
    return true;
  }

  /** True when the window of a light on `tile` holds every task point. */
  private coversTaskPoints(tile: number): boolean {
    const { cols } = this.photometry;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    const R = this.radius;
    return r0 - R <= this.top && r0 + R >= this.bottom && c0 - R <= this.left && c0 + R >= this.right;
  }

  /**
   * applyWindow(t, +1) for four lights whose windows hold every task point, in one pass:
   * (((f + k₁) + k₂) + k₃) + k₄ is the same sum in the same order as four passes.
   */
  private addCoveringWindows(t1: number, t2: number, t3: number, t4: number): void {
    const { cols } = this.photometry;
    const { field, kernelRows, top, bottom, left, right } = this;
    const width = 2 * cols - 1;
    const r1 = Math.floor(t1 / cols);
    const r2 = Math.floor(t2 / cols);
    const r3 = Math.floor(t3 / cols);
    const r4 = Math.floor(t4 / cols);
    // Tile o reads light i's mirrored kernel row at |r − rᵢ|·width + c0ᵢ' + o (see applyWindow).
    const c1 = cols - 1 - (t1 - r1 * cols);
    const c2 = cols - 1 - (t2 - r2 * cols);
    const c3 = cols - 1 - (t3 - r3 * cols);
    const c4 = cols - 1 - (t4 - r4 * cols);
    for (let r = top; r <= bottom; r++) {
      const base = r * cols;
      const k1 = (r > r1 ? r - r1 : r1 - r) * width + c1 - base;
      const k2 = (r > r2 ? r - r2 : r2 - r) * width + c2 - base;
      const k3 = (r > r3 ? r - r3 : r3 - r) * width + c3 - base;
      const k4 = (r > r4 ? r - r4 : r4 - r) * width + c4 - base;
      for (let o = base + left; o <= base + right; o++) {
        field[o] =
          field[o] + kernelRows[k1 + o] + kernelRows[k2 + o] + kernelRows[k3 + o] + kernelRows[k4 + o];
      }
    }
    this.markDirty(top, bottom, left, right);
  }

  /** Marks the blocks a clipped window [rLo, rHi] × [cLo, cHi] touches (none when empty). */
  private markDirty(rLo: number, rHi: number, cLo: number, cHi: number): void {
    if (rLo > rHi || cLo > cHi) return;
    const bcLo = Math.floor(cLo / BLOCK);
    const bcHi = Math.floor(cHi / BLOCK);
    for (let br = Math.floor(rLo / BLOCK); br <= Math.floor(rHi / BLOCK); br++) {
      for (let bc = bcLo; bc <= bcHi; bc++) this.blockDirty[br * this.blockCols + bc] = 1;
    }
  }

  private applyWindow(tile: number, sign: number): void {
    const { cols } = this.photometry;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    const R = this.radius;
    const rLo = Math.max(this.top, r0 - R);
    const rHi = Math.min(this.bottom, r0 + R);
    const cLo = Math.max(this.left, c0 - R);
    const cHi = Math.min(this.right, c0 + R);
    if (rLo > rHi || cLo > cHi) return;
    const { field, kernelRows } = this;
    const width = 2 * cols - 1;
    for (let r = rLo; r <= rHi; r++) {
      // Tile (r, c) reads the light's mirrored kernel row at cols − 1 + c − c0.
      const k = (r > r0 ? r - r0 : r0 - r) * width + cols - 1 - c0 - r * cols;
      const end = r * cols + cHi;
      if (sign > 0) for (let o = r * cols + cLo; o <= end; o++) field[o] += kernelRows[k + o];
      else for (let o = r * cols + cLo; o <= end; o++) field[o] -= kernelRows[k + o];
    }
    this.markDirty(rLo, rHi, cLo, cHi);
  }
}

function kernelAt(photometry: Photometry, dr: number, dc: number): number {
  const h2 = photometry.mountingHeightMetres ** 2;
  const d2 = h2 + (dr * dr + dc * dc) * photometry.cellMetres ** 2;
  return h2 / (d2 * d2);
}
