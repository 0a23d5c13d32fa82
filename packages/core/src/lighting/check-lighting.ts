import type { ComplianceCheck } from '../placement/compliance-check.js';
import { formatFigure, formatLength, tileLabel } from '../placement/rule-figures.js';
import { tileViolation } from '../placement/rule-violation.js';
import type { Room } from '../room/room.js';
import { type LengthUnit, metresPerUnit } from '../room/room-type.js';
import { tilesOfKind } from '../room/room-with-devices.js';
import { TileKind } from '../room/tile-kind.js';
import { lightCountBounds } from './light-count-bound.js';
import {
  type LightingMetrics,
  lightingMetrics,
  meetsLightingTargets,
  unreachedTaskPoints,
} from './lighting-metrics.js';
import { Photometry } from './photometry.js';
import { spacingReachTiles } from './spacing-reach.js';

/** Options of {@link checkLighting}. */
export interface CheckLightingOptions {
  /**
   * RULES §4 N_lb of the room as it came in, before the model placed its lights
   * ({@link lightCountBounds}`.average` of the input room). Default: computed on `room` itself,
   * which treats every light in it as existing.
   */
  readonly lowerBound?: number;
}

/**
 * RULES §4 lighting verdict for the lights (`TileKind.Light` tiles) already in `room`:
 * exact photometry over every task point, the spacing criterion, the confidence of
 * {@link lightConfidence}, and one reason per missed rule. Never throws on a valid room.
 *
 * Metrics (lengths in room units, see `units`): `averageLux`, `minLux`, `uniformity`, the
 * targets, `lightCount` (existing lights included), `taskPointCount`, `lightingPowerDensity`
 * (W per square room unit), `spacingReach` (−1 when the criterion is off),
 * `unreachedTaskPoints`, `lowerBound` (RULES §4 N_lb, the average bound) and `alignment`
 * (distinct rows plus columns holding a light).
 */
export function checkLighting(room: Room, options: CheckLightingOptions = {}): ComplianceCheck {
  const photometry = new Photometry(room);
  const lights = tilesOfKind(room, TileKind.Light);
  const metrics = lightingMetrics(photometry, lights);
  const { targetLux, targetUniformity } = photometry;
  const pass = meetsLightingTargets(photometry, metrics);
  const reasons: string[] = [];
  if (metrics.lightCount === 0) reasons.push('the room has no lights');
  if (metrics.averageLux < targetLux) {
    const shortfall = ((metrics.averageLux - targetLux) / targetLux) * 100;
    reasons.push(
      `average ${formatBelow(metrics.averageLux, targetLux, 0)} lx is below the ${formatNumber(targetLux)} lx target (${formatPercent(shortfall)})`,
    );
  }
  if (metrics.lightCount > 0 && metrics.uniformity < targetUniformity) {
    reasons.push(
      `uniformity ${formatBelow(metrics.uniformity, targetUniformity, 2)} is below ${formatNumber(targetUniformity)}`,
    );
  }
  const reachTiles = spacingReachTiles(photometry);
  const unreached = metrics.unreachedTaskPoints > 0 ? unreachedTaskPoints(photometry, lights) : [];
  if (unreached.length > 0 && metrics.lightCount > 0) {
    reasons.push(spacingReason(room, photometry, lights, reachTiles, unreached));
  }
  const lowerBound = options.lowerBound ?? lightCountBounds(photometry).average;
  const confidence = lightConfidence(metrics, photometry, lowerBound);
  const floorArea = photometry.floorAreaSquareMetres / metresPerUnit(room.units) ** 2;
  return {
    pass,
    confidence,
    metrics: {
      averageLux: metrics.averageLux,
      minLux: metrics.minLux,
      uniformity: metrics.uniformity,
      targetLux,
      targetUniformity,
      lightCount: metrics.lightCount,
      taskPointCount: metrics.taskPointCount,
      lightingPowerDensity: (metrics.lightCount * photometry.luminaireWatts) / floorArea,
      spacingReach: Number.isFinite(reachTiles) ? reachTiles * room.cellSize : -1,
      unreachedTaskPoints: metrics.unreachedTaskPoints,
      lowerBound,
      alignment: alignmentOf(lights, room.cols),
    },
    units: lightingUnits(room.units),
    reasons,
    ...(unreached.length > 0
      ? {
          violations: [
            tileViolation(room, 'lighting.spacingCriterion', reachTiles * room.cellSize, unreached),
          ],
        }
      : {}),
  };
}

