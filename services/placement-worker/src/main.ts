import {
  createPlacementJobProcessor,
  loadConfigOrExit,
  PLACEMENT_QUEUE,
  placementWorkerEnvSchema,
  startWorkerService,
} from '@ceiling-grid/queue';

/** Placement worker: runs the air-supply and smoke-detector jobs of queue `placement`. */
const config = loadConfigOrExit(placementWorkerEnvSchema, 'placement-worker');

await startWorkerService({
  service: 'placement-worker',
  queue: PLACEMENT_QUEUE,
  config,
  concurrency: config.PLACEMENT_WORKER_CONCURRENCY,
  metricsPort: config.PLACEMENT_WORKER_METRICS_PORT,
  processor: createPlacementJobProcessor,
});
