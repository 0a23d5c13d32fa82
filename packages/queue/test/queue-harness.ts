import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRoom, type Room } from '@ceiling-grid/core';
import type { Logger } from '@ceiling-grid/observability';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { deletePrefix } from '../../../test/support/redis-cleanup.js';
import { randomPrefix } from '../../../test/support/service-process.js';
import {
  createLightJobProcessor,
  createPlacementJobProcessor,
  FloorService,
  LIGHTS_QUEUE,
  PLACEMENT_QUEUE,
  RunService,
  type RunView,
  type StageThreadPool,
} from '../src/index.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A sample room of data/rooms, parsed. */
export function sharedRoom(name: string): Room {
  const path = fileURLToPath(new URL(`../../../data/rooms/${name}.json`, import.meta.url));
  return parseRoom(JSON.parse(readFileSync(path, 'utf8')));
}

/** Options of {@link startQueueHarness}. */
export interface QueueHarnessOptions {
  /** Light models whose jobs throw on every try. */
  failingModels?: readonly string[];
  /** Rooms (by id) whose light jobs all throw on every try, so their runs fail. */
  failingRooms?: readonly string[];
  /** Start no workers (for tests that must see nothing processed). */
  workers?: boolean;
  /** Logger the processors write to. Default none. */
  logger?: Logger;
  /** Worker threads the processors offload rooms of at least `minTiles` tiles to. Default none. */
  threads?: StageThreadPool;
}

/**
 * A RunService and in-process workers running the real job processors on a fresh random
 * prefix; `close()` stops everything and deletes the prefix's keys.
 */
export async function startQueueHarness(options: QueueHarnessOptions = {}) {
  const prefix = randomPrefix('queue');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  await new Promise((resolve) => connection.once('ready', resolve));
  const runs = new RunService({ connection, prefix, flow: { attempts: 2, backoffMs: 10 } });
  const floors = new FloorService({ connection, prefix, flow: { attempts: 2, backoffMs: 10 } });
  const failing = new Set(options.failingModels ?? []);
  const failingRooms = new Set(options.failingRooms ?? []);
  const logging = {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  };
  const lightProcessor = createLightJobProcessor({ worker: 'test:lights', ...logging });
  const workers: Worker[] = [];
  const queues: Queue[] = [];
  if (options.workers ?? true) {
    workers.push(
      new Worker(
        LIGHTS_QUEUE,
        async (job: Job) => {
          if (failing.has(job.data.model)) throw new Error(`${job.data.model} is broken on purpose`);
          if (failingRooms.has(job.data.room.roomId))
            throw new Error(`${job.data.room.roomId} fails on purpose`);
          return lightProcessor(job);
        },
        { connection: workerConnection, prefix, concurrency: 3 },
      ),
      new Worker(PLACEMENT_QUEUE, createPlacementJobProcessor({ worker: 'test:placement', ...logging }), {
        connection: workerConnection,
        prefix,
        concurrency: 2,
      }),
    );
  }
  return {
    prefix,
    runs,
    floors,
    connection,
    /** A Queue handle on this harness's prefix, closed with the harness. */
    queue(name: string): Queue {
      const queue = new Queue(name, { connection, prefix });
      queues.push(queue);
      return queue;
    },
    /** Polls a run until it is completed or failed. */
    async waitForRun(runId: string, timeoutMs = 20_000): Promise<RunView> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const run = await runs.getRun(runId);
        if (run && (run.status === 'completed' || run.status === 'failed')) return run;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`run ${runId} did not finish within ${timeoutMs} ms`);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
      await runs.close();
      await floors.close();
      await deletePrefix(REDIS_URL, prefix);
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
