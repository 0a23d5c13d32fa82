import { readFileSync } from 'node:fs';
import { parseFloor } from '@ceiling-grid/core';
import { FloorService, LIGHTS_QUEUE, PLACEMENT_QUEUE, RunService } from '@ceiling-grid/queue';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePrefix } from '../support/redis-cleanup.js';
import {
  REPO_ROOT,
  randomPrefix,
  type ServiceProcess,
  startService,
  stopRunning,
} from '../support/service-process.js';
import {
  activeJobsOf,
  countByJob,
  type EventRecorder,
  expectEachRunCompliantOnce,
  identityOf,
  recordQueueEvents,
  sleep,
} from './run-tracking.js';

/**
 * A light worker SIGKILLed halfway through a floor (issue 16 goal): a 40-room floor runs on two
 * light workers and one placement worker (real processes); once a quarter to half of the rooms
 * are done and the victim holds light jobs, it is killed and not replaced. The survivors must
 * finish the floor: every room's run completes exactly once (its root job's `completed` events
 * counted in the queue's event stream), with a result that meets the rules, and the floor's
 * parent job completes once after them.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOMS = 40;
const SOURCES = ['corridor', 'office-open-plan', 'existing-devices', 'office-l-shaped'];

const prefix = randomPrefix('floor-crash');
const env = {
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  LIGHT_WORKER_CONCURRENCY: '2',
  PLACEMENT_WORKER_CONCURRENCY: '2',
};
const services: ServiceProcess[] = [];
let redis: Redis;
let runs: RunService;
let floors: FloorService;
let lights: Queue;
let recorder: EventRecorder;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const flow = { attempts: 3, backoffMs: 50 };
  runs = new RunService({ connection: redis, prefix, flow });
  floors = new FloorService({ connection: redis, prefix, flow });
  lights = new Queue(LIGHTS_QUEUE, { connection: redis, prefix });
  recorder = recordQueueEvents(REDIS_URL, prefix, [LIGHTS_QUEUE, PLACEMENT_QUEUE]);
  services.push(
    ...(await Promise.all([
      startService('light-worker', env),
      startService('light-worker', env),
      startService('placement-worker', env),
    ])),
  );
}, 60_000);

afterAll(async () => {
  await recorder?.stop();
  const { stopped, codes } = await stopRunning(services);
  await Promise.all([runs.close(), floors.close(), lights.close()]);
  await deletePrefix(REDIS_URL, prefix);
  redis.disconnect();
  expect(codes).toEqual(stopped.map(() => 0));
});

describe('a light worker killed halfway through a floor', () => {
  it('loses no room: every run of a 40-room floor completes exactly once, and the floor once', async () => {
    // The rooms as a user sends them, each under its own id, through the floor's own validation.
    const floor = parseFloor({
      floorId: 'level-5',
      rooms: Array.from({ length: ROOMS }, (_, i) => ({
        ...roomJson(SOURCES[i % SOURCES.length]),
        roomId: `L5-${String(i + 1).padStart(3, '0')}`,
      })),
    });
    const { floorRunId, runIds } = await floors.trigger(floor);

    // Halfway: some rooms are done, many are not, and the victim holds light jobs right now.
    const [victim] = services;
    const identity = identityOf(victim.child.pid);
    for (;;) {
      const [view, held] = await Promise.all([floors.getFloor(floorRunId), activeJobsOf(lights, identity)]);
      const finished = view?.progress.finished ?? 0;
      if (finished >= ROOMS / 4 && held.length > 0) break;
      if (finished > (ROOMS * 3) / 4)
        throw new Error('the floor was nearly done before the victim held a job');
      await sleep(10);
    }
    await victim.stop('SIGKILL');
    const killedAt = Date.now();
    const held: Job[] = await activeJobsOf(lights, identity);
    const finishedAtKill = (await floors.getFloor(floorRunId))?.progress.finished ?? 0;

    // The survivors finish the floor.
    const deadline = Date.now() + 240_000;
    let view = await floors.getFloor(floorRunId);
    while (view?.status !== 'completed' && Date.now() < deadline) {
      await sleep(500);
      view = await floors.getFloor(floorRunId);
    }
    expect(view?.status).toBe('completed');
    expect(view?.progress).toEqual({
      total: ROOMS,
      finished: ROOMS,
      completed: ROOMS,
      failed: 0,
      fraction: 1,
    });
    // The parent job runs once every room has finished: wait for it too.
    await expect
      .poll(async () => (await floors.getFloor(floorRunId))?.finishedAt, { timeout: 30_000 })
      .toBeTruthy();

    await recorder.stop();
    const placementEvents = recorder.events(PLACEMENT_QUEUE);
    const runViews = await Promise.all(runIds.map((id) => runs.getRun(id)));
    expect(runViews.every(Boolean)).toBe(true);
    // Each room: one run, completed once, with a result the brute-force checks accept.
    expectEachRunCompliantOnce(
      runViews.map((v) => v!),
      placementEvents,
    );
    const completions = countByJob(placementEvents, 'completed');
    expect(runIds.map((id) => completions.get(id) ?? 0)).toEqual(runIds.map(() => 1));
    expect(completions.get(floorRunId)).toBe(1);
    expect(new Set(view?.rooms.map((r) => r.roomId)).size).toBe(ROOMS);
    expect(await lights.getFailedCount()).toBe(0);

    // What the victim held came back through the stalled check and was finished by a survivor.
    expect(held.length).toBeGreaterThan(0);
    for (const job of held) {
      const now = await lights.getJob(job.id!);
      expect(now?.finishedOn, job.id).toBeGreaterThan(killedAt);
      expect(now?.processedBy, job.id).not.toBe(identity);
    }
    console.log(
      `[floor-worker-crash] killed a light worker at ${finishedAtKill}/${ROOMS} rooms with ${held.length} light jobs held; ` +
        `all ${ROOMS} rooms completed once, ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
  }, 300_000);
});

/** A room file of data/rooms as JSON. */
function roomJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${REPO_ROOT}data/rooms/${name}.json`, 'utf8'));
}