/** The unit of every lighting metric, for a room in `units`. */
export function lightingUnits(units: LengthUnit): Readonly<Record<string, string>> {
  return {
    averageLux: 'lx',
    minLux: 'lx',
    uniformity: '1',
    targetLux: 'lx',
    targetUniformity: '1',
    lightCount: 'lights',
    taskPointCount: 'points',
    lightingPowerDensity: `W/${units}²`,
    spacingReach: units,
    unreachedTaskPoints: 'points',
    lowerBound: 'lights',
    alignment: 'lines',
  };
}

/** Distinct rows plus distinct columns holding a light: fewer is a tidier, more aligned ceiling. */
export function alignmentOf(lights: ArrayLike<number>, cols: number): number {
  const rows = new Set<number>();
  const columns = new Set<number>();
  for (let i = 0; i < lights.length; i++) {
    rows.add(Math.floor(lights[i] / cols));
    columns.add(lights[i] % cols);
  }
  return rows.size + columns.size;
}

/**
 * RULES §4 light confidence (revised 2026-12-02), the same for every light model. Compliant
 * layouts score `0.75 + 0.25 · N_lb / N` (N the room's lights, N_lb the proven average bound),
 * so fewer lights score higher; others `0.75 · min(1, averageLux / target) · min(1, U0 / U0
 * target) · share of task points within the spacing reach`, so every compliant layout outranks
 * every non-compliant one.
 */
export function lightConfidence(
  metrics: LightingMetrics,
  photometry: Photometry,
  lowerBound: number,
): number {
  if (!(metrics.averageLux > 0) || metrics.lightCount === 0) return 0;
  if (meetsLightingTargets(photometry, metrics)) {
    return 0.75 + (0.25 * Math.min(lowerBound, metrics.lightCount)) / metrics.lightCount;
  }
  const { targetLux, targetUniformity } = photometry;
  const luxRatio = targetLux > 0 ? Math.min(1, metrics.averageLux / targetLux) : 1;
  const uniformityRatio =
    targetUniformity > 0 ? Math.min(1, Math.max(0, metrics.uniformity) / targetUniformity) : 1;
  const reachedShare =
    metrics.taskPointCount > 0 ? 1 - metrics.unreachedTaskPoints / metrics.taskPointCount : 1;
  return 0.75 * luxRatio * uniformityRatio * reachedShare;
}

/** The spacing-criterion reason: how many task points are out of reach, and the first of them. */
function spacingReason(
  room: Room,
  photometry: Photometry,
  lights: readonly number[],
  reachTiles: number,
  unreached: readonly number[],
): string {
  const { cols, cellSize, units } = room;
  const first = unreached[0];
  const pr = Math.floor(first / cols);
  const pc = first % cols;
  let nearest = Number.POSITIVE_INFINITY;
  for (const light of lights) {
    nearest = Math.min(nearest, Math.hypot(Math.floor(light / cols) - pr, (light % cols) - pc));
  }
  const sc = room.requirements.spacingCriterion;
  return (
    `${formatFigure(unreached.length)} of ${formatFigure(photometry.taskPoints.length)} task points are farther than ` +
    `${formatLength(reachTiles * cellSize, units)} (spacing criterion ${formatNumber(sc)} × h / √2) from every light; ` +
    `the first, at ${tileLabel(first, cols)}, is ${formatLength(nearest * cellSize, units)} from the nearest`
  );
}

/** A value shown with enough decimals that it does not print as ≥ the target it misses. */
function formatBelow(value: number, target: number, decimals: number): string {
  for (let d = decimals; d < 6; d++) {
    const shown = Number(value.toFixed(d));
    if (shown < target) return value.toFixed(d);
  }
  return String(value);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** A shortfall as a percentage with a true minus sign, e.g. −18%; never rounds to 0. */
function formatPercent(percent: number): string {
  let digits = 0;
  while (digits < 3 && Number((-percent).toFixed(digits)) === 0) digits++;
  return `−${(-percent).toFixed(digits)}%`;
}
