import type { ComplianceCheck } from '../placement/compliance-check.js';
import type { LightCandidateReport, RunResult, StageReport } from './run-result.js';

/** Significant digits every reported figure keeps (durations and coordinates aside). */
export const FIGURE_DIGITS = 6;

/** Durations are reported to the microsecond: milliseconds with three decimals. */
const DURATION_DECIMALS = 3;

/**
 * A figure within this relative distance of its rounded value is float noise around a round
 * number (12.000000000000002 ft) and is snapped to it whatever the direction: the checks
 * compare distances with the same slack (`RELATIVE_TOLERANCE`).
 */
const SNAP = 1e-9;

/** Which way a figure is rounded: to the nearest, or away from a pass (never flattering). */
export type RoundingDirection = 'nearest' | 'down' | 'up';

/**
 * Metrics rounded down: what a layout achieves against a minimum (a rounded figure never
 * reaches a target the exact one misses).
 */
const ROUNDED_DOWN: ReadonlySet<string> = new Set([
  'averageLux',
  'minLux',
  'uniformity',
  'coveredFraction',
  'minSpacing',
  'minDiffuserClearance',
]);

/** Metrics rounded up: what a layout achieves against a maximum, and what the room demands. */
const ROUNDED_UP: ReadonlySet<string> = new Set([
  'maxDistanceToDiffuser',
  'maxDetectorDistance',
  'requiredAirflow',
  'lightingPowerDensity',
]);

/**
 * `value` to {@link FIGURE_DIGITS} significant digits: `0.9565217391304348` → `0.956522`,
 * `3.5999999999999996` → `3.6`. Integers, infinities and NaN come back unchanged. `down` and
 * `up` round toward −∞ and +∞, except that a value within {@link SNAP} of its nearest
 * rounding (float noise) takes that rounding.
 */
export function roundFigure(
  value: number,
  direction: RoundingDirection = 'nearest',
  digits = FIGURE_DIGITS,
): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  const nearest = Number(value.toPrecision(digits));
  if (direction === 'nearest' || Math.abs(nearest - value) <= Math.abs(value) * SNAP) return nearest;
  if (direction === 'down' ? nearest <= value : nearest >= value) return nearest;
  // One unit in the last kept digit of `value`, taken back off the nearest rounding.
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return Number((direction === 'down' ? nearest - step : nearest + step).toPrecision(digits));
}

/** A duration in ms to the microsecond. */
export function roundDuration(ms: number): number {
  if (!Number.isFinite(ms)) return ms;
  const scale = 10 ** DURATION_DECIMALS;
  return Math.round(ms * scale) / scale;
}

/** Each metric rounded by {@link roundFigure}, in the direction its name calls for. */
export function roundMetrics(metrics: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) {
    out[key] = roundFigure(value, ROUNDED_DOWN.has(key) ? 'down' : ROUNDED_UP.has(key) ? 'up' : 'nearest');
  }
  return out;
}

/**
 * The result with every figure at a sensible precision (RULES §5): metrics and confidences to
 * six significant digits — achieved figures rounded away from the rule they are held to, so a
 * shown figure never passes where the exact one fails — gaps to six significant digits,
 * durations to the microsecond. Placement coordinates are already rounded to a millionth of
 * a unit where they are made. Applied once, where the result is assembled: the models and
 * the selection work on the exact figures.
 */
export function roundResultFigures(result: RunResult): RunResult {
  const { lights, airSupply, smokeDetectors } = result.stages;
  const { lighting, airSupply: air, smokeDetection } = result.compliance;
  return {
    ...result,
    stages: {
      lights: {
        ...lights,
        candidates: lights.candidates.map(roundCandidate),
        ...(lights.gap !== undefined ? { gap: roundFigure(lights.gap) } : {}),
      },
      ...(airSupply ? { airSupply: roundStage(airSupply) } : {}),
      ...(smokeDetectors ? { smokeDetectors: roundStage(smokeDetectors) } : {}),
    },
    compliance: {
      ...(lighting ? { lighting: roundCheck(lighting) } : {}),
      ...(air ? { airSupply: roundCheck(air) } : {}),
      ...(smokeDetection ? { smokeDetection: roundCheck(smokeDetection) } : {}),
    },
    durationMs: roundDuration(result.durationMs),
  };
}

function roundCandidate(candidate: LightCandidateReport): LightCandidateReport {
  return {
    ...candidate,
    confidence: roundFigure(candidate.confidence),
    durationMs: roundDuration(candidate.durationMs),
    metrics: roundMetrics(candidate.metrics),
  };
}

function roundStage(stage: StageReport): StageReport {
  return {
    ...stage,
    confidence: roundFigure(stage.confidence),
    durationMs: roundDuration(stage.durationMs),
    metrics: roundMetrics(stage.metrics),
    gap: roundFigure(stage.gap),
  };
}

function roundCheck(check: ComplianceCheck): ComplianceCheck {
  return { ...check, confidence: roundFigure(check.confidence), metrics: roundMetrics(check.metrics) };
}
