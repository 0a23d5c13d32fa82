import { createHash, randomUUID } from 'node:crypto';
import { type Floor, floorTotals, type RunResult } from '@ceiling-grid/core';
import { FlowProducer, Job, Queue } from 'bullmq';
import { buildFloorFlow, type FloorJobData } from './floor-flow.js';
import type { FloorBasics, FloorRoomView, FloorStatus, FloorView } from './floor-view.js';
import { claimIdempotencyKey } from './idempotency.js';
import { JobName, PLACEMENT_QUEUE, runJobIds } from './queue-names.js';
import type { QueuedRunResult } from './queued-run-result.js';
import type { RunJobData, RunSource } from './run-flow.js';
import { type RunServiceOptions, roomFingerprint, runListItem } from './run-service.js';

const DAY_MS = 86_400_000;

/** Options of {@link FloorService.trigger}. */
export interface FloorTriggerOptions {
  source?: RunSource;
  /** Same key, same floor: a second trigger with it returns the first floor run and adds nothing. */
  idempotencyKey?: string;
}

/**
 * Triggers floors as one BullMQ flow each (a parent job over the runs of the rooms) and reads
 * them back with every room's status and the totals.
 */
export class FloorService {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly flows: FlowProducer;
  private readonly placement: Queue;

  constructor(private readonly options: RunServiceOptions) {
    this.prefix = options.prefix ?? '{ceiling-grid}';
    this.ttlMs = (options.resultTtlDays ?? 7) * DAY_MS;
    const shared = { connection: options.connection, prefix: this.prefix };
    this.flows = new FlowProducer(shared);
    this.placement = new Queue(PLACEMENT_QUEUE, shared);
  }

  private get floorsKey(): string {
    return `${this.prefix}:floors`;
  }

  /**
   * Adds the floor as one flow, all rooms or none (one MULTI). With an idempotency key already
   * seen, returns that floor run instead.
   */
  async trigger(
    floor: Floor,
    options: FloorTriggerOptions = {},
  ): Promise<{ floorRunId: string; created: boolean; runIds: readonly string[] }> {
    const redis = this.options.connection;
    const floorRunId = randomUUID();
    let idempotencyRedisKey: string | undefined;
    if (options.idempotencyKey !== undefined) {
      const claim = await claimIdempotencyKey({
        redis,
        namespace: `${this.prefix}:idempotency:floor`,
        key: options.idempotencyKey,
        id: floorRunId,
        fingerprint: floorFingerprint(floor),
        ttlMs: this.ttlMs,
        what: 'floor',
        body: 'floor',
      });
      if (!claim.claimed) {
        const existing = await this.floorJob(claim.id);
        return {
          floorRunId: claim.id,
          created: false,
          runIds: existing?.data.rooms.map((r) => r.runId) ?? [],
        };
      }
      idempotencyRedisKey = claim.redisKey;
    }
    const runIds = floor.rooms.map(() => randomUUID());
    try {
      const now = Date.now();
      await redis
        .multi()
        .zadd(this.floorsKey, now, floorRunId)
        .zremrangebyscore(this.floorsKey, '-inf', now - this.ttlMs)
        .exec();
      await this.flows.add(
        buildFloorFlow(floorRunId, floor, runIds, {
          ...this.options.flow,
          prefix: this.prefix,
          resultTtlDays: this.ttlMs / DAY_MS,
          source: options.source ?? 'api',
        }),
      );
    } catch (error) {
      await Promise.allSettled([
        redis.zrem(this.floorsKey, floorRunId),
        idempotencyRedisKey ? redis.del(idempotencyRedisKey) : Promise.resolve(0),
      ]);
      throw error;
    }
    return { floorRunId, created: true, runIds };
  }

  /** A floor with each room's status and the totals so far, or `undefined` when not stored. */
  async getFloor(floorRunId: string): Promise<FloorView | undefined> {
    const job = await this.floorJob(floorRunId);
    if (!job) return undefined;
    const roots = await Promise.all(
      job.data.rooms.map((room) => Job.fromId<RunJobData, QueuedRunResult>(this.placement, room.runId)),
    );
    const rooms: FloorRoomView[] = job.data.rooms.map((room, index) => {
      const root = roots[index];
      if (!root)
        return {
          runId: room.runId,
          roomId: room.roomId,
          ...(room.roomName !== undefined ? { roomName: room.roomName } : {}),
          status: 'failed',
          source: job.data.source,
          createdAt: new Date(job.timestamp).toISOString(),
          error: 'the run is no longer stored',
        };
      return { ...runListItem(root), roomId: room.roomId };
    });
    await this.explainFailures(rooms);
    const results = roots.flatMap((root) => (root?.returnvalue ? [root.returnvalue as RunResult] : []));
    return {
      ...floorBasics(job, rooms),
      rooms,
      totals: floorTotals(results, job.data.units),
    };
  }

  /** Recent floors, newest first, without their rooms (one read per floor and per room). */
  async listFloors(limit = 20): Promise<FloorBasics[]> {
    const ids = await this.options.connection.zrevrange(
      this.floorsKey,
      0,
      Math.min(Math.max(limit, 1), 200) - 1,
    );
    const views = await Promise.all(ids.map((id) => this.getFloor(id)));
    return views.flatMap((view) => {
      if (!view) return [];
      const { rooms: _rooms, totals: _totals, ...basics } = view;
      return [basics];
    });
  }

  /** Queues this service reads, for error listeners. */
  get queues(): readonly Queue[] {
    return [this.placement];
  }

  /** Closes the producer and the queue; the connection stays the caller's. */
  async close(): Promise<void> {
    await Promise.all([this.flows.close(), this.placement.close()]);
  }

  /** A failed run's root only says a child failed; the air-supply job says why (as getRun does). */
  private async explainFailures(rooms: FloorRoomView[]): Promise<void> {
    await Promise.all(
      rooms.map(async (room, index) => {
        if (room.status !== 'failed' || room.error === 'the run is no longer stored') return;
        const air = await Job.fromId(this.placement, runJobIds(room.runId, []).airSupply);
        if (air?.failedReason) rooms[index] = { ...room, error: air.failedReason };
      }),
    );
  }

  private async floorJob(floorRunId: string): Promise<Job<FloorJobData> | undefined> {
    const job = await Job.fromId<FloorJobData>(this.placement, floorRunId);
    return job && job.name === JobName.floor ? job : undefined;
  }
}

function floorBasics(job: Job<FloorJobData>, rooms: readonly FloorRoomView[]): FloorBasics {
  const completed = rooms.filter((room) => room.status === 'completed').length;
  const failed = rooms.filter((room) => room.status === 'failed').length;
  const total = rooms.length;
  const finished = completed + failed;
  const status: FloorStatus =
    finished === total ? 'completed' : rooms.some((room) => room.status !== 'queued') ? 'running' : 'queued';
  return {
    floorRunId: job.data.floorRunId,
    floorId: job.data.floorId,
    name: job.data.name,
    status,
    source: job.data.source,
    createdAt: new Date(job.timestamp).toISOString(),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    progress: { total, finished, completed, failed, fraction: total === 0 ? 1 : finished / total },
  };
}

/** Identifies the floor a key was used with: its fields and every room's fingerprint. */
function floorFingerprint(floor: Floor): string {
  const hash = createHash('sha256').update(JSON.stringify([floor.floorId, floor.name, floor.units]));
  for (const room of floor.rooms) hash.update(roomFingerprint(room));
  return hash.digest('hex').slice(0, 32);
}
