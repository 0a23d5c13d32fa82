import { DAILY_SCHEDULER_ID, JobName, loadRoomFile, type RunService } from '@ceiling-grid/queue';
import type { Job, Queue } from 'bullmq';

export { DAILY_SCHEDULER_ID };

/** Options of {@link registerDailySchedule}. */
export interface DailyScheduleOptions {
  enabled: boolean;
  /** Cron pattern, evaluated in UTC. */
  cron: string;
  /** The room the daily run places devices on. */
  roomPath: string;
  resultTtlDays: number;
}

/** Data of each daily job. */
export interface DailyRunJobData {
  readonly roomPath: string;
}

/**
 * Registers (or updates, or removes when disabled) the daily job scheduler. Idempotent: however
 * often the scheduler restarts, one scheduler with this id exists.
 */
export async function registerDailySchedule(queue: Queue, options: DailyScheduleOptions): Promise<void> {
  if (!options.enabled) {
    await queue.removeJobScheduler(DAILY_SCHEDULER_ID);
    return;
  }
  const ttlSeconds = options.resultTtlDays * 86_400;
  await queue.upsertJobScheduler(
    DAILY_SCHEDULER_ID,
    { pattern: options.cron, tz: 'UTC' },
    {
      name: JobName.dailyRun,
      data: { roomPath: options.roomPath } satisfies DailyRunJobData,
      opts: {
        removeOnComplete: { age: ttlSeconds },
        removeOnFail: { age: ttlSeconds },
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
      },
    },
  );
}

/** Turns each daily job into a run flow of the configured room. */
export function createDailyRunProcessor(runs: RunService) {
  return async (job: Job<DailyRunJobData>): Promise<{ runId: string }> => {
    const room = await loadRoomFile(job.data.roomPath);
    // Keyed by the job, so a retried daily job does not start a second run.
    const { runId } = await runs.trigger(room, { source: 'daily', idempotencyKey: `daily:${job.id}` });
    await job.log(`triggered run ${runId} on ${room.roomId}`);
    return { runId };
  };
}
