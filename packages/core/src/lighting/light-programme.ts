import type { CoveringProgramme, LinearRow } from '../exact/covering-programme.js';
import type { SolverBudget } from '../exact/solver-budget.js';
import { forEachTileInDisk } from '../geometry/disk-offsets.js';
import { FixedCountSearch } from './fixed-count-search.js';
import { addAtWeakestPoints, type LightPlanContext, pruneLights } from './layout-refinement.js';
import { lightingMetrics, meetsLightingTargets, unreachedTaskPoints } from './lighting-metrics.js';
import type { Photometry } from './photometry.js';
import { spacingReachOffsets } from './spacing-reach.js';

/** A violation smaller than this share of the target is rounding, not a failed rule. */
const VIOLATION_SLACK = 1e-9;

/**
 * RULES §4 lighting as a {@link CoveringProgramme} over the room's free tiles (the programme of
 * `exact-mip`): the average row and the spacing rows up front, a uniformity row per task point
 * a solution violates. Rows are scaled by 1/T so every coefficient is of order one.
 */
export class LightProgramme implements CoveringProgramme {
  readonly variables: number;
  readonly rows: readonly LinearRow[];
  readonly incumbent?: Uint8Array;
  private readonly context: LightPlanContext;
  private readonly budget: SolverBudget;
  private readonly photometry: Photometry;
  private readonly position = new Map<number, number>();
  /** Each free tile's share of the average (direct part plus E_r), lux. */
  private readonly share: Float64Array;
  private readonly existingAverage: number;
  private readonly existingDirect: Float64Array;
  private readonly averageRow: LinearRow;

  constructor(context: LightPlanContext, warm: readonly number[], budget: SolverBudget) {
    const { photometry, freeTiles, existingLights, field } = context;
    const { taskPoints, targetLux: T } = photometry;
    this.context = context;
    this.budget = budget;
    this.photometry = photometry;
    const n = freeTiles.length;
    this.variables = n;
    freeTiles.forEach((tile, j) => {
      this.position.set(tile, j);
    });
    this.share = new Float64Array(n);
    for (let j = 0; j < n; j++) this.share[j] = field.contributionLux(freeTiles[j]);
    let existingAverage = 0;
    for (const tile of existingLights) existingAverage += field.contributionLux(tile);
    this.existingAverage = existingAverage;
    this.existingDirect = photometry.directLux(existingLights, taskPoints);
    this.averageRow = {
      indices: Int32Array.from({ length: n }, (_, j) => j),
      values: Float64Array.from(this.share, (a) => a / T),
      lower: (T - existingAverage) / T,
      upper: Number.POSITIVE_INFINITY,
    };
    this.rows = [this.averageRow, ...spacingRows(photometry, existingLights, this.position)];
    const incumbent = new Uint8Array(n);
    for (const tile of warm) incumbent[this.position.get(tile)!] = 1;
    const warmPasses = meetsLightingTargets(
      photometry,
      lightingMetrics(photometry, [...existingLights, ...warm]),
    );
    if (warmPasses) this.incumbent = incumbent;
  }

  separate(x: Float64Array): LinearRow[] {
    const { photometry, share, existingDirect } = this;
    const { taskPoints, directScale, reflectedPerLight: R, targetLux: T } = photometry;
    const U = photometry.targetUniformity;
    const { freeTiles, existingLights } = this.context;
    const n = this.variables;
    // E(p) for a fractional layout: Σ_j x_j (direct_pj + R) plus the existing lights.
    const support: number[] = [];
    for (let j = 0; j < n; j++) if (x[j] > 1e-9) support.push(j);
    let mean = this.existingAverage;
    let count = existingLights.length;
    for (const j of support) {
      mean += x[j] * share[j];
      count += x[j];
    }
    const violations: [number, number][] = [];
    for (let k = 0; k < taskPoints.length; k++) {
      const p = taskPoints[k];
      let e = existingDirect[k] + R * count;
      for (const j of support) e += x[j] * directScale * this.kernelAt(p, freeTiles[j]);
      const deficit = U * mean - e;
      if (deficit > VIOLATION_SLACK * T) violations.push([k, deficit]);
    }
    violations.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const found = violations.map(([k]) => this.uniformityRow(k));
    if (found.length === 0 && this.integral(x)) {
      // The exact verdict is the judge: a layout it fails is never accepted, even when it
      // fails only by the solver's rounding.
      const layout = [...existingLights, ...this.toTiles(x)];
      const metrics = lightingMetrics(photometry, layout);
      if (!meetsLightingTargets(photometry, metrics)) found.push(this.closestRow(layout, metrics.averageLux));
    }
    return found;
  }

