/** Queue of the light jobs (RULES §6), one job per light model. */
export const LIGHTS_QUEUE = 'lights';
/** Queue of the air-supply and smoke-detector jobs (RULES §6). */
export const PLACEMENT_QUEUE = 'placement';
/** Queue the daily job scheduler fires into; the scheduler service turns each job into a run flow. */
export const SCHEDULES_QUEUE = 'schedules';
/**
 * Id of the daily job scheduler on {@link SCHEDULES_QUEUE}: fixed, so registering it again
 * replaces it instead of adding one, and the dashboard can show its next run.
 */
export const DAILY_SCHEDULER_ID = 'daily-room-run';

/** Job names of a run flow. */
export const JobName = {
  smokeDetectors: 'smoke-detectors',
  airSupply: 'air-supply',
  /** Light jobs are named after their model: `light:lumen-array`. */
  lightPrefix: 'light:',
  dailyRun: 'daily-run',
  /** A floor's parent job: its children are the runs of its rooms. */
  floor: 'floor',
} as const;

/** The job ids of one run's flow: deterministic, so a run is read back with direct lookups. */
export function runJobIds(runId: string, lightModels: readonly string[]) {
  return {
    smokeDetectors: runId,
    airSupply: `${runId}.air-supply`,
    lights: Object.fromEntries(lightModels.map((model) => [model, `${runId}.${model}`])) as Record<
      string,
      string
    >,
  };
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` has the shape of a run id (a UUID), so a read with anything else skips Redis. */
export function isRunId(id: string): boolean {
  return RUN_ID.test(id);
}
