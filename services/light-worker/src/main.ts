import {
  createLightJobProcessor,
  envInteger,
  LIGHTS_QUEUE,
  loadConfigOrExit,
  startWorkerService,
  workerEnvSchema,
} from '@ceiling-grid/queue';

/** Light worker: runs the light-placement models of queue `lights`. Scale it out with more processes. */
const config = loadConfigOrExit(
  workerEnvSchema.extend({
    LIGHT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
    LIGHT_WORKER_METRICS_PORT: envInteger(9101, 0, 65_535),
  }),
  'light-worker',
);

await startWorkerService({
  service: 'light-worker',
  queue: LIGHTS_QUEUE,
  config,
  concurrency: config.LIGHT_WORKER_CONCURRENCY,
  metricsPort: config.LIGHT_WORKER_METRICS_PORT,
  processor: createLightJobProcessor,
});
