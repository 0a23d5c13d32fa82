import type { Room } from '@ceiling-grid/core';
import { serveHttpApp } from '@ceiling-grid/http-kit';
import { createLogger } from '@ceiling-grid/observability';
import {
  createRedisConnection,
  FloorService,
  loadConfigOrExit,
  loadRoomFile,
  onShutdownSignal,
  RunService,
  workerIdentity,
} from '@ceiling-grid/queue';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createDashboardApp } from './create-dashboard-app.js';
import { dashboardEnvSchema } from './dashboard-config.js';
import { dashboardQueues } from './dashboard-queues.js';
import { LiveEvents } from './live-events.js';

/** Dashboard: Bull Board and the run viewer, behind basic auth. */
const config = loadConfigOrExit(dashboardEnvSchema, 'dashboard');
const logger = createLogger({ service: 'dashboard', level: config.LOG_LEVEL });

let sampleRoom: Room;
try {
  sampleRoom = await loadRoomFile(config.SAMPLE_GRID_PATH);
} catch (error) {
  process.stderr.write(`dashboard: invalid configuration: SAMPLE_GRID_PATH ${(error as Error).message}\n`);
  process.exit(1);
}

const registry = new Registry();
registry.setDefaultLabels({ service: 'dashboard' });
collectDefaultMetrics({ register: registry });

const connection = createRedisConnection(config.REDIS_URL, 'request', `dashboard:${workerIdentity()}`);
connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
const runs = new RunService({
  connection,
  prefix: config.QUEUE_PREFIX,
  resultTtlDays: config.RESULT_TTL_DAYS,
  flow: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
});
const floors = new FloorService({
  connection,
  prefix: config.QUEUE_PREFIX,
  resultTtlDays: config.RESULT_TTL_DAYS,
  flow: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
});
// The live pages' one reader of the queues' event streams (blocking reads: its own connection).
const eventsConnection = createRedisConnection(
  config.REDIS_URL,
  'worker',
  `dashboard-events:${workerIdentity()}`,
);
eventsConnection.on('error', (error) =>
  logger.debug({ err: error.message }, 'redis events connection error'),
);
const live = new LiveEvents({ connection: eventsConnection, prefix: config.QUEUE_PREFIX, logger });

const shown = dashboardQueues(runs, { connection, prefix: config.QUEUE_PREFIX });

// Without a listener BullMQ prints each queue's connection error to the console; the
// connection's listener above already logs it once as JSON.
for (const queue of [...shown.queues, ...floors.queues]) {
  queue.on('error', (error) => logger.debug({ err: error.message, queue: queue.name }, 'queue error'));
}

const app = createDashboardApp({
  runs,
  floors,
  live,
  schedules: shown.schedules,
  queues: shown.queues,
  connection,
  logger,
  registry,
  sampleRoom,
  samplePath: config.SAMPLE_GRID_PATH,
  auth: { user: config.DASHBOARD_USER, password: config.DASHBOARD_PASSWORD },
  readOnly: config.DASHBOARD_READ_ONLY,
  title: config.DASHBOARD_TITLE,
  maxBodyBytes: config.MAX_BODY_BYTES,
  maxFloorBodyBytes: config.FLOOR_MAX_BODY_BYTES,
  trustProxy: config.TRUST_PROXY,
});
const served = serveHttpApp(app, {
  port: config.DASHBOARD_PORT,
  logger,
  service: 'dashboard',
  details: { prefix: config.QUEUE_PREFIX, readOnly: config.DASHBOARD_READ_ONLY, user: config.DASHBOARD_USER },
});

onShutdownSignal(logger, async () => {
  // The live pages' streams stay open until ended; their browsers reconnect to another replica.
  await live.close();
  await served.close();
  await Promise.all([runs.close(), floors.close(), shown.close()]);
  await eventsConnection.quit().catch(() => eventsConnection.disconnect());
  await connection.quit().catch(() => connection.disconnect());
});
