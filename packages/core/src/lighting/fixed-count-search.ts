import { forEachTileInDisk } from '../geometry/disk-offsets.js';
import type { Photometry } from './photometry.js';
import { spacingReachOffsets } from './spacing-reach.js';

/** Tabu tenure: a tile a light just left (or took) stays out of moves this many steps. */
const TENURE = 7;
/** How far (tile edges) a light may step in one move, and how near a weak point a light lands. */
const STEP = 2;
/** Weakest task points whose neighbourhoods offer landing tiles each step. */
const WEAK_POINTS = 3;

/** The room a {@link FixedCountSearch} works on. */
export interface FixedCountRoom {
  readonly photometry: Photometry;
  /** Free tiles, ascending: where lights may go. */
  readonly freeTiles: readonly number[];
  readonly existingLights: readonly number[];
}

/**
 * A search for a compliant light layout with a FIXED number of new lights, the primal side of
 * the exact light model: the solver proves a bound K quickly, and this search tries to reach it.
 *
 * It minimises a penalty that is zero exactly on compliant layouts: the average's shortfall,
 * the sum over task points of their shortfall below U0 · average, and the task points out of
 * spacing reach, all relative to the target. Each step moves one light to a tile within two
 * tiles of it or of one of the weakest points, the best move not tabu (tabu search, so it walks
 * out of local minima), with the field of every task point kept exactly (O(task points) per
 * trial). Deterministic: it counts trials, not time.
 */
export class FixedCountSearch {
  private readonly photometry: Photometry;
  private readonly isFree: Uint8Array;
  private readonly share: Float64Array;
  private readonly taskIndex: Int32Array;
  private readonly existingDirect: Float64Array;
  private readonly existingMean: number;
  private readonly existing: number;
  private readonly reachOffsets: ReturnType<typeof spacingReachOffsets>;
  private readonly reachable: Uint8Array;
  /** Largest squared offset (tile edges²) within the spacing reach. */
  private readonly reachLimit2: number;
  /** Trials (each one O(task points)) spent so far. */
  trials = 0;

  constructor(room: FixedCountRoom) {
    const { photometry, freeTiles, existingLights } = room;
    const { rows, cols, taskPoints } = photometry;
    this.photometry = photometry;

    this.isFree = new Uint8Array(rows * cols);
    for (const t of freeTiles) this.isFree[t] = 1;
    const all = [...freeTiles, ...existingLights].sort((a, b) => a - b);
    const coverage = photometry.kernelSums(taskPoints, all);
    this.share = new Float64Array(rows * cols);
    for (let i = 0; i < all.length; i++) {
      this.share[all[i]] =
        (photometry.directScale * coverage[i]) / taskPoints.length + photometry.reflectedPerLight;
    }
    this.taskIndex = new Int32Array(rows * cols).fill(-1);
    taskPoints.forEach((p, k) => {
      this.taskIndex[p] = k;
    });
    this.existingDirect = photometry.directLux(existingLights, taskPoints);
    let mean = 0;
    for (const t of existingLights) mean += this.share[t];
    this.existingMean = mean;
    this.existing = existingLights.length;
    this.reachOffsets = spacingReachOffsets(photometry);
    let far = 0;
    if (this.reachOffsets) {
      const { dr, dc } = this.reachOffsets;
      for (let i = 0; i < dr.length; i++) far = Math.max(far, dr[i] * dr[i] + dc[i] * dc[i]);
    }
    this.reachLimit2 = far;
    this.reachable = new Uint8Array(taskPoints.length);
    if (this.reachOffsets) {
      const reached = new Uint8Array(taskPoints.length);
      const mark = (tile: number, into: Uint8Array) =>
        this.forEachTaskPointInReach(tile, (k) => {
          into[k] = 1;
        });
      for (const t of freeTiles) mark(t, this.reachable);
      for (const t of existingLights) mark(t, reached);
      // Points the existing lights reach need nothing from the search.
      for (let k = 0; k < reached.length; k++) if (reached[k]) this.reachable[k] = 0;
    }
  }

