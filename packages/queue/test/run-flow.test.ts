import { Writable } from 'node:stream';
import { LIGHT_MODEL_NAMES, runPipeline } from '@ceiling-grid/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotencyConflictError, LIGHTS_QUEUE, PLACEMENT_QUEUE, runJobIds } from '../src/index.js';
import { sharedRoom, startQueueHarness } from './queue-harness.js';

type Harness = Awaited<ReturnType<typeof startQueueHarness>>;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a run as a BullMQ flow', () => {
  it('runs every stage and returns the same layout as the in-process pipeline', async () => {
    harness = await startQueueHarness();
    const room = sharedRoom('office-open-plan');
    const { runId, created } = await harness.runs.trigger(room);
    expect(created).toBe(true);
    const run = await harness.waitForRun(runId);

    expect(run.status).toBe('completed');
    expect(run.result?.layout).toEqual(runPipeline(room).layout);
    expect(run.result?.stages.lights.candidates.map((c) => c.model).sort()).toEqual(
      [...LIGHT_MODEL_NAMES].sort(),
    );
    expect(run.stages.map((s) => [s.stage, s.state])).toEqual([
      ['lights', 'completed'],
      ['lights', 'completed'],
      ['lights', 'completed'],
      ['airSupply', 'completed'],
      ['smokeDetectors', 'completed'],
    ]);
    expect(run.stages.filter((s) => s.selected)).toHaveLength(1);
    expect(run.result?.workers).toEqual({
      lights: Object.fromEntries(LIGHT_MODEL_NAMES.map((m) => [m, 'test:lights'])),
      airSupply: 'test:placement',
      smokeDetectors: 'test:placement',
    });
    expect(run.result?.compliance.lighting?.pass).toBe(true);
    expect(run.result?.compliance.airSupply?.pass).toBe(true);
    expect(run.result?.compliance.smokeDetection?.pass).toBe(true);
  });

  it('names the run, job, queue and attempt on every log line a job writes', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    harness = await startQueueHarness({ logger: pino({ level: 'info' }, sink) });
    const { runId } = await harness.runs.trigger(sharedRoom('corridor'));
    expect((await harness.waitForRun(runId)).status).toBe('completed');
    await new Promise((resolve) => setImmediate(resolve));
    const ofRun = lines.filter((line) => line.runId === runId);
    // Every stage logs at least one line, and nothing is logged without the job's names.
    expect(new Set(ofRun.map((line) => line.queue))).toEqual(new Set([LIGHTS_QUEUE, PLACEMENT_QUEUE]));
    const jobIds = new Set(ofRun.map((line) => line.jobId));
    const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
    expect(jobIds).toEqual(new Set([ids.smokeDetectors, ids.airSupply, ...Object.values(ids.lights)]));
    expect(lines.length).toBe(ofRun.length);
    for (const line of ofRun) expect(line.attempt).toBe(1);
  });

  it('leaves every job of a run its log line and 100 % progress, for Bull Board', async () => {
    harness = await startQueueHarness();
    const { runId } = await harness.runs.trigger(sharedRoom('corridor'));
    expect((await harness.waitForRun(runId)).status).toBe('completed');
    const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
    const jobs = [
      ...Object.values(ids.lights).map((id) => ({ queue: LIGHTS_QUEUE, id })),
      { queue: PLACEMENT_QUEUE, id: ids.airSupply },
      { queue: PLACEMENT_QUEUE, id: ids.smokeDetectors },
    ];
    const queues = new Map([LIGHTS_QUEUE, PLACEMENT_QUEUE].map((name) => [name, harness!.queue(name)]));
    // Written without awaiting the reply (off the critical path), so poll rather than read once.
    await expect
      .poll(async () =>
        Promise.all(
          jobs.map(async ({ queue, id }) => {
            const job = await queues.get(queue)!.getJob(id);
            const { logs } = await queues.get(queue)!.getJobLogs(id);
            return { progress: job?.progress, logs: logs.length };
          }),
        ),
      )
      .toEqual(jobs.map(() => ({ progress: 100, logs: 1 })));
    const { logs } = await queues.get(LIGHTS_QUEUE)!.getJobLogs(ids.lights['staggered-search']);
    expect(logs[0]).toMatch(/^staggered-search: \d+ lights, confidence \d\.\d{3}, \d+ lx average, U0 /);
    const root = await queues.get(PLACEMENT_QUEUE)!.getJobLogs(ids.smokeDetectors);
    expect(root.logs[0]).toMatch(/detectors, confidence .*compliant: lighting true, air true, smoke true$/);
  });

  it('completes on the other models when one light model fails for good, and records why', async () => {
    harness = await startQueueHarness({ failingModels: ['staggered-search'] });
    const { runId } = await harness.runs.trigger(sharedRoom('corridor'));
    const run = await harness.waitForRun(runId);

    expect(run.status).toBe('completed');
    const failed = run.result?.stages.lights.candidates.find((c) => c.model === 'staggered-search');
    expect(failed).toMatchObject({ status: 'failed', error: 'staggered-search is broken on purpose' });
    expect(run.result?.stages.lights.selected).not.toBe('staggered-search');
    const stage = run.stages.find((s) => s.model === 'staggered-search');
    expect(stage).toMatchObject({ state: 'failed', attemptsMade: 2 });
  });

  it('fails the run with the reason when every light model fails', async () => {
    harness = await startQueueHarness({ failingModels: [...LIGHT_MODEL_NAMES] });
    const { runId } = await harness.runs.trigger(sharedRoom('corridor'));
    const run = await harness.waitForRun(runId);

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/every light model failed/);
    for (const model of LIGHT_MODEL_NAMES)
      expect(run.error).toContain(`${model}: ${model} is broken on purpose`);
    expect(run.result).toBeUndefined();
    const [listed] = await harness.runs.listRuns({ status: 'failed' });
    expect(listed?.runId).toBe(runId);
  });

  it('gives the same run for the same Idempotency-Key, and refuses the key on another room', async () => {
    harness = await startQueueHarness({ workers: false });
    const room = sharedRoom('corridor');
    const first = await harness.runs.trigger(room, { idempotencyKey: 'order-42' });
    const again = await harness.runs.trigger(room, { idempotencyKey: 'order-42' });
    expect(again).toEqual({ runId: first.runId, created: false });
    await expect(
      harness.runs.trigger(sharedRoom('office-open-plan'), { idempotencyKey: 'order-42' }),
    ).rejects.toThrow(IdempotencyConflictError);
    const other = await harness.runs.trigger(room, { idempotencyKey: 'order-43' });
    expect(other.created).toBe(true);
    expect((await harness.runs.listRuns({ limit: 10 })).map((r) => r.runId)).toEqual([
      other.runId,
      first.runId,
    ]);
  });

  it('lists runs newest first and filters by status', async () => {
    harness = await startQueueHarness();
    const ids: string[] = [];
    for (const name of ['corridor', 'classroom-metric', 'existing-devices']) {
      ids.push((await harness.runs.trigger(sharedRoom(name))).runId);
    }
    for (const id of ids) await harness.waitForRun(id);
    const listed = await harness.runs.listRuns({ limit: 2 });
    expect(listed.map((r) => r.runId)).toEqual([ids[2], ids[1]]);
    expect(listed[0]).toMatchObject({ status: 'completed', roomId: 'existing-devices', compliant: true });
    expect(listed[0].placed?.light).toBeGreaterThan(0);
    expect(await harness.runs.listRuns({ status: 'failed' })).toEqual([]);
  });

  it('reads an unknown run as undefined', async () => {
    harness = await startQueueHarness({ workers: false });
    expect(await harness.runs.getRun('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('buildRunFlow retention', () => {
  it('keeps every placement job, the run results among them, by age only, for the result TTL', async () => {
    const { buildRunFlow } = await import('../src/run-flow.js');
    const flow = buildRunFlow('00000000-0000-4000-8000-000000000001', sharedRoom('corridor'), {
      resultTtlDays: 3,
    });
    const air = flow.children![0];
    // BullMQ trims a queue's whole finished set with the finishing job's options: a count cap on
    // any placement job would also remove older run results before their TTL.
    for (const job of [flow, air]) {
      expect(job.queueName).toBe('placement');
      expect(job.opts?.removeOnComplete).toEqual({ age: 3 * 86_400 });
      expect(job.opts?.removeOnFail).toEqual({ age: 3 * 86_400 });
    }
    for (const light of air.children ?? []) {
      expect(light.queueName).toBe('lights');
      expect(light.opts?.removeOnComplete).toMatchObject({ age: 3 * 86_400, count: expect.any(Number) });
    }
  });
});
