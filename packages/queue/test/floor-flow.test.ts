import { parseFloor, runPipeline } from '@ceiling-grid/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type FloorView, IdempotencyConflictError, PLACEMENT_QUEUE } from '../src/index.js';
import { startQueueHarness } from './queue-harness.js';

type Harness = Awaited<ReturnType<typeof startQueueHarness>>;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const room = (roomId: string, layout: string[]) => ({ roomId, name: `Room ${roomId}`, cellSize: 2, layout });
const floorInput = {
  floorId: 'level-2',
  name: 'Level 2',
  rooms: [
    room('r201', ['........', '........', '...##...', '........', '........']),
    room('r202', ['......', '......', '......', '......']),
    room('r203', ['----....', '----....', '........', '........', '........']),
  ],
};

async function waitForFloor(floorRunId: string, timeoutMs = 30_000): Promise<FloorView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const floor = await harness!.floors.getFloor(floorRunId);
    if (floor?.status === 'completed') return floor;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`floor ${floorRunId} did not finish within ${timeoutMs} ms`);
}

describe('a floor as one BullMQ flow', () => {
  it('runs every room as its own run under one parent, and totals what the rooms placed', async () => {
    harness = await startQueueHarness();
    const floor = parseFloor(floorInput);
    const { floorRunId, created, runIds } = await harness.floors.trigger(floor);
    expect(created).toBe(true);
    expect(runIds).toHaveLength(3);
    const view = await waitForFloor(floorRunId);

    expect(view).toMatchObject({ floorId: 'level-2', name: 'Level 2', status: 'completed' });
    expect(view.progress).toEqual({ total: 3, finished: 3, completed: 3, failed: 0, fraction: 1 });
    expect(view.rooms.map((r) => [r.roomId, r.runId, r.status])).toEqual(
      floor.rooms.map((r, i) => [r.roomId, runIds[i], 'completed']),
    );
    // Each room's run is an ordinary run, readable on its own, with the in-process layout.
    for (const [index, runId] of runIds.entries()) {
      const run = await harness.runs.getRun(runId);
      expect(run?.result?.layout).toEqual(runPipeline(floor.rooms[index]).layout);
    }
    const lights = view.rooms.reduce((sum, r) => sum + (r.placed?.light ?? 0), 0);
    expect(view.totals.lights.count).toBe(lights);
    expect(view.totals.completedRooms).toBe(3);
    expect(view.totals.compliantRooms).toBe(3);
    expect(view.totals.lights.lowerBound).toBeLessThanOrEqual(lights);
    // The parent job completes after its children, and is no run.
    const parent = await harness.queue(PLACEMENT_QUEUE).getJob(floorRunId);
    expect(await parent?.getState()).toBe('completed');
    expect(parent?.returnvalue).toEqual({ floorId: 'level-2', rooms: 3, completed: 3, failed: 0 });
    expect(await harness.runs.getRun(floorRunId)).toBeUndefined();
  });

  it('finishes the floor when a room fails for good, counting that room in no total', async () => {
    harness = await startQueueHarness({ failingRooms: ['r202'] });
    const { floorRunId } = await harness.floors.trigger(parseFloor(floorInput));
    const view = await waitForFloor(floorRunId);
    expect(view.progress).toMatchObject({ total: 3, finished: 3, completed: 2, failed: 1 });
    expect(view.rooms.find((r) => r.roomId === 'r202')).toMatchObject({ status: 'failed' });
    expect(view.rooms.find((r) => r.roomId === 'r202')?.error).toMatch(
      /every light model failed.*r202 fails on purpose/,
    );
    expect(view.totals.completedRooms).toBe(2);
    const parent = await harness.queue(PLACEMENT_QUEUE).getJob(floorRunId);
    expect(parent?.returnvalue).toMatchObject({ completed: 2, failed: 1 });
  });

  it('gives the same floor run for the same Idempotency-Key, and refuses the key on another floor', async () => {
    harness = await startQueueHarness({ workers: false });
    const floor = parseFloor(floorInput);
    const first = await harness.floors.trigger(floor, { idempotencyKey: 'k-1' });
    const again = await harness.floors.trigger(floor, { idempotencyKey: 'k-1' });
    expect(again).toEqual({ ...first, created: false });
    const other = parseFloor({ ...floorInput, rooms: floorInput.rooms.slice(1) });
    await expect(harness.floors.trigger(other, { idempotencyKey: 'k-1' })).rejects.toThrow(
      IdempotencyConflictError,
    );
    // One floor parent, and for each room its run's root and air-supply job, all added once.
    expect(await harness.queue(PLACEMENT_QUEUE).getJobCountByTypes('waiting-children')).toBe(1 + 3 + 3);
    expect((await harness.floors.listFloors()).map((f) => f.floorRunId)).toEqual([first.floorRunId]);
    expect((await harness.floors.getFloor(first.floorRunId))?.status).toBe('queued');
  });
});
