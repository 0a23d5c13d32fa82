import {
  type AirSupplyStageOutput,
  type DEFAULT_SOLVER_BUDGET,
  failedLightCandidate,
  type LightCandidate,
  NoLightLayoutError,
  type RunResult,
  runAirSupplyStage,
  runLightModel,
  runSmokeDetectorStage,
  type SolverBudget,
  type StageInstruments,
} from '@ceiling-grid/core';
import type { Logger, PipelineMetrics } from '@ceiling-grid/observability';
import { type Job, UnrecoverableError } from 'bullmq';
import type { FloorJobData } from './floor-flow.js';
import { JobName } from './queue-names.js';
import type { AirSupplyJobResult, LightJobResult, QueuedRunResult } from './queued-run-result.js';
import { decodeRoom, type EncodedRoom } from './room-codec.js';
import type { AirSupplyJobData, LightJobData, RunJobData } from './run-flow.js';
import { RunRoomCache } from './run-room-cache.js';
import type { StageThreadPool } from './stage-thread-pool.js';

/** What every job processor reports to, and who it is. */
export interface ProcessorContext extends StageInstruments {
  /** The service's pino logger (the processors also write warnings). */
  readonly logger?: Logger;
  readonly metrics?: PipelineMetrics;
  /** `host:pid` of this worker. */
  readonly worker: string;
  /** What each exact solve may spend. Default the core's {@link DEFAULT_SOLVER_BUDGET}. */
  readonly solver?: Partial<SolverBudget>;
  /** Worker threads for big rooms; without it every room computes inline. */
  readonly threads?: StageThreadPool;
}

/** Whether this job's room computes in a thread of the context's pool. */
function offloaded(context: ProcessorContext, room: EncodedRoom): StageThreadPool | undefined {
  return context.threads?.offloads(room.rows * room.cols) ? context.threads : undefined;
}

/**
 * Processes a light job: runs its model and returns the scored candidate. The light jobs of a
 * run that this worker takes share the decoded room and its photometry ({@link RunRoomCache}).
 */
export function createLightJobProcessor(base: ProcessorContext) {
  const runRooms = new RunRoomCache();
  return async (job: Job<LightJobData>): Promise<LightJobResult> => {
    const context = forJob(base, job);
    const threads = offloaded(context, job.data.room);
    const candidate = threads
      ? await threads.run<LightCandidate>(
          { stage: 'light', room: job.data.room, model: job.data.model, solver: context.solver },
          context,
        )
      : lightInline(runRooms, job.data, context);
    if (candidate.status === 'failed') {
      // Thrown so BullMQ retries with backoff; after the last try the run goes on without it.
      throw new Error(candidate.error);
    }
    recordOutcome(
      job,
      `${candidate.model}: ${candidate.count} lights, confidence ${candidate.confidence.toFixed(3)}, ` +
        `${candidate.metrics.averageLux?.toFixed(0)} lx average, U0 ${candidate.metrics.uniformity?.toFixed(2)}, ` +
        `${candidate.pass ? 'compliant' : `not compliant: ${candidate.reasons.join('; ')}`}, ${candidate.durationMs.toFixed(1)} ms`,
      context,
    );
    return { ...candidate, worker: context.worker };
  };
}

function lightInline(runRooms: RunRoomCache, data: LightJobData, context: ProcessorContext): LightCandidate {
  const { room, photometry } = runRooms.get(data.runId, data.room, (encoded) =>
    decodeJobRoom({ room: encoded }),
  );
  return runLightModel(room, data.model, context, {
    photometry,
    ...(context.solver ? { solver: context.solver } : {}),
  });
}

/**
 * Processes the air-supply job: gathers the light candidates that arrived (and the failures
 * its children left), selects the best, places diffusers. Fails for good when no light layout
 * arrived, which fails the run with the reason.
 */
