import {
  checkLighting,
  type LightModelName,
  type LightModelOptions,
  lightCountBounds,
  Photometry,
  placeLightsWithProof,
} from '../lighting/index.js';
import type { LightLayout } from '../room/requirements.js';
import type { Room } from '../room/room.js';
import { withDevices } from '../room/room-with-devices.js';
import type { LightCandidate, LightCandidateReport } from './run-result.js';
import type { StageInstruments } from './stage-instruments.js';

/**
 * Runs one light model on a room and scores its layout with the shared lighting check. A model
 * that throws becomes a failed candidate with the reason, so one broken model never sinks a run.
 * `options` go to the model (the photometry the run's models share).
 */
export function runLightModel(
  room: Room,
  model: LightModelName,
  instruments: StageInstruments = {},
  options: LightModelOptions = {},
): LightCandidate {
  const now = instruments.now ?? performance.now.bind(performance);
  const started = now();
  let candidate: LightCandidate;
  try {
    const photometry = options.photometry ?? new Photometry(room);
    const placement = placeLightsWithProof(room, model, { ...options, photometry });
    const { tiles } = placement;
    const durationMs = now() - started;
    const bounds = lightCountBounds(photometry);
    const check = checkLighting(withDevices(room, tiles, 'light'), { lowerBound: bounds.average });
    // Bounds count every light; the report counts the new ones, as `count` does. An infinite
    // bound (no compliant layout exists) is reported as the count: still true, and JSON-safe.
    const proven = placement.lowerBound - bounds.existing;
    const lowerBound = Number.isFinite(proven) ? Math.max(0, proven) : tiles.length;
    candidate = {
      model,
      status: 'completed',
      confidence: check.confidence,
      count: tiles.length,
      durationMs,
      metrics: check.metrics,
      ...(check.units ? { units: check.units } : {}),
      pass: check.pass,
      reasons: check.reasons,
      lowerBound,
      optimal: check.pass && tiles.length <= lowerBound,
      aligned: placement.aligned,
      tiles,
      ...(check.violations ? { violations: check.violations } : {}),
    };
  } catch (error) {
    candidate = failedLightCandidate(model, error, now() - started);
  }
  instruments.metrics?.recordModelRun(model, {
    ok: candidate.status === 'completed',
    durationMs: candidate.durationMs,
    confidence: candidate.status === 'completed' ? candidate.confidence : undefined,
  });
  instruments.logger?.info(
    {
      stage: 'lights',
      model,
      status: candidate.status,
      confidence: round(candidate.confidence, 4),
      count: candidate.count,
      durationMs: round(candidate.durationMs, 2),
      ...(candidate.error ? { error: candidate.error } : {}),
    },
    'light model finished',
  );
  return candidate;
}

/** A candidate that records a light model's failure and its reason. */
export function failedLightCandidate(model: string, error: unknown, durationMs = 0): LightCandidate {
  return {
    model,
    status: 'failed',
    confidence: 0,
    count: 0,
    durationMs,
    metrics: {},
    pass: false,
    reasons: [],
    lowerBound: 0,
    optimal: false,
    error: error instanceof Error ? error.message : String(error),
    tiles: [],
  };
}

/**
 * The winning light layout (RULES §4, revised 2026-12-02): every compliant layout outranks
 * every non-compliant one; among compliant layouts the fewest lights win, then the higher U0,
 * then the more aligned ceiling (fewer distinct rows plus columns), then the model name.
 * Non-compliant layouts rank by confidence. With `lightLayout: "aligned"`, compliant aligned
 * layouts come before the rest. Failed candidates never win; `undefined` when every candidate
 * failed.
 */
export function selectLightCandidate(
  candidates: readonly LightCandidate[],
  lightLayout: LightLayout = 'free',
): LightCandidate | undefined {
  let best: LightCandidate | undefined;
  for (const candidate of candidates) {
    if (candidate.status !== 'completed') continue;
    if (!best || compareLightCandidates(candidate, best, lightLayout) < 0) best = candidate;
  }
  return best;
}

/**
 * Negative when `a` ranks before `b` under {@link selectLightCandidate}'s order. With an
 * aligned ceiling asked for, a compliant aligned layout outranks every other.
 */
export function compareLightCandidates(
  a: LightCandidate,
  b: LightCandidate,
  lightLayout: LightLayout = 'free',
): number {
  if (a.pass !== b.pass) return a.pass ? -1 : 1;
  if (lightLayout === 'aligned' && a.pass && Boolean(a.aligned) !== Boolean(b.aligned))
    return a.aligned ? -1 : 1;
  if (!a.pass && a.confidence !== b.confidence) return b.confidence - a.confidence;
  if (a.count !== b.count) return a.count - b.count;
  const u0 = (c: LightCandidate) => c.metrics.uniformity ?? 0;
  if (u0(a) !== u0(b)) return u0(b) - u0(a);
  const aligned = (c: LightCandidate) => c.metrics.alignment ?? Number.POSITIVE_INFINITY;
  if (aligned(a) !== aligned(b)) return aligned(a) - aligned(b);
  return a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}

/**
 * The candidate as the result reports it: without its tiles, which the layout already shows,
 * nor its violations, which the lighting check of the selected layout carries.
 */
export function toCandidateReport({
  tiles: _tiles,
  violations: _violations,
  ...report
}: LightCandidate): LightCandidateReport {
  return report;
}

/** Rounds for logs and reports, where twelve decimals help nobody. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
