import type { Room } from '@ceiling-grid/core';
import { serveHttpApp } from '@ceiling-grid/http-kit';
import { createLogger } from '@ceiling-grid/observability';
import {
  createRedisConnection,
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

const shown = dashboardQueues(runs, { connection, prefix: config.QUEUE_PREFIX });

// Without a listener BullMQ prints each queue's connection error to the console; the
// connection's listener above already logs it once as JSON.
for (const queue of shown.queues) {
  queue.on('error', (error) => logger.debug({ err: error.message, queue: queue.name }, 'queue error'));
}

const app = createDashboardApp({
  runs,
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
  trustProxy: config.TRUST_PROXY,
});
const served = serveHttpApp(app, {
  port: config.DASHBOARD_PORT,
  logger,
  service: 'dashboard',
  details: { prefix: config.QUEUE_PREFIX, readOnly: config.DASHBOARD_READ_ONLY, user: config.DASHBOARD_USER },
});

onShutdownSignal(logger, async () => {
  await served.close();
  await Promise.all([runs.close(), shown.close()]);
  await connection.quit().catch(() => connection.disconnect());
});
