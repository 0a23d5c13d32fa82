import {
  LIGHTS_QUEUE,
  lightWorkerEnvSchema,
  loadConfigOrExit,
  PLACEMENT_QUEUE,
  placementWorkerEnvSchema,
  startWorkerService,
} from '@ceiling-grid/queue';
import { z } from 'zod';
import { createNoopLightProcessor, createNoopPlacementProcessor } from './noop-processors.js';
import { createReplayLightProcessor, createReplayPlacementProcessor } from './replay-processors.js';

/**
 * A worker process of the benchmark with stand-in processors: the real worker service (same
 * BullMQ worker settings, ops server, logger, shutdown) on queue `lights` or `placement`, with
 * the no-op processors (the queue limit) or the replay ones (the real processors' queue work
 * without their compute). Reads the same concurrency and port variables as the real worker of
 * that queue.
 */
const config = loadConfigOrExit(
  lightWorkerEnvSchema.extend(placementWorkerEnvSchema.shape).extend({
    BENCH_QUEUE: z.enum([LIGHTS_QUEUE, PLACEMENT_QUEUE]),
    BENCH_PROCESSORS: z.enum(['noop', 'replay']),
  }),
  'stand-in-worker',
);

const lights = config.BENCH_QUEUE === LIGHTS_QUEUE;
const replay = config.BENCH_PROCESSORS === 'replay';
await startWorkerService({
  service: `${config.BENCH_PROCESSORS}-${lights ? 'light' : 'placement'}-worker`,
  queue: config.BENCH_QUEUE,
  config,
  concurrency: lights ? config.LIGHT_WORKER_CONCURRENCY : config.PLACEMENT_WORKER_CONCURRENCY,
  metricsPort: lights ? config.LIGHT_WORKER_METRICS_PORT : config.PLACEMENT_WORKER_METRICS_PORT,
  processor: (context) => {
    if (replay) return lights ? createReplayLightProcessor(context) : createReplayPlacementProcessor(context);
    return lights ? createNoopLightProcessor(context.worker) : createNoopPlacementProcessor(context.worker);
  },
});
