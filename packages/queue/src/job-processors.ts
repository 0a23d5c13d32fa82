import {
  type DEFAULT_SOLVER_BUDGET,
  failedLightCandidate,
  type LightCandidate,
  NoLightLayoutError,
  runAirSupplyStage,
  runLightModel,
  runSmokeDetectorStage,
  type SolverBudget,
  type StageInstruments,
} from '@ceiling-grid/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobName } from './queue-names.js';
import type { AirSupplyJobResult, LightJobResult, QueuedRunResult } from './queued-run-result.js';
import { decodeRoom } from './room-codec.js';
import type { AirSupplyJobData, LightJobData, RunJobData } from './run-flow.js';
import { RunRoomCache } from './run-room-cache.js';

/** What every job processor reports to, and who it is. */
export interface ProcessorContext extends StageInstruments {
  /** `host:pid` of this worker. */
  readonly worker: string;
  /** What each exact solve may spend. Default the core's {@link DEFAULT_SOLVER_BUDGET}. */
  readonly solver?: Partial<SolverBudget>;
}

/**
 * Processes a light job: runs its model and returns the scored candidate. The light jobs of a
 * run that this worker takes share the decoded room and its photometry ({@link RunRoomCache}).
 */
export function createLightJobProcessor(context: ProcessorContext) {
  const runRooms = new RunRoomCache();
  return async (job: Job<LightJobData>): Promise<LightJobResult> => {
    const instruments = jobInstruments(context, job);
    const { room, photometry } = runRooms.get(job.data.runId, job.data.room, (encoded) =>
      decodeJobRoom({ room: encoded }),
    );
    const candidate = runLightModel(room, job.data.model, instruments, {
      photometry,
      ...(context.solver ? { solver: context.solver } : {}),
    });
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

/**
 * Processes the air-supply job: gathers the light candidates that arrived (and the failures
 * its children left), selects the best, places diffusers. Fails for good when no light layout
 * arrived, which fails the run with the reason.
 */
export function createAirSupplyJobProcessor(context: ProcessorContext) {
  return async (job: Job<AirSupplyJobData>): Promise<AirSupplyJobResult> => {
    const instruments = jobInstruments(context, job);
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
      const output = runAirSupplyStage(
        room,
        candidates.map(
          ({ worker: _worker, ...candidate }: LightCandidate & { worker?: string }) => candidate,
        ),
        instruments,
        context.solver ? { solver: context.solver } : {},
      );
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
        context.metrics?.runs.inc({ status: 'failed' });
        await job.log(error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}

/** Processes the root job: places smoke detectors and returns the run's result (RULES §5). */
export function createSmokeDetectorJobProcessor(context: ProcessorContext) {
  return async (job: Job<RunJobData>): Promise<QueuedRunResult> => {
    const instruments = jobInstruments(context, job);
    const room = decodeJobRoom(job.data);
    const [air] = Object.values(await job.getChildrenValues<AirSupplyJobResult>());
    if (!air) throw new UnrecoverableError('the air-supply stage left no result');
    const result = runSmokeDetectorStage(
      room,
      air,
      { runId: job.data.runId, ...(context.solver ? { solver: context.solver } : {}) },
      instruments,
    );
    const durationMs = Date.now() - job.timestamp;
    context.metrics?.runs.inc({ status: 'completed' });
    context.metrics?.runDuration.observe(durationMs / 1000);
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

/**
 * The instruments of one job: its log lines carry the run id, the job id and, for a run
 * triggered over HTTP, the request id (`X-Request-Id`), so one grep follows a request from the
 * API's access log through every worker that computed its run.
 */
function jobInstruments(
  context: ProcessorContext,
  job: Job<{ runId: string; requestId?: string }>,
): ProcessorContext {
  if (!context.logger) return context;
  const { runId, requestId } = job.data;
  return {
    ...context,
    logger: context.logger.child({ runId, jobId: job.id, ...(requestId !== undefined ? { requestId } : {}) }),
  };
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
  return async (job: Job): Promise<AirSupplyJobResult | QueuedRunResult> => {
    if (job.name === JobName.airSupply) return airSupply(job);
    if (job.name === JobName.smokeDetectors) return smokeDetectors(job);
    throw new UnrecoverableError(`the placement worker does not know job ${JSON.stringify(job.name)}`);
  };
}
