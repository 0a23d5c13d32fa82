import { LIGHTS_QUEUE, PLACEMENT_QUEUE, RunService } from '@ceiling-grid/queue';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom } from '../../packages/queue/test/queue-harness.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import { randomPrefix, type ServiceProcess, startService, stopRunning } from '../support/service-process.js';
import {
  activeJobsOf,
  type EventRecorder,
  expectEachRunCompliantOnce,
  identityOf,
  recordQueueEvents,
  sleep,
  spread,
  waitForRuns,
} from './run-tracking.js';

/**
 * Worker crash: 200 runs through two light workers and one placement worker (real processes);
 * one light worker and the placement worker are SIGKILLed while they hold jobs, then
 * restarted. Every run must still complete exactly once with a result that meets the rules,
 * and the jobs the dead workers held must come back through BullMQ's stalled-job check.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = 200;
const ROOMS = ['corridor', 'office-open-plan', 'existing-devices', 'legacy-matrix', 'classroom-metric'];

const prefix = randomPrefix('crash');
const env = {
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  LIGHT_WORKER_CONCURRENCY: '2',
  PLACEMENT_WORKER_CONCURRENCY: '2',
};
const services: ServiceProcess[] = [];
let redis: Redis;
let runs: RunService;
let lights: Queue;
let placement: Queue;
let recorder: EventRecorder;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  runs = new RunService({ connection: redis, prefix, flow: { attempts: 3, backoffMs: 50 } });
  lights = new Queue(LIGHTS_QUEUE, { connection: redis, prefix });
  placement = new Queue(PLACEMENT_QUEUE, { connection: redis, prefix });
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
  await Promise.all([runs.close(), lights.close(), placement.close()]);
  await deletePrefix(REDIS_URL, prefix);
  redis.disconnect();
  expect(codes).toEqual(stopped.map(() => 0));
});

describe('a worker killed mid-processing', () => {
  it('loses no run: 200 runs complete exactly once after SIGKILL of a light and the placement worker', async () => {
    const rooms = ROOMS.map(sharedRoom);
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, RUNS - i) }, (_, j) => runs.trigger(rooms[(i + j) % rooms.length])),
      );
      runIds.push(...batch.map((r) => r.runId));
    }

    // Mid-processing: some runs are done, and both victims hold jobs right now.
    const [lightVictim, , placementVictim] = services;
    const lightIdentity = identityOf(lightVictim.child.pid);
    const placementIdentity = identityOf(placementVictim.child.pid);
    for (;;) {
      const [completed, lightHeld, placementHeld] = await Promise.all([
        placement.getCompletedCount(),
        activeJobsOf(lights, lightIdentity),
        activeJobsOf(placement, placementIdentity),
      ]);
      if (completed >= 20 && lightHeld.length > 0 && placementHeld.length > 0) break;
      if (completed >= 2 * RUNS - 20) throw new Error('the batch finished before both victims held a job');
      await sleep(10);
    }
    await Promise.all([lightVictim.stop('SIGKILL'), placementVictim.stop('SIGKILL')]);
    const killedAt = Date.now();
    // What the dead processes held: still active, still stamped with their worker name.
    const held: { queue: Queue; job: Job; from: string }[] = [
      ...(await activeJobsOf(lights, lightIdentity)).map((job) => ({
        queue: lights,
        job,
        from: lightIdentity,
      })),
      ...(await activeJobsOf(placement, placementIdentity)).map((job) => ({
        queue: placement,
        job,
        from: placementIdentity,
      })),
    ];
    const finishedBeforeRestart = await placement.getCompletedCount();
    services.push(
      ...(await Promise.all([startService('light-worker', env), startService('placement-worker', env)])),
    );
    const restartedAt = Date.now();

    const views = await waitForRuns(runs, runIds, { timeoutMs: 120_000, pollMs: 500 });

    // Every run completed with a result the brute-force checks accept, and each root job
    // completed once; no run listed twice, nothing failed.
    await recorder.stop();
    expectEachRunCompliantOnce(views, recorder.events(PLACEMENT_QUEUE));
    expect(await redis.zcard(`${prefix}:runs`)).toBe(RUNS);
    expect(await lights.getFailedCount()).toBe(0);
    expect(await placement.getFailedCount()).toBe(0);

    // The held jobs came back: another worker took them up again and finished them.
    const lightHeldCount = held.filter((h) => h.queue === lights).length;
    expect(lightHeldCount).toBeGreaterThan(0);
    expect(held.length - lightHeldCount).toBeGreaterThan(0);
    const stalledEvents = recorder.events().filter((e) => e.event === 'stalled');
    const report: string[] = [];
    const comebacks: number[] = [];
    for (const { queue, job, from } of held) {
      const now = await queue.getJob(job.id!);
      expect(now?.finishedOn, job.id).toBeGreaterThan(killedAt);
      expect(now?.processedBy, job.id).not.toBe(from);
      expect(now?.returnvalue, job.id).toBeTruthy();
      const stalledAt = stalledEvents.find((e) => e.jobId === job.id && e.at >= killedAt)?.at;
      expect(stalledAt, `${job.id} came back without a stalled event`).toBeDefined();
      comebacks.push(now!.processedOn! - killedAt);
      report.push(
        `${queue.name}/${job.id}: stalled +${stalledAt! - killedAt} ms, restarted +${now!.processedOn! - killedAt} ms by ${now!.processedBy}`,
      );
    }
    const { min, median, max } = spread(comebacks);
    console.log(
      `[worker-crash] killed at ${finishedBeforeRestart}/${2 * RUNS} placement jobs done; ` +
        `${held.length} held jobs (${lightHeldCount} light) back in ${min}–${max} ms (median ${median}); ` +
        `replacement workers healthy after ${restartedAt - killedAt} ms\n  ${report.join('\n  ')}`,
    );
  }, 180_000);
});
