import type { ComplianceCheck } from '../placement/compliance-check.js';
import type { Room } from '../room/room.js';
import { tilesOfKind } from '../room/room-with-devices.js';
import { TileKind } from '../room/tile-kind.js';
import { lightingMetrics, meetsLightingTargets } from './lighting-metrics.js';
import { Photometry } from './photometry.js';

/**
 * DESIGN §4 lighting verdict for the lights (`TileKind.Light` tiles) already in `room`:
 * exact photometry over every task point, the confidence of {@link lightConfidence}, and one
 * reason per missed target. Never throws on a valid room.
 */
export function checkLighting(room: Room): ComplianceCheck {
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
  const confidence =
    metrics.lightCount === 0
      ? 0
      : lightConfidence(metrics.averageLux, metrics.uniformity, targetLux, targetUniformity);
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
      lightingPowerDensity:
        (metrics.lightCount * photometry.luminaireWatts) / photometry.floorAreaSquareMetres,
    },
    reasons,
  };
}

/**
 * DESIGN §4 light confidence, the same for every light model. Compliant layouts score
 * `0.75 + 0.25 · target / averageLux` (least wasted light wins); others
 * `0.75 · min(1, averageLux / target) · min(1, U0 / U0 target)`, so every compliant layout
 * outranks every non-compliant one.
 */
export function lightConfidence(
  averageLux: number,
  uniformity: number,
  targetLux: number,
  targetUniformity: number,
): number {
  if (!(averageLux > 0)) return 0;
  if (averageLux >= targetLux && uniformity >= targetUniformity)
    return 0.75 + (0.25 * targetLux) / averageLux;
  const luxRatio = targetLux > 0 ? Math.min(1, averageLux / targetLux) : 1;
  const uniformityRatio = targetUniformity > 0 ? Math.min(1, Math.max(0, uniformity) / targetUniformity) : 1;
  return 0.75 * luxRatio * uniformityRatio;
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
