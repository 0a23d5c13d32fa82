import { type RunService, SCHEDULES_QUEUE } from '@ceiling-grid/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** The queues Bull Board shows and `/metrics` counts, and how to close what was opened here. */
export interface DashboardQueues {
  readonly queues: readonly Queue[];
  /** The `schedules` queue among them: the daily job's next run, and "Run now". */
  readonly schedules: Queue;
  /** Closes the queues opened here; the run service's stay its own. */
  close(): Promise<void>;
}

/**
 * Every queue of the system on one prefix: the run flow's (`lights`, `placement`) and the
 * `schedules` queue the scheduler's daily job fires into, so a daily firing that failed is
 * seen in Bull Board and counted in `bullmq_job_count` like any job.
 */
export function dashboardQueues(
  runs: RunService,
  options: { connection: Redis; prefix: string },
): DashboardQueues {
  const schedules = new Queue(SCHEDULES_QUEUE, { connection: options.connection, prefix: options.prefix });
  return { queues: [...runs.queues, schedules], schedules, close: () => schedules.close() };
}