export function createAirSupplyJobProcessor(base: ProcessorContext) {
  return async (job: Job<AirSupplyJobData>): Promise<AirSupplyJobResult> => {
    const context = forJob(base, job);
    const room = decodeJobRoom(job.data);
    const [values, failures] = await Promise.all([
      job.getChildrenValues<LightJobResult>(),
      job.getIgnoredChildrenFailures(),
    ]);
    const arrived = Object.values(values);
    const failed = Object.entries(failures).map(([key, reason]) =>
      failedLightCandidate(modelOfJobKey(key), reason),
    );
    const candidates: LightCandidate[] = [...arrived, ...failed].sort((a, b) => (a.model < b.model ? -1 : 1));
    try {
      const plain = candidates.map(
        ({ worker: _worker, ...candidate }: LightCandidate & { worker?: string }) => candidate,
      );
      const threads = offloaded(context, job.data.room);
      const output = threads
        ? await threads.run<AirSupplyStageOutput>(
            { stage: 'airSupply', room: job.data.room, candidates: plain, solver: context.solver },
            context,
          )
        : runAirSupplyStage(room, plain, context, context.solver ? { solver: context.solver } : {});
      recordOutcome(
        job,
        `selected ${output.lights.selected} of ${candidates.length} light layouts` +
          (failed.length > 0 ? ` (${failed.map((c) => c.model).join(', ')} failed)` : '') +
          `; ${output.airSupply.model}: ${output.airSupply.count} diffusers, confidence ${output.airSupply.confidence.toFixed(3)}`,
        context,
      );
      return {
        ...output,
        workers: {
          lights: Object.fromEntries(arrived.map((c) => [c.model, c.worker])),
          airSupply: context.worker,
        },
      };
    } catch (error) {
      if (error instanceof NoLightLayoutError) {
        context.metrics?.recordRun('failed');
        await job.log(error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}

/** Processes the root job: places smoke detectors and returns the run's result (RULES §5). */
export function createSmokeDetectorJobProcessor(base: ProcessorContext) {
  return async (job: Job<RunJobData>): Promise<QueuedRunResult> => {
    const context = forJob(base, job);
    const room = decodeJobRoom(job.data);
    const [air] = Object.values(await job.getChildrenValues<AirSupplyJobResult>());
    if (!air) throw new UnrecoverableError('the air-supply stage left no result');
    const threads = offloaded(context, job.data.room);
    const { workers: _workers, ...airOutput } = air;
    const result = threads
      ? await threads.run<RunResult>(
          {
            stage: 'smokeDetectors',
            room: job.data.room,
            air: airOutput,
            runId: job.data.runId,
            solver: context.solver,
          },
          context,
        )
      : runSmokeDetectorStage(
          room,
          air,
          { runId: job.data.runId, ...(context.solver ? { solver: context.solver } : {}) },
          context,
        );
    const durationMs = Date.now() - job.timestamp;
    context.metrics?.recordRun('completed', durationMs);
    const detectors = result.stages.smokeDetectors;
    recordOutcome(
      job,
      `${detectors?.model}: ${detectors?.count} detectors, confidence ${detectors?.confidence.toFixed(3)}; ` +
        `compliant: lighting ${result.compliance.lighting?.pass}, air ${result.compliance.airSupply?.pass}, smoke ${result.compliance.smokeDetection?.pass}`,
      context,
    );
    return { ...result, durationMs, workers: { ...air.workers, smokeDetectors: context.worker } };
  };
}

/** What a floor's parent job returns once every room's run has finished. */
export interface FloorJobResult {
  readonly floorId: string;
  readonly rooms: number;
  readonly completed: number;
  readonly failed: number;
}

/**
 * Processes a floor's parent job, which BullMQ starts once every run of the floor has finished
 * (failed runs are ignored dependencies): records how many completed. The floor's totals are
 * read from the runs themselves (FloorService), so nothing is copied here.
 */
export function createFloorJobProcessor(base: ProcessorContext) {
  return async (job: Job<FloorJobData>): Promise<FloorJobResult> => {
    const failures = await job.getIgnoredChildrenFailures();
    const failed = Object.keys(failures).length;
    const result = {
      floorId: job.data.floorId,
      rooms: job.data.rooms.length,
      completed: job.data.rooms.length - failed,
      failed,
    };
    base.logger
      ?.child({ floorRunId: job.data.floorRunId, jobId: job.id, queue: job.queueName })
      .info(result, 'floor finished');
    recordOutcome(job, `${result.completed} of ${result.rooms} rooms completed, ${failed} failed`, base);
    return result;
  };
}

/**
 * The context with a child logger whose every line names the job: `runId`, `jobId`, `queue`,
 * `attempt` (1 on the first try) and, for a run triggered over HTTP, the `requestId`
 * (`X-Request-Id`), so one grep follows a request from the API's access log through every
 * worker that computed its run.
 */
function forJob(base: ProcessorContext, job: Job<{ runId: string; requestId?: string }>): ProcessorContext {
  if (!base.logger) return base;
  const { runId, requestId } = job.data;
  const logger = base.logger.child({
    runId,
    jobId: job.id,
    queue: job.queueName,
    attempt: job.attemptsMade + 1,
    ...(requestId !== undefined ? { requestId } : {}),
  });
  return { ...base, logger };
}

/**
 * Writes a finished job's log line and its 100 % progress (for Bull Board) without waiting for
 * the replies: both go out on the worker's connection ahead of the job's completion, and nothing
 * downstream reads them, so waiting only put a Redis round trip on every stage of a run's
 * critical path. A failure to record is logged, never fails the job.
 */
function recordOutcome(job: Job, line: string, context: ProcessorContext): void {
  Promise.all([job.log(line), job.updateProgress(100)]).catch((error: unknown) =>
    context.logger?.warn({ jobId: job.id, err: (error as Error).message }, 'could not record job log'),
  );
}

/** A job's room; a payload that does not decode can never succeed, so it is not retried. */
function decodeJobRoom(data: { room: Parameters<typeof decodeRoom>[0] }) {
  try {
    return decodeRoom(data.room);
  } catch (error) {
    throw new UnrecoverableError(`invalid room payload: ${(error as Error).message}`);
  }
}

/** `{prefix}:lights:<runId>.<model>` → `<model>`. */
function modelOfJobKey(key: string): string {
  const id = key.slice(key.lastIndexOf(':') + 1);
  return id.slice(id.indexOf('.') + 1);
}

/** Processes every job of queue `placement`: air-supply jobs and root (smoke-detector) jobs, by name. */
export function createPlacementJobProcessor(context: ProcessorContext) {
  const airSupply = createAirSupplyJobProcessor(context);
  const smokeDetectors = createSmokeDetectorJobProcessor(context);
  const floor = createFloorJobProcessor(context);
  return async (job: Job): Promise<AirSupplyJobResult | QueuedRunResult | FloorJobResult> => {
    if (job.name === JobName.airSupply) return airSupply(job);
    if (job.name === JobName.smokeDetectors) return smokeDetectors(job);
    if (job.name === JobName.floor) return floor(job);
    throw new UnrecoverableError(`the placement worker does not know job ${JSON.stringify(job.name)}`);
  };
}
