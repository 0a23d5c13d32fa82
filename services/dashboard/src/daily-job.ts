import { DAILY_SCHEDULER_ID } from '@ceiling-grid/queue';
import { Job, type Queue } from 'bullmq';

/** The daily job as the runs page shows it. */
export interface DailyJobInfo {
  /** Next time it fires, ISO 8601. */
  readonly next?: string;
  /** Cron pattern and its time zone. */
  readonly pattern?: string;
  readonly tz?: string;
  /** The room file it runs. */
  readonly roomPath?: string;
}

/** The scheduler's daily job scheduler (DAILY_CRON), or `undefined` when it is off or never registered. */
export async function readDailyJob(schedules: Queue): Promise<DailyJobInfo | undefined> {
  const scheduler = await schedules.getJobScheduler(DAILY_SCHEDULER_ID);
  if (!scheduler) return undefined;
  const roomPath = (scheduler.template?.data as { roomPath?: unknown } | undefined)?.roomPath;
  return {
    ...(scheduler.next !== undefined ? { next: new Date(scheduler.next).toISOString() } : {}),
    ...(scheduler.pattern ? { pattern: scheduler.pattern } : {}),
    ...(scheduler.tz ? { tz: scheduler.tz } : {}),
    ...(typeof roomPath === 'string' ? { roomPath } : {}),
  };
}

/**
 * Runs the daily job now: adds one job like those the scheduler fires (same name, data and
 * options), which the scheduler's worker turns into a run, then waits up to `waitMs` for the
 * run id it returns. `undefined` when no daily job is registered; `{ runId: undefined }` when
 * the job was added but has not produced its run yet (the scheduler is busy or down).
 */
export async function runDailyJobNow(
  schedules: Queue,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<{ jobId: string; runId?: string } | undefined> {
  const scheduler = await schedules.getJobScheduler(DAILY_SCHEDULER_ID);
  if (!scheduler?.template) return undefined;
  const { data, opts } = scheduler.template;
  const job = await schedules.add(scheduler.name, data ?? {}, { ...(opts ?? {}) });
  const jobId = job.id ?? '';
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  while (Date.now() < deadline) {
    const now = await Job.fromId<unknown, { runId?: string }>(schedules, jobId);
    if (now?.returnvalue?.runId) return { jobId, runId: now.returnvalue.runId };
    if (now?.finishedOn && now.failedReason) return { jobId };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  return { jobId };
}
