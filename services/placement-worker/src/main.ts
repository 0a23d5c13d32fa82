import {
  createPlacementJobProcessor,
  envInteger,
  loadConfigOrExit,
  PLACEMENT_QUEUE,
  startWorkerService,
  workerEnvSchema,
} from '@ceiling-grid/queue';

/** Placement worker: runs the air-supply and smoke-detector jobs of queue `placement`. */
const config = loadConfigOrExit(
  workerEnvSchema.extend({
    PLACEMENT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
    PLACEMENT_WORKER_METRICS_PORT: envInteger(9102, 0, 65_535),
  }),
  'placement-worker',
);

await startWorkerService({
  service: 'placement-worker',
  queue: PLACEMENT_QUEUE,
  config,
  concurrency: config.PLACEMENT_WORKER_CONCURRENCY,
  metricsPort: config.PLACEMENT_WORKER_METRICS_PORT,
  processor: createPlacementJobProcessor,
});