  repair(x: Uint8Array): Uint8Array | undefined {
    const { context } = this;
    const { field, existingLights } = context;
    const chosen = this.toTiles(x);
    field.reset([...existingLights, ...chosen]);
    const added = addAtWeakestPoints(context);
    pruneLights(field, [...added, ...chosen]);
    const metrics = field.exactMetrics();
    if (!meetsLightingTargets(this.photometry, metrics)) return undefined;
    const out = new Uint8Array(this.variables);
    for (const tile of field.lightTiles()) {
      const j = this.position.get(tile);
      if (j !== undefined) out[j] = 1;
    }
    return out;
  }

  /**
   * From the best layout, one light fewer at a time: drop the least needed light, then let the
   * fixed-count search move lights until the layout passes again.
   */
  descend(best: Uint8Array, lowerBound: number): Uint8Array | undefined {
    const search = new FixedCountSearch(this.context);
    const P = this.photometry.taskPoints.length;
    const trialsPerCount = Math.max(1000, Math.floor(this.budget.searchWork / Math.max(1, P)));
    let lights = this.toTiles(best);
    let found: number[] | undefined;
    while (lights.length > lowerBound && lights.length > 0) {
      const drop = search.leastNeeded(lights);
      const next = search.search(
        lights.filter((t) => t !== drop),
        trialsPerCount,
      );
      if (!next) break;
      found = next;
      lights = next;
    }
    if (!found) return undefined;
    const out = new Uint8Array(this.variables);
    for (const tile of found) out[this.position.get(tile)!] = 1;
    return out;
  }

  private kernelAt(a: number, b: number): number {
    const { cols, kernel } = this.photometry;
    const dr = Math.abs(Math.floor(a / cols) - Math.floor(b / cols));
    const dc = Math.abs((a % cols) - (b % cols));
    return kernel[dr * cols + dc];
  }

  /** The uniformity row of task point `k`: E(p) ≥ U0 · average. */
  private uniformityRow(k: number): LinearRow {
    const { photometry, share, existingAverage, existingDirect, averageRow } = this;
    const { taskPoints, directScale, reflectedPerLight: R, targetLux: T } = photometry;
    const U = photometry.targetUniformity;
    const { freeTiles, existingLights } = this.context;
    const n = this.variables;
    const p = taskPoints[k];
    const values = new Float64Array(n);
    for (let j = 0; j < n; j++)
      values[j] = (directScale * this.kernelAt(p, freeTiles[j]) + R - U * share[j]) / T;
    return {
      indices: averageRow.indices,
      values,
      lower: (U * existingAverage - existingDirect[k] - R * existingLights.length) / T,
      upper: Number.POSITIVE_INFINITY,
    };
  }

  /**
   * The row a layout the exact check fails comes closest to breaking: the average, a point out
   * of reach, or the weakest point's uniformity.
   */
  private closestRow(layout: number[], averageLux: number): LinearRow {
    const { photometry, averageRow } = this;
    const { taskPoints, targetLux: T } = photometry;
    if (averageLux < T) return averageRow;
    const unreached = unreachedTaskPoints(photometry, layout);
    if (unreached.length > 0) {
      const row = this.rows.find((r) => r !== averageRow && (r as SpacingRow).point === unreached[0]);
      if (row) return row;
    }
    const direct = photometry.directLux(layout, taskPoints);
    let weakest = 0;
    for (let k = 1; k < taskPoints.length; k++) if (direct[k] < direct[weakest]) weakest = k;
    return this.uniformityRow(weakest);
  }

  private integral(x: Float64Array): boolean {
    for (let j = 0; j < this.variables; j++) if (x[j] > 1e-9 && x[j] < 1 - 1e-9) return false;
    return true;
  }

  private toTiles(x: ArrayLike<number>): number[] {
    return this.context.freeTiles.filter((_, j) => x[j] > 0.5);
  }
}

/** A spacing row, with the task point it stands for. */
interface SpacingRow extends LinearRow {
  readonly point: number;
}

/** One row per task point no existing light reaches: some free tile within reach holds a light. */
function spacingRows(
  photometry: Photometry,
  existingLights: readonly number[],
  position: ReadonlyMap<number, number>,
): SpacingRow[] {
  const offsets = spacingReachOffsets(photometry);
  if (!offsets) return [];
  const { rows, cols, taskPoints } = photometry;
  const around = (tile: number, visit: (t: number) => void) =>
    forEachTileInDisk(tile, rows, cols, offsets, visit);
  const reached = new Uint8Array(rows * cols);
  for (const light of existingLights) around(light, (p) => (reached[p] = 1));
  const out: SpacingRow[] = [];
  for (const p of taskPoints) {
    if (reached[p]) continue;
    const indices: number[] = [];
    around(p, (t) => {
      const j = position.get(t);
      if (j !== undefined) indices.push(j);
    });
    // A point no free tile reaches makes the rule infeasible; the check names it.
    if (indices.length === 0) continue;
    out.push({ point: p, indices, values: indices.map(() => 1), lower: 1, upper: Number.POSITIVE_INFINITY });
  }
  return out;
}
