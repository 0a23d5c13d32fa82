import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIGHT_MODEL_NAMES, parseRoom } from '@ceiling-grid/core';
import {
  buildRunFlow,
  LIGHTS_QUEUE,
  PLACEMENT_QUEUE,
  type QueuedRunResult,
  runJobIds,
} from '@ceiling-grid/queue';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplayLightProcessor, createReplayPlacementProcessor } from '../../bench/replay-processors.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import { REPO_ROOT, randomPrefix } from '../support/service-process.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const room = parseRoom(JSON.parse(readFileSync(join(REPO_ROOT, 'data/input/sample_grid.json'), 'utf8')));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The replay workers on a fresh prefix, a flow producer, and a way to run one flow to its end. */
async function startReplay() {
  const prefix = randomPrefix('replay');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const workers = [
    new Worker(LIGHTS_QUEUE, createReplayLightProcessor({ worker: 'test:lights' }), {
      connection,
      prefix,
      concurrency: 2,
    }),
    new Worker(PLACEMENT_QUEUE, createReplayPlacementProcessor({ worker: 'test:placement' }), {
      connection,
      prefix,
      concurrency: 2,
    }),
  ];
  const flows = new FlowProducer({ connection, prefix });
  const queues: Record<string, Queue> = Object.fromEntries(
    [LIGHTS_QUEUE, PLACEMENT_QUEUE].map((name) => [name, new Queue(name, { connection, prefix })]),
  );
  const events = new QueueEvents(PLACEMENT_QUEUE, { connection: connection.duplicate(), prefix });
  await events.waitUntilReady();
  cleanups.push(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([flows.close(), events.close(), ...Object.values(queues).map((q) => q.close())]);
    await deletePrefix(REDIS_URL, prefix);
    connection.disconnect();
  });
  const run = async () => {
    const runId = randomUUID();
    const done = new Promise<void>((resolve) =>
      events.on('completed', ({ jobId }) => {
        if (jobId === runId) resolve();
      }),
    );
    await flows.add(buildRunFlow(runId, room, { prefix, source: 'bench' }));
    await done;
    const root = await queues[PLACEMENT_QUEUE].getJob(runId);
    return { runId, result: root?.returnvalue as QueuedRunResult };
  };
  /** Each job's log lines and progress, once all five have them (they are not awaited). */
  const records = async (runId: string) => {
    const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
    const jobs: [string, string][] = [
      ...Object.values(ids.lights).map((id): [string, string] => [LIGHTS_QUEUE, id]),
      [PLACEMENT_QUEUE, ids.airSupply],
      [PLACEMENT_QUEUE, ids.smokeDetectors],
    ];
    const read = () =>
      Promise.all(
        jobs.map(async ([queue, id]) => ({
          logs: (await queues[queue].getJobLogs(id)).logs,
          progress: (await queues[queue].getJob(id))?.progress,
        })),
      );
    await expect.poll(async () => (await read()).every((r) => r.progress === 100)).toBe(true);
    return read();
  };
  return { run, records };
}

describe('the bench replay processors', () => {
  it('return the first run’s results again, with each run’s own id, and write the same job records', async () => {
    const replay = await startReplay();
    const first = await replay.run();
    const second = await replay.run();

    expect(first.result.status).toBe('completed');
    expect(first.result.placements.length).toBeGreaterThan(0);
    const { runId: _a, durationMs: _b, ...firstRest } = first.result;
    const { runId, durationMs, ...secondRest } = second.result;
    expect(runId).toBe(second.runId);
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(secondRest).toEqual(firstRest);

    const [firstRecords, secondRecords] = await Promise.all([
      replay.records(first.runId),
      replay.records(second.runId),
    ]);
    expect(secondRecords).toEqual(firstRecords);
    expect(secondRecords.every((r) => r.logs.length === 1 && r.logs[0].length > 20)).toBe(true);
  });
});
