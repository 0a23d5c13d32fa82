import type { Photometry } from './photometry.js';

/** The DESIGN §4 figures of one light layout over a room's task points. */
export interface LightingMetrics {
  /** Mean of E = E_d + E_r over the task points, lux. */
  readonly averageLux: number;
  /** Lowest E over the task points, lux. */
  readonly minLux: number;
  /** U0 = min / mean; 0 when the mean is 0. */
  readonly uniformity: number;
  readonly lightCount: number;
  readonly taskPointCount: number;
}

/** Exact DESIGN §4 metrics of lights on the given tiles (every light counts, wherever it is). */
export function lightingMetrics(photometry: Photometry, lights: ArrayLike<number>): LightingMetrics {
  if (lights.length === 0) return metricsFromDirectLux(photometry, 0, 0, 0);
  const direct = photometry.directLux(lights, photometry.taskPoints);
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < direct.length; i++) {
    sum += direct[i];
    if (direct[i] < min) min = direct[i];
  }
  return metricsFromDirectLux(photometry, lights.length, sum, min);
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
): LightingMetrics {
  const taskPointCount = photometry.taskPoints.length;
  if (lightCount === 0) return { averageLux: 0, minLux: 0, uniformity: 0, lightCount, taskPointCount };
  const reflected = lightCount * photometry.reflectedPerLight;
  const averageLux = directSumLux / taskPointCount + reflected;
  const minLux = directMinLux + reflected;
  return {
    averageLux,
    minLux,
    uniformity: averageLux > 0 ? minLux / averageLux : 0,
    lightCount,
    taskPointCount,
  };
}

/** True when the layout meets both DESIGN §4 lighting targets of the room. */
export function meetsLightingTargets(photometry: Photometry, metrics: LightingMetrics): boolean {
  return (
    metrics.lightCount > 0 &&
    metrics.averageLux >= photometry.targetLux &&
    metrics.uniformity >= photometry.targetUniformity
  );
}
