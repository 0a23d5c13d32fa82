import type { Floor } from '@ceiling-grid/core';
import type { FlowJob } from 'bullmq';
import { JobName, PLACEMENT_QUEUE } from './queue-names.js';
import { buildRunFlow, type RunFlowOptions, type RunSource } from './run-flow.js';

/** One room of a floor job: its id and the run that places it. */
export interface FloorRoomRef {
  readonly roomId: string;
  readonly roomName?: string;
  readonly runId: string;
}

/** Data of a floor's parent job (its id is the floor run's id). */
export interface FloorJobData {
  readonly floorRunId: string;
  readonly floorId: string;
  readonly name: string;
  readonly units: Floor['units'];
  readonly source: RunSource;
  readonly rooms: readonly FloorRoomRef[];
}

const DAY_SECONDS = 86_400;

/**
 * The flow of a floor (RULES §6): a `floor` parent job on queue `placement` whose children are
 * the runs of its rooms, each the flow {@link buildRunFlow} builds. A run that fails for good is
 * ignored by the parent (`ignoreDependencyOnFailure`), so one bad room never sinks the floor;
 * the parent completes once every run has finished, either way, and sums them up.
 */
export function buildFloorFlow(
  floorRunId: string,
  floor: Floor,
  runIds: readonly string[],
  options: RunFlowOptions = {},
): FlowJob {
  const prefix = options.prefix ?? '{ceiling-grid}';
  const ttlSeconds = (options.resultTtlDays ?? 7) * DAY_SECONDS;
  const source = options.source ?? 'api';
  const rooms = floor.rooms.map((room, index) => ({
    roomId: room.roomId,
    ...(room.name !== undefined ? { roomName: room.name } : {}),
    runId: runIds[index],
  }));
  return {
    name: JobName.floor,
    queueName: PLACEMENT_QUEUE,
    prefix,
    data: {
      floorRunId,
      floorId: floor.floorId,
      name: floor.name,
      units: floor.units,
      source,
      rooms,
    } satisfies FloorJobData,
    opts: {
      jobId: floorRunId,
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: { age: ttlSeconds },
      removeOnFail: { age: ttlSeconds },
    },
    children: floor.rooms.map((room, index) => {
      const run = buildRunFlow(runIds[index], room, { ...options, floorRunId });
      return { ...run, opts: { ...run.opts, ignoreDependencyOnFailure: true } };
    }),
  };
}
