import { LIGHT_MODEL_NAMES, type LightModelName, type Room } from '@ceiling-grid/core';
import type { FlowJob, JobsOptions } from 'bullmq';
import { JobName, LIGHTS_QUEUE, PLACEMENT_QUEUE, runJobIds } from './queue-names.js';
import { type EncodedRoom, encodeRoom } from './room-codec.js';

/** Where a run came from. */
export type RunSource = 'api' | 'daily' | 'dashboard' | 'bench';

/** What every job of a run carries. */
interface RunJobBasics {
  readonly runId: string;
  readonly room: EncodedRoom;
  /** `X-Request-Id` of the HTTP request that triggered the run, so workers can log it. */
  readonly requestId?: string;
}

/** Data of the root (`smoke-detectors`) job. */
export interface RunJobData extends RunJobBasics {
  readonly source: RunSource;
  /** The floor run this run belongs to, for a room of a floor. */
  readonly floorRunId?: string;
}

/** Data of a light job. */
export interface LightJobData extends RunJobBasics {
  readonly model: LightModelName;
}

/** Data of the air-supply job. */
export type AirSupplyJobData = RunJobBasics;

/** Options of {@link buildRunFlow}. */
export interface RunFlowOptions {
  /** Queue key prefix; `{…}` keeps one flow's keys in one Redis Cluster slot. Default `{ceiling-grid}`. */
  prefix?: string;
  /** Tries per job before it fails for good. Default 3. */
  attempts?: number;
  /** First retry delay; doubles each try. Default 1000 ms. */
  backoffMs?: number;
  /** How long finished runs stay readable. Default 7 days. */
  resultTtlDays?: number;
  /** Light models to run. Default all three. */
  lightModels?: readonly LightModelName[];
  /** Where the run came from. Default `api`. */
  source?: RunSource;
  /** The floor run the run belongs to, if any. */
  floorRunId?: string;
  /** The triggering request's id, carried in every job's data. */
  requestId?: string;
}

const DAY_SECONDS = 86_400;
/**
 * Light jobs are also capped by count: the root's result repeats what they return, so their own
 * details may go first. Only on the `lights` queue: BullMQ trims a queue's whole finished set with
 * the finishing job's options, so a count cap on an air-supply job would trim run results too.
 */
const LIGHT_JOBS_KEPT = 20_000;

/**
 * The flow of one run (RULES §6): `smoke-detectors` (root, its id is the run id) ←
 * `air-supply` ← one light job per model. Light jobs ignore their own failure so one broken
 * model does not sink the run; the air-supply job fails its parent, so a run with no light
 * layout fails with the reason.
 */
export function buildRunFlow(runId: string, room: Room, options: RunFlowOptions = {}): FlowJob {
  const prefix = options.prefix ?? '{ceiling-grid}';
  const models = options.lightModels ?? LIGHT_MODEL_NAMES;
  const ids = runJobIds(runId, models);
  const basics: RunJobBasics = {
    runId,
    room: encodeRoom(room),
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
  };
  const ttlSeconds = (options.resultTtlDays ?? 7) * DAY_SECONDS;
  const retry: JobsOptions = {
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
  };
  // Every job of the `placement` queue keeps the same age-only retention as the run results it holds.
  const placementRetention: JobsOptions = {
    removeOnComplete: { age: ttlSeconds },
    removeOnFail: { age: ttlSeconds },
  };
  const lightRetention: JobsOptions = {
    removeOnComplete: { age: ttlSeconds, count: LIGHT_JOBS_KEPT },
    removeOnFail: { age: ttlSeconds, count: LIGHT_JOBS_KEPT },
  };
  return {
    name: JobName.smokeDetectors,
    queueName: PLACEMENT_QUEUE,
    prefix,
    data: {
      ...basics,
      source: options.source ?? 'api',
      ...(options.floorRunId ? { floorRunId: options.floorRunId } : {}),
    } satisfies RunJobData,
    opts: { ...retry, ...placementRetention, jobId: ids.smokeDetectors },
    children: [
      {
        name: JobName.airSupply,
        queueName: PLACEMENT_QUEUE,
        prefix,
        data: basics satisfies AirSupplyJobData,
        opts: { ...retry, ...placementRetention, jobId: ids.airSupply, failParentOnFailure: true },
        children: models.map((model) => ({
          name: `${JobName.lightPrefix}${model}`,
          queueName: LIGHTS_QUEUE,
          prefix,
          data: { ...basics, model } satisfies LightJobData,
          opts: { ...retry, ...lightRetention, jobId: ids.lights[model], ignoreDependencyOnFailure: true },
        })),
      },
    ],
  };
}
