import {
  envInteger,
  LIGHTS_QUEUE,
  loadConfigOrExit,
  PLACEMENT_QUEUE,
  startWorkerService,
  workerEnvSchema,
} from '@ceiling-grid/queue';
import { z } from 'zod';
import { createNoopLightProcessor, createNoopPlacementProcessor } from './noop-processors.js';

/**
 * A worker process of the benchmark's queue-limit phase: the real worker service (same
 * BullMQ worker settings, ops server, logger, shutdown) on queue `lights` or `placement`, with
 * processors that do nothing but the queue's own work. Reads the same concurrency and port
 * variables as the real worker of that queue.
 */
const config = loadConfigOrExit(
  workerEnvSchema.extend({
    BENCH_NOOP_QUEUE: z.enum([LIGHTS_QUEUE, PLACEMENT_QUEUE]),
    LIGHT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
    LIGHT_WORKER_METRICS_PORT: envInteger(9101, 0, 65_535),
    PLACEMENT_WORKER_CONCURRENCY: envInteger(2, 1, 64),
    PLACEMENT_WORKER_METRICS_PORT: envInteger(9102, 0, 65_535),
  }),
  'noop-worker',
);

const lights = config.BENCH_NOOP_QUEUE === LIGHTS_QUEUE;
await startWorkerService({
  service: lights ? 'noop-light-worker' : 'noop-placement-worker',
  queue: config.BENCH_NOOP_QUEUE,
  config,
  concurrency: lights ? config.LIGHT_WORKER_CONCURRENCY : config.PLACEMENT_WORKER_CONCURRENCY,
  metricsPort: lights ? config.LIGHT_WORKER_METRICS_PORT : config.PLACEMENT_WORKER_METRICS_PORT,
  processor: ({ worker }) =>
    lights ? createNoopLightProcessor(worker) : createNoopPlacementProcessor(worker),
});
