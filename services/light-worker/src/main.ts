import {
  createLightJobProcessor,
  LIGHTS_QUEUE,
  lightWorkerEnvSchema,
  loadConfigOrExit,
  startWorkerService,
} from '@ceiling-grid/queue';

/** Light worker: runs the light-placement models of queue `lights`. Scale it out with more processes. */
const config = loadConfigOrExit(lightWorkerEnvSchema, 'light-worker');

await startWorkerService({
  service: 'light-worker',
  queue: LIGHTS_QUEUE,
  config,
  concurrency: config.LIGHT_WORKER_CONCURRENCY,
  metricsPort: config.LIGHT_WORKER_METRICS_PORT,
  processor: createLightJobProcessor,
});
