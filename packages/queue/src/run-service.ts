import { createHash, randomUUID } from 'node:crypto';
import { LIGHT_MODEL_NAMES, type Room } from '@ceiling-grid/core';
import { FlowProducer, Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { claimIdempotencyKey } from './idempotency.js';
import { JobName, LIGHTS_QUEUE, PLACEMENT_QUEUE, runJobIds } from './queue-names.js';
import type { QueuedRunResult } from './queued-run-result.js';
import { decodeRoom } from './room-codec.js';
import { buildRunFlow, type RunFlowOptions, type RunJobData, type RunSource } from './run-flow.js';
import type { RunListItem, RunStatus, RunView, StageState, StageView } from './run-view.js';

/** Options of {@link RunService}. */
export interface RunServiceOptions {
  /** A connection for request handling (fails fast while Redis is away). */
  connection: Redis;
  /** Queue key prefix. Default `{ceiling-grid}`. */
  prefix?: string;
  /** How long finished runs stay readable, and idempotency keys are remembered. Default 7. */
  resultTtlDays?: number;
  /** Options for every flow this service adds (attempts, backoff, …). */
  flow?: Omit<RunFlowOptions, 'prefix' | 'resultTtlDays' | 'source'>;
}

/** Options of {@link RunService.trigger}. */
export interface TriggerOptions {
  source?: RunSource;
  /** Same key, same run: a second trigger with it returns the first run and adds nothing. */
  idempotencyKey?: string;
  /** `X-Request-Id` of the triggering request: stored in the jobs' data and shown on the run. */
  requestId?: string;
}

const DAY_MS = 86_400_000;

/**
 * Events each queue's event stream keeps (BullMQ's default is 10,000). Every `completed` event
 * carries the job's return value, so the stream held a second copy of the last ~900 runs'
 * results: about 6 MB for the sample room, and past Redis's 512 MB `noeviction` limit for
 * 300×300 rooms (a 570 kB result each). Nothing in the system reads the stream; a live
 * QueueEvents reader (the benchmark's) only needs the events it has not read yet.
 */
export const EVENT_STREAM_MAX_LENGTH = 1000;

/**
 * Triggers runs as BullMQ flows and reads them back: the one code path the scheduler API, the
 * daily job and the dashboard share.
 */
export class RunService {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly flows: FlowProducer;
  private readonly placement: Queue;
  private readonly lights: Queue;
  private readonly models: readonly string[];

  constructor(private readonly options: RunServiceOptions) {
    this.prefix = options.prefix ?? '{ceiling-grid}';
    this.ttlMs = (options.resultTtlDays ?? 7) * DAY_MS;
    const shared = { connection: options.connection, prefix: this.prefix };
    this.flows = new FlowProducer(shared);
    // The queues write the stream cap into the queue's meta hash, which the workers' scripts read.
    const streams = { events: { maxLen: EVENT_STREAM_MAX_LENGTH } };
    this.placement = new Queue(PLACEMENT_QUEUE, { ...shared, streams });
    this.lights = new Queue(LIGHTS_QUEUE, { ...shared, streams });
    this.models = options.flow?.lightModels ?? LIGHT_MODEL_NAMES;
  }

  private get runsKey(): string {
    return `${this.prefix}:runs`;
  }

  /**
   * Adds a run of `room` as one flow. With an idempotency key already seen (within the result
   * TTL), returns that run instead and adds nothing; throws {@link IdempotencyConflictError}
   * when the key came with another room.
   */
  async trigger(room: Room, options: TriggerOptions = {}): Promise<{ runId: string; created: boolean }> {
    const redis = this.options.connection;
    const runId = randomUUID();
    let idempotencyRedisKey: string | undefined;
    if (options.idempotencyKey !== undefined) {
      const claim = await claimIdempotencyKey({
        redis,
        namespace: `${this.prefix}:idempotency`,
        key: options.idempotencyKey,
        id: runId,
        fingerprint: roomFingerprint(room),
        ttlMs: this.ttlMs,
      });
      if (!claim.claimed) return { runId: claim.id, created: false };
      idempotencyRedisKey = claim.redisKey;
    }
    try {
      const now = Date.now();
      await redis
        .multi()
        .zadd(this.runsKey, now, runId)
        .zremrangebyscore(this.runsKey, '-inf', now - this.ttlMs)
        .exec();
      await this.flows.add(
        buildRunFlow(runId, room, {
          ...this.options.flow,
          prefix: this.prefix,
          resultTtlDays: this.ttlMs / DAY_MS,
          source: options.source ?? 'api',
          ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
        }),
      );
    } catch (error) {
      // Nothing half-written: a run that was not added is neither listed nor remembered.
      await Promise.allSettled([
        redis.zrem(this.runsKey, runId),
        idempotencyRedisKey ? redis.del(idempotencyRedisKey) : Promise.resolve(0),
      ]);
      throw error;
    }
    return { runId, created: true };
  }

  /** A run with every stage's state, or `undefined` when no such run is stored. */
  async getRun(runId: string): Promise<RunView | undefined> {
    const ids = runJobIds(runId, this.models);
    const [root, air, ...lightJobs] = await Promise.all([
      Job.fromId<RunJobData, QueuedRunResult>(this.placement, ids.smokeDetectors),
      Job.fromId(this.placement, ids.airSupply),
      ...this.models.map((model) => Job.fromId(this.lights, ids.lights[model])),
    ]);
    // A floor's parent job lives in the same queue; its id is not a run's.
    if (!root || root.name !== JobName.smokeDetectors) return undefined;
    const result = root.returnvalue ?? undefined;
    const selected = result?.stages.lights.selected;
    const stages: StageView[] = [
      ...this.models.map((model, i) => {
        const candidate = result?.stages.lights.candidates.find((c) => c.model === model);
        return stageView('lights', LIGHTS_QUEUE, ids.lights[model], lightJobs[i], {
          model,
          worker: result?.workers.lights[model],
          confidence: candidate?.confidence,
          count: candidate?.count,
          selected: selected === undefined ? undefined : selected === model,
        });
      }),
      stageView('airSupply', PLACEMENT_QUEUE, ids.airSupply, air, {
        worker: result?.workers.airSupply,
        confidence: result?.stages.airSupply?.confidence,
        count: result?.stages.airSupply?.count,
      }),
      stageView('smokeDetectors', PLACEMENT_QUEUE, ids.smokeDetectors, root, {
        worker: result?.workers.smokeDetectors,
        confidence: result?.stages.smokeDetectors?.confidence,
        count: result?.stages.smokeDetectors?.count,
      }),
    ];
    const status = runStatus(stages);
    return {
      ...runBasics(root, status),
      error: status === 'failed' ? air?.failedReason || root.failedReason || 'run failed' : undefined,
      stages,
      ...(result ? { result } : {}),
    };
  }

  /**
   * The room a run was triggered with, as its jobs carry it (the input, without the devices the
   * run placed), or `undefined` when no such run is stored. The dashboard opens it for editing.
   */
  async getRunRoom(runId: string): Promise<Room | undefined> {
    const root = await Job.fromId<RunJobData, QueuedRunResult>(this.placement, runId);
    if (!root || root.name !== JobName.smokeDetectors) return undefined;
    return decodeRoom(root.data.room);
  }

  /** Recent runs, newest first, optionally only those in one status. */
  async listRuns(options: { limit?: number; status?: RunStatus } = {}): Promise<RunListItem[]> {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 200);
    const items: RunListItem[] = [];
    const page = options.status ? 100 : limit;
    // A status filter scans at most 2,000 recent runs, so a rare status cannot make a request unbounded.
    for (let start = 0; items.length < limit && start < 2000; start += page) {
      const runIds = await this.options.connection.zrevrange(this.runsKey, start, start + page - 1);
      if (runIds.length === 0) break;
      const roots = await Promise.all(
        runIds.map((id) => Job.fromId<RunJobData, QueuedRunResult>(this.placement, id)),
      );
      for (const root of roots) {
        if (!root) continue;
        const item = runListItem(root);
        if (!options.status || item.status === options.status) items.push(item);
        if (items.length === limit) break;
      }
      if (runIds.length < page) break;
    }
    return items;
  }

  /** The result of a finished run, or `undefined`. */
  async getResult(runId: string): Promise<QueuedRunResult | undefined> {
    const root = await Job.fromId<RunJobData, QueuedRunResult>(this.placement, runId);
    return root?.returnvalue ?? undefined;
  }

  /** The key prefix of its queues (`QUEUE_PREFIX`), for keys that belong beside them. */
  get queuePrefix(): string {
    return this.prefix;
  }

  /** Queues this service reads, for gauges and dashboards. */
  get queues(): readonly Queue[] {
    return [this.lights, this.placement];
  }

  /** Closes the producer and queues; the connection stays the caller's. */
  async close(): Promise<void> {
    await Promise.all([this.flows.close(), this.placement.close(), this.lights.close()]);
  }
}

