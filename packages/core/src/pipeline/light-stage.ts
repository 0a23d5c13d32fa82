import {
  checkLighting,
  type LightModelName,
  type LightModelOptions,
  placeLights,
} from '../lighting/index.js';
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
    const tiles = placeLights(room, model, options);
    const durationMs = now() - started;
    const check = checkLighting(withDevices(room, tiles, 'light'));
    candidate = {
      model,
      status: 'completed',
      confidence: check.confidence,
      count: tiles.length,
      durationMs,
      metrics: check.metrics,
      pass: check.pass,
      reasons: check.reasons,
      tiles,
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
    error: error instanceof Error ? error.message : String(error),
    tiles: [],
  };
}

/**
 * The winning light layout (DESIGN §4): highest confidence; ties go to fewer lights, then to
 * the model name. Failed candidates never win; `undefined` when every candidate failed.
 */
export function selectLightCandidate(candidates: readonly LightCandidate[]): LightCandidate | undefined {
  let best: LightCandidate | undefined;
  for (const candidate of candidates) {
    if (candidate.status !== 'completed') continue;
    if (
      !best ||
      candidate.confidence > best.confidence ||
      (candidate.confidence === best.confidence &&
        (candidate.count < best.count || (candidate.count === best.count && candidate.model < best.model)))
    ) {
      best = candidate;
    }
  }
  return best;
}

/** The candidate as the result reports it: without its tiles, which the layout already shows. */
export function toCandidateReport({ tiles: _tiles, ...report }: LightCandidate): LightCandidateReport {
  return report;
}

/** Rounds for logs and reports, where twelve decimals help nobody. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
