import { TileKind } from '../room/tile-kind.js';
import { BLOCK, type BlockMinima } from './block-minima.js';
import { type LightingMetrics, metricsFromDirectLux } from './lighting-metrics.js';
import type { Photometry } from './photometry.js';
import { SpacingReach } from './spacing-reach.js';
import { WindowedField } from './windowed-field.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

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
 *
 * This class keeps the layout and its bookkeeping (lights, exact average, spacing reach, the
 * debt of removed synced lights) and tests the targets; the kernel arithmetic of the windows
 * is {@link WindowedField}'s, the move passes are in field-moves.ts and the weakest-point
 * search is {@link BlockMinima}'s.
 */
export class LightField {
  readonly photometry: Photometry;
  /** 1 where a light is, existing or placed. */
  readonly lights: Uint8Array;
  /** How many lights reach each task point under the spacing criterion. */
  readonly reach: SpacingReach;
  private lightTotal = 0;
  /** 1 where a light's whole kernel (beyond its window too) is in `field`. */
  private readonly synced: Uint8Array;
  private debt = 0;
  /** False while the field is exactly the layout's (right after an exact evaluation). */
  private stale = true;
  private taskSum = 0;
  private readonly coverage: Float64Array;
  /** The kernel sums at the task points and their windowed updates. */
  private readonly windowed: WindowedField;
  /** `windowed.values`: read and written directly by the exact evaluations. */
  private readonly field: Float64Array;

  constructor(photometry: Photometry, lights: Iterable<number>) {
    const { rows, cols, room } = photometry;
    this.photometry = photometry;
    this.lights = new Uint8Array(rows * cols);
    for (const tile of lights) {
      if (!this.lights[tile]) this.lightTotal++;
      this.lights[tile] = 1;
    }
    this.reach = new SpacingReach(photometry, this.lights);
    this.windowed = new WindowedField(photometry);
    this.field = this.windowed.values;
    this.synced = new Uint8Array(rows * cols);

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
    return this.windowed.window.radius;
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
    this.windowed.markAllChanged();
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
      if (!this.windowed.window.covers(tile)) {
        for (const p of pending) this.windowed.addWindow(p, 1);
        pending.length = 0;
        this.windowed.addWindow(tile, 1);
        continue;
      }
      pending.push(tile);
      if (pending.length === 4) {
        this.windowed.addCoveringWindows(pending[0], pending[1], pending[2], pending[3]);
        pending.length = 0;
      }
    }
    for (const p of pending) this.windowed.addWindow(p, 1);
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
    this.windowed.markAllChanged();
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
    this.windowed.markAllChanged();
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
    this.windowed.addWindow(tile, 1);
    // A synced light removed and put back is whole again.
    if (this.synced[tile]) this.debt -= this.windowed.window.tailKernel;
  }

  /** Removes the light on `tile`. */
  remove(tile: number): void {
    if (!this.lights[tile]) throw new Error(`tile ${tile} holds no light`);
    this.lights[tile] = 0;
    this.lightTotal--;
    this.taskSum -= this.coverage[tile];
    this.stale = true;
    this.reach.remove(tile);
    this.windowed.addWindow(tile, -1);
    if (this.synced[tile]) this.debt += this.windowed.window.tailKernel;
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
    const { directScale, reflectedPerLight, targetLux, targetUniformity } = photometry;
    const n = this.lightTotal - 1;
    const averageLux =
      (directScale * (this.taskSum - this.coverage[tile])) / photometry.taskPoints.length +
      n * reflectedPerLight;
    if (averageLux < targetLux * (1 + ROUNDING_SLACK)) return false;
    // Every task point must keep a kernel sum of at least `floor` once the debt is paid.
    const debt = this.debt + (this.synced[tile] ? this.windowed.window.tailKernel : 0);
    const floor =
      (targetUniformity * averageLux * (1 + ROUNDING_SLACK) - n * reflectedPerLight) / directScale + debt;
    if (this.field[this.weakestTaskPoint()] < floor) return false;
    return this.windowed.windowKeepsFloor(tile, floor);
  }

  /**
   * Applies removals then additions and keeps them when the targets still hold; otherwise
   * restores the layout exactly and returns false. Removals must hold lights, additions not.
   */
  tryChange(removals: readonly number[], additions: readonly number[]): boolean {
    if (removals.length === 1 && additions.length === 1 && removals[0] !== additions[0]) {
      const [from] = removals;
      const [to] = additions;
      if (
        this.windowed.window.hasTaskPoints &&
        (this.windowed.window.covers(from) || this.windowed.window.covers(to))
      ) {
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
    return this.windowed.window.area();
  }

  /**
   * Rough tile visits of one trial move (a removal and an addition, checked, then undone):
   * four windows, the blocks they dirty twice over, and one scan of every block.
   */
  trialCost(): number {
    const { rows, cols } = this.photometry;
    const side = 2 * this.windowed.window.radius + 1;
    const window = Math.min(rows, side) * Math.min(cols, side);
    const blocks =
      (Math.ceil(Math.min(rows, side) / BLOCK) + 1) * (Math.ceil(Math.min(cols, side) / BLOCK) + 1);
    return 4 * window + 2 * blocks * BLOCK * BLOCK + this.windowed.blockCount;
  }

  /** Task point tile with the lowest field value (ties: first block, then first tile in it). */
  weakestTaskPoint(): number {
    return this.windowed.weakest();
  }

  /**
   * `remove(from)` then `add(to)` in one pass over the field: each tile takes the same
   * subtraction and addition in the same order, so the field is the same to the bit, but
   * tiles in both windows are loaded and stored once instead of twice.
   */
  private move(from: number, to: number): void {
    this.moveBookkeeping(from, to);
    this.windowed.move(from, to);
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
    const { targetLux, targetUniformity, directScale, reflectedPerLight } = this.photometry;
    const averageLux = this.averageLux();
    if (
      this.lightTotal > 0 &&
      this.reach.unreached === 0 &&
      averageLux >= targetLux * (1 + ROUNDING_SLACK) &&
      this.windowed.moveKeepsMinimum(
        from,
        to,
        directScale,
        this.debt,
        this.lightTotal * reflectedPerLight,
        targetUniformity * averageLux * (1 + ROUNDING_SLACK),
      )
    ) {
      this.windowed.move(from, to);
      return true;
    }
    this.windowed.moveAndUndo(from, to);
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
    if (this.synced[from]) this.debt += this.windowed.window.tailKernel;
    this.lights[to] = 1;
    this.lightTotal++;
    this.taskSum += this.coverage[to];
    if (this.synced[to]) this.debt -= this.windowed.window.tailKernel;
    this.reach.remove(from);
    this.reach.add(to);
    this.stale = true;
  }
}