function runBasics(root: Job<RunJobData, QueuedRunResult>, status: RunStatus) {
  const result = root.returnvalue ?? undefined;
  return {
    runId: root.id ?? '',
    status,
    roomId: root.data.room.roomId,
    ...(root.data.room.name !== undefined ? { roomName: root.data.room.name } : {}),
    source: root.data.source,
    ...(root.data.requestId !== undefined ? { requestId: root.data.requestId } : {}),
    createdAt: new Date(root.timestamp).toISOString(),
    ...(root.finishedOn ? { finishedAt: new Date(root.finishedOn).toISOString() } : {}),
    ...(result
      ? { durationMs: result.durationMs }
      : root.finishedOn
        ? { durationMs: root.finishedOn - root.timestamp }
        : {}),
  };
}

/** A run's list row from its root job alone (one read): status, counts, compliance. */
export function runListItem(root: Job<RunJobData, QueuedRunResult>): RunListItem {
  const result = root.returnvalue ?? undefined;
  const status: RunStatus = result
    ? 'completed'
    : root.finishedOn && root.failedReason
      ? 'failed'
      : root.processedOn
        ? 'running'
        : 'queued';
  const placed = { light: 0, airSupply: 0, smokeDetector: 0 };
  for (const placement of result?.placements ?? []) placed[placement.type]++;
  return {
    ...runBasics(root, status),
    ...(status === 'failed' ? { error: root.failedReason } : {}),
    ...(result
      ? {
          selectedLightModel: result.stages.lights.selected,
          placed,
          compliant: Boolean(
            result.compliance.lighting?.pass &&
              result.compliance.airSupply?.pass &&
              result.compliance.smokeDetection?.pass,
          ),
        }
      : {}),
  };
}

