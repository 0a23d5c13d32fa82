import { JobName, type LightJobData, type RunJobData } from '@ceiling-grid/queue';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * The no-op light processor: no model, no log, no progress; returns a token candidate so the
 * air-supply job has children values to read.
 */
export function createNoopLightProcessor(worker: string) {
  return async (job: Job<LightJobData>) => ({ model: job.data.model, worker });
}

/**
 * The no-op placement processor. It keeps the queue work of the real one and drops the rest:
 * the air-supply job reads its children's values and ignored failures (the same two calls the
 * real processor makes); the root reads the air-supply value. No room decoding, no model, no
 * `job.log`/`updateProgress`. The root returns the smallest result `GET /api/runs/:id` can read.
 */
export function createNoopPlacementProcessor(worker: string) {
  return async (job: Job) => {
    if (job.name === JobName.airSupply) {
      const [values, failures] = await Promise.all([
        job.getChildrenValues<{ model: string; worker: string }>(),
        job.getIgnoredChildrenFailures(),
      ]);
      const arrived = Object.values(values);
      if (arrived.length === 0) {
        throw new UnrecoverableError(`no light value arrived (${Object.keys(failures).length} failed)`);
      }
      return {
        lights: Object.fromEntries(arrived.map((c) => [c.model, c.worker])),
        airSupply: worker,
      };
    }
    if (job.name === JobName.smokeDetectors) {
      const [air] = Object.values(
        await job.getChildrenValues<{ lights: Record<string, string>; airSupply: string }>(),
      );
      if (!air) throw new UnrecoverableError('the air-supply stage left no result');
      const data = job.data as RunJobData;
      return {
        runId: data.runId,
        roomId: data.room.roomId,
        status: 'completed',
        stages: { lights: { selected: null, candidates: [] } },
        compliance: {},
        durationMs: Date.now() - job.timestamp,
        workers: { ...air, smokeDetectors: worker },
      };
    }
    throw new UnrecoverableError(`the no-op placement worker does not know job ${JSON.stringify(job.name)}`);
  };
}
