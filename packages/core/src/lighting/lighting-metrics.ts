import type { Photometry } from './photometry.js';
import { spacingReachOffsets } from './spacing-reach.js';

/** The RULES §4 figures of one light layout over a room's task points. */
export interface LightingMetrics {
  /** Mean of E = E_d + E_r over the task points, lux. */
  readonly averageLux: number;
  /** Lowest E over the task points, lux. */
  readonly minLux: number;
  /** U0 = min / mean; 0 when the mean is 0. */
  readonly uniformity: number;
  readonly lightCount: number;
  readonly taskPointCount: number;
  /** Task points beyond the spacing criterion's reach of every light (0 when SC is off). */
  readonly unreachedTaskPoints: number;
}

/** Exact RULES §4 metrics of lights on the given tiles (every light counts, wherever it is). */
export function lightingMetrics(photometry: Photometry, lights: ArrayLike<number>): LightingMetrics {
  const unreached = unreachedTaskPoints(photometry, lights).length;
  if (lights.length === 0) return metricsFromDirectLux(photometry, 0, 0, 0, unreached);
  const direct = photometry.directLux(lights, photometry.taskPoints);
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < direct.length; i++) {
    sum += direct[i];
    if (direct[i] < min) min = direct[i];
  }
  return metricsFromDirectLux(photometry, lights.length, sum, min, unreached);
}

/**
 * The task points (tile indices, ascending) farther than the spacing criterion's reach from
 * every one of `lights`; none when the criterion is off.
 */
export function unreachedTaskPoints(photometry: Photometry, lights: ArrayLike<number>): number[] {
  const offsets = spacingReachOffsets(photometry);
  if (!offsets) return [];
  const { rows, cols, taskPoints, isTaskPoint } = photometry;
  const reached = new Uint8Array(rows * cols);
  for (let i = 0; i < lights.length; i++) {
    const r0 = Math.floor(lights[i] / cols);
    const c0 = lights[i] - r0 * cols;
    for (let k = 0; k < offsets.dr.length; k++) {
      const r = r0 + offsets.dr[k];
      const c = c0 + offsets.dc[k];
      if (r >= 0 && r < rows && c >= 0 && c < cols && isTaskPoint[r * cols + c]) reached[r * cols + c] = 1;
    }
  }
  const out: number[] = [];
  for (const p of taskPoints) if (!reached[p]) out.push(p);
  return out;
}

/**
 * The metrics of `lightCount` lights from their direct illuminance over the task points (its
 * sum and its minimum, lux): every light adds the same reflected share everywhere.
 */
export function metricsFromDirectLux(
  photometry: Photometry,
  lightCount: number,
  directSumLux: number,
  directMinLux: number,
  unreachedTaskPoints: number,
): LightingMetrics {
  const taskPointCount = photometry.taskPoints.length;
  if (lightCount === 0) {
    return { averageLux: 0, minLux: 0, uniformity: 0, lightCount, taskPointCount, unreachedTaskPoints };
  }
  const reflected = lightCount * photometry.reflectedPerLight;
  const averageLux = directSumLux / taskPointCount + reflected;
  const minLux = directMinLux + reflected;
  return {
    averageLux,
    minLux,
    uniformity: averageLux > 0 ? minLux / averageLux : 0,
    lightCount,
    taskPointCount,
    unreachedTaskPoints,
  };
}

/** True when the layout meets the RULES §4 lighting rules: both targets and the spacing criterion. */
export function meetsLightingTargets(photometry: Photometry, metrics: LightingMetrics): boolean {
  return (
    metrics.lightCount > 0 &&
    metrics.unreachedTaskPoints === 0 &&
    metrics.averageLux >= photometry.targetLux &&
    metrics.uniformity >= photometry.targetUniformity
  );
}
