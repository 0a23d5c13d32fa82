import { serveHttpApp } from '@ceiling-grid/http-kit';
import { createLogger, PipelineMetrics } from '@ceiling-grid/observability';
import {
  createRedisConnection,
  FloorService,
  loadConfigOrExit,
  loadRoomFile,
  onShutdownSignal,
  RunService,
  SCHEDULES_QUEUE,
  workerIdentity,
} from '@ceiling-grid/queue';
import { Queue, Worker } from 'bullmq';
import { createSchedulerApp } from './create-scheduler-app.js';
import { createDailyRunProcessor, registerDailySchedule } from './daily-schedule.js';
import { schedulerEnvSchema } from './scheduler-config.js';

/** Scheduler: the REST API that triggers and reads runs, and the daily job scheduler. */
const config = loadConfigOrExit(schedulerEnvSchema, 'scheduler');
const logger = createLogger({ service: 'scheduler', level: config.LOG_LEVEL });
const metrics = new PipelineMetrics({ service: 'scheduler' });

let sampleRoom: Awaited<ReturnType<typeof loadRoomFile>>;
try {
  sampleRoom = await loadRoomFile(config.SAMPLE_GRID_PATH);
  await loadRoomFile(config.DAILY_GRID_PATH);
} catch (error) {
  process.stderr.write(`scheduler: invalid configuration: ${(error as Error).message}\n`);
  process.exit(1);
}

const requests = createRedisConnection(config.REDIS_URL, 'request', `scheduler:${workerIdentity()}`);
const background = createRedisConnection(
  config.REDIS_URL,
  'worker',
  `scheduler-schedules:${workerIdentity()}`,
);
for (const connection of [requests, background]) {
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
}
const runs = new RunService({
  connection: requests,
  prefix: config.QUEUE_PREFIX,
  resultTtlDays: config.RESULT_TTL_DAYS,
  flow: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
});
const floors = new FloorService({
  connection: requests,
  prefix: config.QUEUE_PREFIX,
  resultTtlDays: config.RESULT_TTL_DAYS,
  flow: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
});

const schedules = new Queue(SCHEDULES_QUEUE, { connection: background, prefix: config.QUEUE_PREFIX });
await registerDailySchedule(schedules, {
  enabled: config.DAILY_ENABLED,
  cron: config.DAILY_CRON,
  roomPath: config.DAILY_GRID_PATH,
  resultTtlDays: config.RESULT_TTL_DAYS,
});
const dailyWorker = new Worker(SCHEDULES_QUEUE, createDailyRunProcessor(runs), {
  connection: background,
  prefix: config.QUEUE_PREFIX,
  name: workerIdentity(),
});
dailyWorker.on('failed', (job, error) =>
  logger.error({ jobId: job?.id, err: error.message }, 'daily run failed'),
);
// BullMQ prints an unheard 'error' to stderr as a raw stack trace; while Redis is away that
// would be every reconnect attempt, outside the JSON log. The connections log it already.
const logQueueError = (error: Error) => logger.debug({ err: error.message }, 'queue error');
for (const queue of [...runs.queues, ...floors.queues, schedules]) queue.on('error', logQueueError);
dailyWorker.on('error', logQueueError);

const app = createSchedulerApp({
  runs,
  floors,
  connection: requests,
  logger,
  registry: metrics.registry,
  sampleRoom,
  apiToken: config.API_AUTH_DISABLED ? undefined : config.API_TOKEN,
  maxBodyBytes: config.MAX_BODY_BYTES,
  maxFloorBodyBytes: config.FLOOR_MAX_BODY_BYTES,
  triggerRateLimitPerMinute: config.TRIGGER_RATE_LIMIT_PER_MINUTE,
  trustProxy: config.TRUST_PROXY,
});
const served = serveHttpApp(app, {
  port: config.SCHEDULER_PORT,
  logger,
  service: 'scheduler',
  details: {
    prefix: config.QUEUE_PREFIX,
    daily: config.DAILY_ENABLED ? `${config.DAILY_CRON} UTC on ${config.DAILY_GRID_PATH}` : 'disabled',
    auth: config.API_AUTH_DISABLED ? 'disabled' : 'bearer token',
    trustProxy: config.TRUST_PROXY,
  },
});

onShutdownSignal(logger, async () => {
  await served.close();
  await dailyWorker.close();
  await Promise.all([schedules.close(), runs.close(), floors.close()]);
  await Promise.all([
    requests.quit().catch(() => requests.disconnect()),
    background.quit().catch(() => background.disconnect()),
  ]);
});
