import { PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { lightsSpan, readRunJobTimes } from './harness/run-jobs.js';
import { median } from './harness/stats.js';

/** One run as the harness saw it, in wall-clock ms (the clock the job timestamps use). */
export interface RunRecord {
  readonly runId: string;
  readonly triggeredAt: number;
  readonly readAt: number;
}

/**
 * Where one run's latency goes, from its jobs' own timestamps (ms, medians over the runs):
 * the segments add up to the trigger-to-result latency.
 */
export interface RunTimeline {
  readonly runs: number;
  /** Trigger to the flow being in Redis (the HTTP request and the scheduler, for API runs). */
  readonly triggerToAdded: number;
  /** Flow added to the first light job starting (queue hop). */
  readonly addedToLightsStart: number;
  /** First light job start to last light job end (all three models, one process). */
  readonly lights: number;
  /** Last light job end to the air-supply job starting (queue hop). */
  readonly lightsToAirSupply: number;
  readonly airSupply: number;
  /** Air-supply end to the root job starting (queue hop). */
  readonly airSupplyToRoot: number;
  readonly root: number;
  /** Root end to the harness having read the result (event, read-back). */
  readonly rootToRead: number;
  /** Trigger to result read. */
  readonly total: number;
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
  const segments: Record<Exclude<keyof RunTimeline, 'runs' | 'modelsMs'>, number[]> = {
    triggerToAdded: [],
    addedToLightsStart: [],
    lights: [],
    lightsToAirSupply: [],
    airSupply: [],
    airSupplyToRoot: [],
    root: [],
    rootToRead: [],
    total: [],
  };
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
    const { root, airSupply: air } = run;
    const { start: lightsStart, end: lightsEnd } = lightsSpan(run);
    segments.triggerToAdded.push(root.timestamp - record.triggeredAt);
    segments.addedToLightsStart.push(lightsStart - root.timestamp);
    segments.lights.push(lightsEnd - lightsStart);
    segments.lightsToAirSupply.push(air.processedOn - lightsEnd);
    segments.airSupply.push(air.finishedOn - air.processedOn);
    segments.airSupplyToRoot.push(root.processedOn - air.finishedOn);
    segments.root.push(root.finishedOn - root.processedOn);
    segments.rootToRead.push(record.readAt - root.finishedOn);
    segments.total.push(record.readAt - record.triggeredAt);
    if (modelTimes) await recordModelTimes(record.runId);
  }
  const medians = Object.fromEntries(
    Object.entries(segments).map(([name, values]) => [name, median(values)]),
  ) as Omit<RunTimeline, 'runs' | 'modelsMs'>;
  const modelsMs =
    models.lights.length > 0
      ? {
          lights: median(models.lights),
          airSupply: median(models.airSupply),
          smokeDetectors: median(models.smokeDetectors),
        }
      : undefined;
  return { runs: segments.total.length, ...medians, ...(modelsMs ? { modelsMs } : {}) };
}