  /**
   * Starting from `start` (new light tiles), looks for a compliant layout of exactly
   * `start.length` new lights within `maxTrials` trials. Returns it (ascending) or undefined.
   */
  search(start: readonly number[], maxTrials: number): number[] | undefined {
    const { photometry, share } = this;
    const { taskPoints, reflectedPerLight: R, targetLux: T, targetUniformity: U } = photometry;
    const P = taskPoints.length;
    const lights = [...start];
    const count = this.existing + lights.length;
    const field = Float64Array.from(this.existingDirect);
    const reach = new Int32Array(P);
    let mean = this.existingMean;
    const taken = new Uint8Array(this.isFree.length);
    for (const t of lights) {
      taken[t] = 1;
      mean += share[t];
      this.addDirect(field, t, 1);
      this.forEachReached(t, (k) => reach[k]++);
    }
    const reflected = R * count;
    const penaltyOf = (f: Float64Array, m: number, unreached: number) => {
      let p = Math.max(0, T - m) / T + unreached;
      const floor = U * m - reflected;
      for (let k = 0; k < P; k++) if (f[k] < floor) p += (floor - f[k]) / T;
      return p;
    };
    let unreached = 0;
    for (let k = 0; k < P; k++) if (this.reachable[k] && reach[k] === 0) unreached++;
    let penalty = penaltyOf(field, mean, unreached);
    const tabuUntil = new Int32Array(this.isFree.length);
    const trial = new Float64Array(P);
    let step = 0;
    const budgetEnd = this.trials + maxTrials;
    while (penalty > 0 && this.trials < budgetEnd) {
      step++;
      const landing = this.landingTiles(field, mean, reflected, taken);
      let bestPenalty = Number.POSITIVE_INFINITY;
      let bestOut = -1;
      let bestIn = -1;
      for (let i = 0; i < lights.length; i++) {
        const out = lights[i];
        const options = [...this.near(out), ...landing];
        for (const tile of options) {
          if (taken[tile] || tabuUntil[tile] > step) continue;
          this.trials++;
          trial.set(field);
          this.addDirect(trial, out, -1);
          this.addDirect(trial, tile, 1);
          const m = mean - share[out] + share[tile];
          const u = unreached + this.reachDelta(reach, out, tile);
          const p = penaltyOf(trial, m, u);
          if (p < bestPenalty - 1e-15 || (p <= bestPenalty + 1e-15 && bestOut >= 0 && tile < bestIn)) {
            bestPenalty = p;
            bestOut = i;
            bestIn = tile;
          }
        }
      }
      if (bestOut < 0) break;
      const out = lights[bestOut];
      taken[out] = 0;
      taken[bestIn] = 1;
      tabuUntil[out] = step + TENURE;
      this.addDirect(field, out, -1);
      this.addDirect(field, bestIn, 1);
      unreached += this.reachDelta(reach, out, bestIn);
      this.forEachReached(out, (k) => reach[k]--);
      this.forEachReached(bestIn, (k) => reach[k]++);
      mean += share[bestIn] - share[out];
      lights[bestOut] = bestIn;
      penalty = bestPenalty;
    }
    return penalty > 0 ? undefined : lights.sort((a, b) => a - b);
  }

  /**
   * The new light whose removal from `lights` raises the penalty least: the starting point of
   * the search one light lower. Costs one trial per light.
   */
  leastNeeded(lights: readonly number[]): number {
    const { photometry, share } = this;
    const { taskPoints, reflectedPerLight: R, targetLux: T, targetUniformity: U } = photometry;
    const field = Float64Array.from(this.existingDirect);
    let mean = this.existingMean;
    for (const t of lights) {
      this.addDirect(field, t, 1);
      mean += share[t];
    }
    const reflected = R * (this.existing + lights.length - 1);
    let best = -1;
    let bestPenalty = Number.POSITIVE_INFINITY;
    const trial = new Float64Array(taskPoints.length);
    for (const t of lights) {
      this.trials++;
      trial.set(field);
      this.addDirect(trial, t, -1);
      const m = mean - share[t];
      let p = Math.max(0, T - m) / T;
      const floor = U * m - reflected;
      for (let k = 0; k < trial.length; k++) if (trial[k] < floor) p += (floor - trial[k]) / T;
      if (p < bestPenalty) {
        bestPenalty = p;
        best = t;
      }
    }
    return best;
  }