function stageView(
  stage: StageView['stage'],
  queue: string,
  jobId: string,
  job: Job | undefined,
  extra: Partial<StageView>,
): StageView {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
  if (!job) return { stage, queue, jobId, state: 'removed', attemptsMade: 0, ...defined };
  return {
    stage,
    queue,
    jobId,
    state: jobState(job),
    attemptsMade: job.attemptsMade,
    ...(job.processedOn ? { startedAt: new Date(job.processedOn).toISOString() } : {}),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    ...(job.processedOn && job.finishedOn ? { durationMs: job.finishedOn - job.processedOn } : {}),
    ...(job.processedBy ? { worker: job.processedBy } : {}),
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    ...defined,
  };
}

/** A job's state from the fields already read, without a round trip per job. */
function jobState(job: Job): StageState {
  // A job that succeeded on a retry keeps its old failedReason: the return value decides.
  if (job.finishedOn)
    return job.returnvalue !== null && job.returnvalue !== undefined ? 'completed' : 'failed';
  if (job.failedReason) return 'retrying';
  if (job.processedOn) return 'active';
  return 'waiting';
}

function runStatus(stages: readonly StageView[]): RunStatus {
  const root = stages[stages.length - 1];
  const air = stages[stages.length - 2];
  if (root.state === 'completed') return 'completed';
  if (root.state === 'failed' || air.state === 'failed') return 'failed';
  return stages.some((s) => s.state !== 'waiting' && s.state !== 'removed') ? 'running' : 'queued';
}

/** Identifies the room a key was used with, to catch a reused key on another room. */
export function roomFingerprint(room: Room): string {
  const { tiles, ...fields } = room;
  return createHash('sha256').update(JSON.stringify(fields)).update(tiles).digest('hex').slice(0, 32);
}
