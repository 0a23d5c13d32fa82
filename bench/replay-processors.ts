import {
  createLightJobProcessor,
  createPlacementJobProcessor,
  JobName,
  type LightJobData,
  type ProcessorContext,
  type RunJobData,
} from '@ceiling-grid/queue';
import type { Job } from 'bullmq';

/** What the first job of a kind returned and logged, replayed for every later one. */
interface Recording {
  readonly result: unknown;
  readonly logLine: string;
}

/**
 * The replay processors: the real processors' queue work without their compute. The first job
 * of each kind (each light model, the air-supply job, the root) runs the real processor; every
 * later one makes the same Redis calls the real one makes (the children reads, `job.log` and
 * `updateProgress`, not awaited) and returns the recorded result (the root's with its own run
 * id and duration). A replayed run so moves the same payloads as a real one; it is slower than
 * a no-op run by what those payloads and records cost, and faster than a real one by what the
 * models compute.
 */
export function createReplayLightProcessor(context: ProcessorContext) {
  const real = createLightJobProcessor(context);
  const recordings = new Map<string, Recording>();
  return async (job: Job<LightJobData>) => {
    const recording = recordings.get(job.data.model);
    if (!recording) return record(job, real, (recorded) => recordings.set(job.data.model, recorded));
    replayRecords(job, recording, context);
    return recording.result;
  };
}

/** The replay processor of queue `placement`; see {@link createReplayLightProcessor}. */
export function createReplayPlacementProcessor(context: ProcessorContext) {
  const real = createPlacementJobProcessor(context);
  const recordings = new Map<string, Recording>();
  return async (job: Job) => {
    const recording = recordings.get(job.name);
    if (!recording) return record(job, real, (recorded) => recordings.set(job.name, recorded));
    if (job.name === JobName.airSupply) {
      await Promise.all([job.getChildrenValues(), job.getIgnoredChildrenFailures()]);
      replayRecords(job, recording, context);
      return recording.result;
    }
    await job.getChildrenValues();
    replayRecords(job, recording, context);
    const data = job.data as RunJobData;
    return { ...(recording.result as object), runId: data.runId, durationMs: Date.now() - job.timestamp };
  };
}

/** Runs the real processor on `job`, keeping what it returned and the line it logged. */
async function record<T>(
  job: Job,
  real: (job: Job) => Promise<T>,
  keep: (recording: Recording) => void,
): Promise<T> {
  let logLine = '';
  const log = job.log.bind(job);
  job.log = (line: string) => {
    logLine = line;
    return log(line);
  };
  const result = await real(job);
  keep({ result, logLine });
  return result;
}

/** The job log line and progress a real processor writes, and as it writes them (not awaited). */
function replayRecords(job: Job, recording: Recording, context: ProcessorContext): void {
  Promise.all([job.log(recording.logLine), job.updateProgress(100)]).catch((error: unknown) =>
    context.logger?.warn({ jobId: job.id, err: (error as Error).message }, 'could not record job log'),
  );
}
