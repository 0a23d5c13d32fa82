import type { Server } from 'node:http';
import type { SolverBudget } from '@ceiling-grid/core';
import { startOpsServer } from '@ceiling-grid/http-kit';
import { createLogger, type Logger, PipelineMetrics } from '@ceiling-grid/observability';
import { type Job, MetricsTime, Worker } from 'bullmq';
import type { z } from 'zod';
import { onShutdownSignal } from './graceful-shutdown.js';
import { createRedisConnection } from './redis-connection.js';
import { redisHealth } from './redis-health.js';
import { type CommonConfig, commonEnvSchema, envInteger } from './service-config.js';
import { StageThreadPool } from './stage-thread-pool.js';
import { workerIdentity } from './worker-identity.js';

/** Settings every worker reads, besides its concurrency and port. */
export const workerEnvSchema = commonEnvSchema.extend({
  /**
   * How long a job's lock lasts without renewal; a killed worker's jobs come back after about
   * this long. Renewal runs on a timer, which cannot fire while a stage computes, so the lock
   * must outlast the longest stretch a process spends computing (a 500×500 room, two jobs
   * back to back at concurrency 2): see docs/RELIABILITY.md for the measurements.
   */
  WORKER_LOCK_DURATION_MS: envInteger(10_000, 1_000, 600_000),
  /** How often workers look for jobs whose lock expired; cheap, so short: it adds to the comeback time. */
  WORKER_STALLED_INTERVAL_MS: envInteger(2_000, 500, 600_000),
  /** Stalls a job may have before it fails for good. */
  WORKER_MAX_STALLED_COUNT: envInteger(2, 0, 100),
  /**
   * Wall-clock cap of each exact solve (one per light job, one per placement stage), ms. Keep
   * it well under the lock duration: the lock cannot be renewed while a solve computes.
   */
  SOLVER_TIME_LIMIT_MS: envInteger(5_000, 10, 60_000),
  /**
   * Rooms with at least this many tiles compute in a worker thread, so lock renewal, /healthz
   * and SIGTERM stay prompt while they do; smaller rooms compute inline, where a thread costs
   * more than it saves. 0 keeps every room inline.
   */
  WORKER_THREAD_MIN_TILES: envInteger(40_000, 0, 250_000),
  /**
   * Niceness of those threads, 0 to 19: above 0 the compute yields to the main thread, so
   * /healthz and lock renewal answer promptly on a busy host (docs/BENCHMARKS.md "Event loop").
   */
  WORKER_THREAD_NICENESS: envInteger(0, 0, 19),
});

/** Settings of the light worker (queue `lights`): its concurrency and metrics port. */
export const lightWorkerEnvSchema = workerEnvSchema.extend({
  LIGHT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
  LIGHT_WORKER_METRICS_PORT: envInteger(9101, 0, 65_535),
});

/** Settings of the placement worker (queue `placement`): its concurrency and metrics port. */
export const placementWorkerEnvSchema = workerEnvSchema.extend({
  PLACEMENT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
  PLACEMENT_WORKER_METRICS_PORT: envInteger(9102, 0, 65_535),
});

/** Options of {@link startWorkerService}. */
export interface WorkerServiceOptions {
  service: string;
  queue: string;
  config: CommonConfig & z.output<typeof workerEnvSchema>;
  concurrency: number;
  metricsPort: number;
  /** Builds the job processor from the service's logger, metrics and identity. */
  processor: (context: {
    logger: Logger;
    metrics: PipelineMetrics;
    worker: string;
    solver: Partial<SolverBudget>;
    threads?: StageThreadPool;
  }) => (job: Job) => Promise<unknown>;
}

/** A running worker service. */
export interface WorkerService {
  readonly worker: Worker;
  readonly server: Server;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * Starts one worker process: a BullMQ worker on its queue, `/healthz` and `/metrics` on the
 * metrics port, JSON logs, and graceful shutdown on SIGTERM (held jobs finish, then exit 0).
 */
export async function startWorkerService(options: WorkerServiceOptions): Promise<WorkerService> {
  const { config } = options;
  const logger = createLogger({ service: options.service, level: config.LOG_LEVEL });
  const metrics = new PipelineMetrics({ service: options.service });
  const identity = workerIdentity();
  const connection = createRedisConnection(config.REDIS_URL, 'worker', `${options.service}:${identity}`);
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const threads =
    config.WORKER_THREAD_MIN_TILES > 0
      ? new StageThreadPool({
          threads: options.concurrency,
          minTiles: config.WORKER_THREAD_MIN_TILES,
          niceness: config.WORKER_THREAD_NICENESS,
        })
      : undefined;
  const worker = new Worker(
    options.queue,
    options.processor({
      logger,
      metrics,
      worker: identity,
      solver: { timeLimitMs: options.config.SOLVER_TIME_LIMIT_MS },
      ...(threads ? { threads } : {}),
    }),
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: options.concurrency,
      name: identity,
      lockDuration: config.WORKER_LOCK_DURATION_MS,
      stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
      // BullMQ's per-minute completed/failed counts, which queue.exportPrometheusMetrics() reads
      // (bullmq_job_completed_total / _failed_total stay 0 without it). One week of minutes.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    },
  );
  worker.on('failed', (job, error) => logger.warn(failedJobFields(job, error), 'job failed'));
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));
  const server = await startOpsServer({
    port: options.metricsPort,
    logger,
    registry: metrics.registry,
    health: async () => ({
      ...(await redisHealth(connection)),
      worker: identity,
      running: worker.isRunning(),
    }),
  });
  logger.info(
    {
      queue: options.queue,
      concurrency: options.concurrency,
      metricsPort: options.metricsPort,
      prefix: config.QUEUE_PREFIX,
      threadMinTiles: config.WORKER_THREAD_MIN_TILES,
    },
    `${options.service} started`,
  );
  const close = async () => {
    await worker.close();
    await threads?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connection.quit().catch(() => connection.disconnect());
  };
  onShutdownSignal(logger, close);
  return { worker, server, logger, close };
}

/** What a failed job's log line says of it: the run, the job, the try and the reason. */
function failedJobFields(job: Job | undefined, error: Error): Record<string, unknown> {
  return {
    runId: (job?.data as { runId?: string } | undefined)?.runId,
    jobId: job?.id,
    queue: job?.queueName,
    name: job?.name,
    attempt: job?.attemptsMade,
    requestId: job?.data?.requestId,
    err: error.message,
  };
}
