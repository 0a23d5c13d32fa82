import { randomUUID } from 'node:crypto';
import type { DEFAULT_SOLVER_BUDGET, SolverBudget } from '../exact/solver-budget.js';
import { LIGHT_MODEL_NAMES, type LightModelName, Photometry } from '../lighting/index.js';
import type { Room } from '../room/room.js';
import { runLightModel } from './light-stage.js';
import {
  failedRunResult,
  NoLightLayoutError,
  runAirSupplyStage,
  runSmokeDetectorStage,
} from './placement-stages.js';
import type { LightCandidate, RunResult } from './run-result.js';
import type { StageInstruments } from './stage-instruments.js';

/** Options of {@link runPipeline}. */
export interface RunPipelineOptions extends StageInstruments {
  /** Run id for the result. Default a random UUID. */
  runId?: string;
  /** Light models to run side by side. Default all three. */
  lightModels?: readonly LightModelName[];
  /** What each exact solve (one per model and stage) may spend. Default {@link DEFAULT_SOLVER_BUDGET}. */
  solver?: Partial<SolverBudget>;
}

/**
 * Runs the whole placement pipeline in this process, with no queue: every light model, the
 * selection, air supply, then smoke detectors — the same stage code the workers run. Returns a
 * failed result (never throws) when no light model produced a layout.
 */
export function runPipeline(room: Room, options: RunPipelineOptions = {}): RunResult {
  const now = options.now ?? performance.now.bind(performance);
  const runId = options.runId ?? randomUUID();
  const started = now();
  // The light models share the room's photometry: what does not depend on the lights is done once.
  const photometry = new Photometry(room);
  const exact = { ...(options.solver ? { solver: options.solver } : {}), ...(options.now ? { now } : {}) };
  // The heuristic models run first: exact-mip starts from their layouts instead of redoing them.
  const models = [...(options.lightModels ?? LIGHT_MODEL_NAMES)].sort(
    (a, b) => Number(a === 'exact-mip') - Number(b === 'exact-mip'),
  );
  const heuristicLayouts: Partial<Record<'lumen-array' | 'staggered-search', readonly number[]>> = {};
  const byModel = new Map<string, LightCandidate>();
  for (const model of models) {
    const candidate = runLightModel(room, model, options, { photometry, heuristicLayouts, ...exact });
    if (model !== 'exact-mip' && candidate.status === 'completed') heuristicLayouts[model] = candidate.tiles;
    byModel.set(model, candidate);
  }
  const candidates = (options.lightModels ?? LIGHT_MODEL_NAMES).map((model) => byModel.get(model)!);
  let result: RunResult;
  try {
    const air = runAirSupplyStage(room, candidates, options, exact);
    result = runSmokeDetectorStage(room, air, { runId, durationMs: now() - started, ...exact }, options);
  } catch (error) {
    if (!(error instanceof NoLightLayoutError)) throw error;
    result = failedRunResult(room, candidates, error.message, { runId, durationMs: now() - started });
  }
  options.metrics?.recordRun(result.status, result.durationMs);
  options.logger?.info(
    {
      runId,
      roomId: room.roomId,
      status: result.status,
      durationMs: Math.round(result.durationMs * 100) / 100,
    },
    'run finished',
  );
  return result;
}
