/**
 * What a live floor page costs the dashboard: a floor of `--rooms` small rooms (default 200)
 * runs on in-process workers, then the bench times `FloorService.getFloor` (what each live
 * update of the floor page re-reads) and sizes the page's server-sent events: the first
 * update (every region) and the one a single finished room sends (progress, totals, its row).
 *
 *   node --import tsx bench/floor-page-cost.ts [--rooms 200] [--redis-url redis://127.0.0.1:6379]
 *
 * Without `--redis-url` it starts a private redis-server; with one it works under a random
 * prefix and deletes it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseFloor } from '@ceiling-grid/core';
import {
  createLightJobProcessor,
  createPlacementJobProcessor,
  FloorService,
  LIGHTS_QUEUE,
  PLACEMENT_QUEUE,
} from '@ceiling-grid/queue';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { floorLiveRegions } from '../services/dashboard/src/pages/floor-page.js';
import { openBenchRedis } from './harness/redis.js';

const { values } = parseArgs({
  options: { rooms: { type: 'string', default: '200' }, 'redis-url': { type: 'string' } },
});
const roomCount = Number(values.rooms);
const bench = await openBenchRedis(values['redis-url'], { appendOnly: false });
const prefix = `{floor-page-bench-${randomUUID().slice(0, 8)}}`;
const connection = new Redis(bench.url, { maxRetriesPerRequest: null });
const floors = new FloorService({ connection, prefix });
const workers = [
  new Worker(LIGHTS_QUEUE, createLightJobProcessor({ worker: 'bench:lights' }), {
    connection,
    prefix,
    concurrency: 4,
  }),
  new Worker(PLACEMENT_QUEUE, createPlacementJobProcessor({ worker: 'bench:placement' }), {
    connection,
    prefix,
    concurrency: 4,
  }),
];
try {
  const rooms = Array.from({ length: roomCount }, (_, i) => ({
    roomId: `r-${i}`,
    cellSize: 2,
    layout: Array(8).fill('..........'),
  }));
  const started = performance.now();
  const { floorRunId } = await floors.trigger(parseFloor({ floorId: 'bench', rooms }));
  const triggerMs = performance.now() - started;
  let view = await floors.getFloor(floorRunId);
  while (view?.status !== 'completed') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    view = await floors.getFloor(floorRunId);
  }
  const reads: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    view = await floors.getFloor(floorRunId);
    reads.push(performance.now() - t);
  }
  reads.sort((a, b) => a - b);
  const regions = floorLiveRegions(view!);
  const row = `room-${view!.rooms[0].runId}`;
  const oneRoom = {
    'floor-progress': regions['floor-progress'],
    'floor-totals': regions['floor-totals'],
    [row]: regions[row],
  };
  const report = {
    rooms: roomCount,
    triggerMs: Math.round(triggerMs),
    getFloorMs: { median: Math.round(reads[10]), max: Math.round(reads[20]) },
    firstUpdateBytes: JSON.stringify({ regions, done: false }).length,
    oneRoomUpdateBytes: JSON.stringify({ regions: oneRoom, done: false }).length,
  };
  console.log(JSON.stringify(report));
} finally {
  await Promise.all(workers.map((worker) => worker.close()));
  await floors.close();
  connection.disconnect();
  await bench.close(prefix);
}
