import { LIGHT_MODEL_NAMES } from '@ceiling-grid/core';
import { LIGHTS_QUEUE, PLACEMENT_QUEUE, runJobIds } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';

/** The timestamps BullMQ keeps on a job (wall-clock ms) and how many attempts it took. */
export interface JobTimes {
  /** Added. */
  readonly timestamp: number;
  readonly processedOn: number;
  readonly finishedOn: number;
  readonly attempts: number;
}

/** The five jobs of one run (RULES §6): the root (smoke detectors), air supply, the light models. */
export interface RunJobTimes {
  readonly root: JobTimes;
  readonly airSupply: JobTimes;
  readonly lights: readonly JobTimes[];
}

/**
 * Reads the timestamps of a run's five jobs under `prefix`; `undefined` when one of them has not
 * finished or is gone (retention removed it).
 */
export async function readRunJobTimes(
  redis: Redis,
  prefix: string,
  runId: string,
): Promise<RunJobTimes | undefined> {
  const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
  const read = async (queue: string, id: string): Promise<JobTimes | undefined> => {
    const [timestamp, processedOn, finishedOn, attempts] = await redis.hmget(
      `${prefix}:${queue}:${id}`,
      'timestamp',
      'processedOn',
      'finishedOn',
      'ats',
    );
    if (!finishedOn) return undefined;
    return {
      timestamp: Number(timestamp),
      processedOn: Number(processedOn),
      finishedOn: Number(finishedOn),
      attempts: Number(attempts ?? 0),
    };
  };
  const [root, airSupply, ...lights] = await Promise.all([
    read(PLACEMENT_QUEUE, ids.smokeDetectors),
    read(PLACEMENT_QUEUE, ids.airSupply),
    ...LIGHT_MODEL_NAMES.map((model) => read(LIGHTS_QUEUE, ids.lights[model])),
  ]);
  if (!root || !airSupply || lights.some((job) => !job)) return undefined;
  return { root, airSupply, lights: lights as JobTimes[] };
}

/** When the first light job started and the last one finished. */
export function lightsSpan(run: RunJobTimes): { start: number; end: number } {
  return {
    start: Math.min(...run.lights.map((job) => job.processedOn)),
    end: Math.max(...run.lights.map((job) => job.finishedOn)),
  };
}
