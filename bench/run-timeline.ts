import { PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { type RunSegments, readRunJobTimes, runSegments } from './harness/run-jobs.js';
import { median } from './harness/stats.js';

/** One run as the harness saw it, in wall-clock ms (the clock the job timestamps use). */
export interface RunRecord {
  readonly runId: string;
  readonly triggeredAt: number;
  readonly readAt: number;
}

/** Where the latency of a batch of runs goes: the median of each segment over the runs. */
export interface RunTimeline extends RunSegments {
  readonly runs: number;
  /**
   * The models' own time as the run's result reports it (`durationMs` of each stage, measured
   * in the worker around the placement call, the checks left out; sub-millisecond): the three
   * light models summed, air supply, smoke detectors. Absent for no-op runs, which place nothing,
   * and for replayed ones, whose results are recorded.
   */
  readonly modelsMs?: {
    readonly lights: number;
    readonly airSupply: number;
    readonly smokeDetectors: number;
  };
}

/** The stage times a run's result carries (RULES §5 `stages`), where it has them. */
interface ReportedStages {
  readonly stages?: {
    readonly lights?: { readonly candidates?: readonly { readonly durationMs?: number }[] };
    readonly airSupply?: { readonly durationMs?: number };
    readonly smokeDetectors?: { readonly durationMs?: number };
  };
}

/**
 * Reads the five jobs of each run and reports the median of each segment of its latency, and
 * with `modelTimes` the models' own time from each run's result (only real runs computed theirs).
 */
export async function runTimeline(
  redis: Redis,
  prefix: string,
  records: readonly RunRecord[],
  modelTimes: boolean,
): Promise<RunTimeline> {
  const measured: RunSegments[] = [];
  const models = { lights: [] as number[], airSupply: [] as number[], smokeDetectors: [] as number[] };
  const recordModelTimes = async (rootId: string) => {
    const text = await redis.hget(`${prefix}:${PLACEMENT_QUEUE}:${rootId}`, 'returnvalue');
    const stages = text ? (JSON.parse(text) as ReportedStages).stages : undefined;
    const candidates = stages?.lights?.candidates ?? [];
    const air = stages?.airSupply?.durationMs;
    const smoke = stages?.smokeDetectors?.durationMs;
    if (candidates.length === 0 || air === undefined || smoke === undefined) return;
    models.lights.push(candidates.reduce((sum, c) => sum + (c.durationMs ?? 0), 0));
    models.airSupply.push(air);
    models.smokeDetectors.push(smoke);
  };
  for (const record of records) {
    const run = await readRunJobTimes(redis, prefix, record.runId);
    if (!run) continue;
    measured.push(runSegments(run, record.triggeredAt, record.readAt));
    if (modelTimes) await recordModelTimes(record.runId);
  }
  const keys = Object.keys(runSegments(EMPTY_RUN, 0, 0)) as (keyof RunSegments)[];
  const medians = Object.fromEntries(
    keys.map((key) => [key, median(measured.map((segments) => segments[key]))]),
  ) as unknown as RunSegments;
  const modelsMs =
    models.lights.length > 0
      ? {
          lights: median(models.lights),
          airSupply: median(models.airSupply),
          smokeDetectors: median(models.smokeDetectors),
        }
      : undefined;
  return { runs: measured.length, ...medians, ...(modelsMs ? { modelsMs } : {}) };
}

/** A run with every timestamp at 0: names the segments when no run was read. */
const EMPTY_JOB = { timestamp: 0, processedOn: 0, finishedOn: 0, attempts: 0 };
const EMPTY_RUN = { root: EMPTY_JOB, airSupply: EMPTY_JOB, lights: [EMPTY_JOB] };
