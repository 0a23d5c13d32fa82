import { Writable } from 'node:stream';
import { LIGHT_MODEL_NAMES, parseRoom } from '@ceiling-grid/core';
import { createLogger } from '@ceiling-grid/observability';
import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildRunFlow,
  createLightJobProcessor,
  encodeRoom,
  LIGHTS_QUEUE,
  type LightJobData,
  PLACEMENT_QUEUE,
  runJobIds,
} from '../src/index.js';
import { sharedRoom, startQueueHarness } from './queue-harness.js';

const room = parseRoom({ roomId: 'small', cellSize: 2, layout: ['......', '......', '......'] });

type Harness = Awaited<ReturnType<typeof startQueueHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the request id of a run', () => {
  it('is in the data of every job of the flow when the trigger had one, and absent otherwise', () => {
    const flow = buildRunFlow('run-1', room, { requestId: 'req-7' });
    const air = flow.children?.[0];
    const jobs = [flow, air, ...(air?.children ?? [])];
    expect(jobs).toHaveLength(5);
    for (const job of jobs) expect(job?.data.requestId).toBe('req-7');
    expect('requestId' in buildRunFlow('run-2', room).data).toBe(false);
  });

  it('goes from trigger to the stored jobs and back out on the run', async () => {
    harness = await startQueueHarness({ workers: false });
    const { runId } = await harness.runs.trigger(sharedRoom('corridor'), { requestId: 'trace-abc' });
    const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
    const placement = harness.queue(PLACEMENT_QUEUE);
    const lights = harness.queue(LIGHTS_QUEUE);
    expect((await placement.getJob(ids.smokeDetectors))?.data.requestId).toBe('trace-abc');
    expect((await placement.getJob(ids.airSupply))?.data.requestId).toBe('trace-abc');
    for (const id of Object.values(ids.lights))
      expect((await lights.getJob(id))?.data.requestId).toBe('trace-abc');
    expect((await harness.runs.getRun(runId))?.requestId).toBe('trace-abc');
    expect((await harness.runs.listRuns()).find((run) => run.runId === runId)?.requestId).toBe('trace-abc');
  });

  it('is on the log lines a worker writes for the job, with the run id', async () => {
    let logs = '';
    const logger = createLogger({
      service: 'light-worker',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logs += chunk;
          done();
        },
      }),
    });
    const process = createLightJobProcessor({ worker: 'test', logger });
    const job = {
      id: 'run-9.lumen-array',
      data: { runId: 'run-9', room: encodeRoom(room), model: 'lumen-array', requestId: 'req-9' },
      log: async () => 0,
      updateProgress: async () => {},
    } as unknown as Job<LightJobData>;
    await process(job);
    const line = JSON.parse(logs.split('\n').find((l) => l.includes('light model finished')) ?? '{}');
    expect(line).toMatchObject({ runId: 'run-9', jobId: 'run-9.lumen-array', requestId: 'req-9' });
  });
});
