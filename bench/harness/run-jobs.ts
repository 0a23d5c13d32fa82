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

/**
 * Where one run's latency goes, from its jobs' own timestamps (wall-clock ms): the segments add
 * up to the trigger-to-result latency.
 */
export interface RunSegments {
  /** Trigger to the flow being in Redis (the HTTP request and the scheduler, for API runs). */
  readonly triggerToAdded: number;
  /** Flow added to the first light job starting (queue hop). */
  readonly addedToLightsStart: number;
  /** First light job start to last light job end (all three models). */
  readonly lights: number;
  /** Last light job end to the air-supply job starting (queue hop). */
  readonly lightsToAirSupply: number;
  readonly airSupply: number;
  /** Air-supply end to the root job starting (queue hop). */
  readonly airSupplyToRoot: number;
  readonly root: number;
  /** Root end to the result having been read (event, read-back). */
  readonly rootToRead: number;
  /** Trigger to result read. */
  readonly total: number;
}

/** The segments of one run triggered at `triggeredAt` whose result was read at `readAt`. */
export function runSegments(run: RunJobTimes, triggeredAt: number, readAt: number): RunSegments {
  const { root, airSupply: air } = run;
  const lights = {
    start: Math.min(...run.lights.map((job) => job.processedOn)),
    end: Math.max(...run.lights.map((job) => job.finishedOn)),
  };
  return {
    triggerToAdded: root.timestamp - triggeredAt,
    addedToLightsStart: lights.start - root.timestamp,
    lights: lights.end - lights.start,
    lightsToAirSupply: air.processedOn - lights.end,
    airSupply: air.finishedOn - air.processedOn,
    airSupplyToRoot: root.processedOn - air.finishedOn,
    root: root.finishedOn - root.processedOn,
    rootToRead: readAt - root.finishedOn,
    total: readAt - triggeredAt,
  };
}

/** How many attempts a run's jobs took in all (more than 5: a retry or a stall). */
export function attempts(run: RunJobTimes): number {
  return [run.root, run.airSupply, ...run.lights].reduce((sum, job) => sum + job.attempts, 0);
}