  /** Free tiles within {@link STEP} of the weakest task points (relative to U0 · mean). */
  private landingTiles(field: Float64Array, mean: number, reflected: number, taken: Uint8Array): number[] {
    const { taskPoints, targetUniformity: U } = this.photometry;
    const floor = U * mean - reflected;
    const weak: [number, number][] = [];
    for (let k = 0; k < field.length; k++) {
      const slack = field[k] - floor;
      if (weak.length < WEAK_POINTS || slack < weak[weak.length - 1][1]) {
        weak.push([k, slack]);
        weak.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        if (weak.length > WEAK_POINTS) weak.pop();
      }
    }
    const out = new Set<number>();
    for (const [k] of weak) for (const t of this.near(taskPoints[k])) if (!taken[t]) out.add(t);
    return [...out];
  }

  /** Free tiles within {@link STEP} tile edges of `tile` (Chebyshev), itself excluded. */
  private near(tile: number): number[] {
    const { rows, cols } = this.photometry;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    const out: number[] = [];
    for (let r = Math.max(0, r0 - STEP); r <= Math.min(rows - 1, r0 + STEP); r++) {
      for (let c = Math.max(0, c0 - STEP); c <= Math.min(cols - 1, c0 + STEP); c++) {
        const t = r * cols + c;
        if (t !== tile && this.isFree[t]) out.push(t);
      }
    }
    return out;
  }

  /** Adds `sign` × the direct illuminance of a light on `tile` to every task point. */
  private addDirect(field: Float64Array, tile: number, sign: number): void {
    const { cols, kernel, directScale, taskPoints } = this.photometry;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    const scale = sign * directScale;
    for (let k = 0; k < taskPoints.length; k++) {
      const p = taskPoints[k];
      const pr = Math.floor(p / cols);
      const dr = pr > r0 ? pr - r0 : r0 - pr;
      const pc = p - pr * cols;
      const dc = pc > c0 ? pc - c0 : c0 - pc;
      field[k] += scale * kernel[dr * cols + dc];
    }
  }

  /** Change in unreached task points when a light moves from `out` to `into`. */
  private reachDelta(reach: Int32Array, out: number, into: number): number {
    if (!this.reachOffsets) return 0;
    let delta = 0;
    this.forEachReached(out, (k) => {
      if (reach[k] === 1 && !this.reachesPoint(into, k)) delta++;
    });
    this.forEachReached(into, (k) => {
      if (reach[k] === 0) delta--;
    });
    return delta;
  }

  private reachesPoint(tile: number, k: number): boolean {
    const { cols, taskPoints } = this.photometry;
    const p = taskPoints[k];
    const dr = Math.floor(tile / cols) - Math.floor(p / cols);
    const dc = (tile % cols) - (p % cols);
    return dr * dr + dc * dc <= this.reachLimit2;
  }

  /** Calls `visit` with the index of every task point the search must reach within reach of `tile`. */
  private forEachReached(tile: number, visit: (k: number) => void): void {
    this.forEachTaskPointInReach(tile, (k) => {
      if (this.reachable[k]) visit(k);
    });
  }

  /** Calls `visit` with the index of every task point within the spacing reach of `tile`. */
  private forEachTaskPointInReach(tile: number, visit: (k: number) => void): void {
    if (!this.reachOffsets) return;
    const { rows, cols } = this.photometry;
    forEachTileInDisk(tile, rows, cols, this.reachOffsets, (t) => {
      const k = this.taskIndex[t];
      if (k >= 0) visit(k);
    });
  }
}
