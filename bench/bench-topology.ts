import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LIGHT_MODEL_NAMES, type Room } from '@ceiling-grid/core';
import {
  buildRunFlow,
  createRedisConnection,
  EVENT_STREAM_MAX_LENGTH,
  LIGHTS_QUEUE,
  PLACEMENT_QUEUE,
  type QueuedRunResult,
  type RunView,
  runJobIds,
} from '@ceiling-grid/queue';
import { FlowProducer, Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomPrefix } from '../support/processes.js';
import { deletePrefix } from '../support/redis-keys.js';
import {
  type BenchProcess,
  type ProcessSpec,
  serviceSpec,
  startProcesses,
  stopAll,
} from './harness/processes.js';
import { JsonClient } from './http-json.js';
import { RunCompletions } from './run-completions.js';
import { type RunRecord, type RunTimeline, runTimeline } from './run-timeline.js';

/**
 * Which processors the worker processes run: `noop` do nothing but the queue's own work,
 * `replay` make a real run's Redis calls and return its recorded results without computing
 * them (bench/replay-processors.ts), `real` are the services themselves.
 */
export type WorkerKind = 'noop' | 'replay' | 'real';
/**
 * How a run starts and its result is read: `direct` adds the flow with a FlowProducer and reads
 * the root job (the queue alone); `api` goes through the scheduler, `POST /api/runs` and
 * `GET /api/runs/:id`, as a user would.
 */
export type TriggerKind = 'direct' | 'api';

/** One kind of measured system. */
export interface PhaseSpec {
  readonly name: string;
  readonly workers: WorkerKind;
  readonly trigger: TriggerKind;
}

/** Options of {@link startTopology}. */
export interface TopologyOptions {
  readonly redisUrl: string;
  /** The room every run places (the flow payload is the real one in every phase). */
  readonly room: Room;
  readonly logDir: string;
  readonly lightConcurrency: number;
  readonly placementConcurrency: number;
  /** Where to write `--cpu-prof` profiles, one directory per process; `undefined` = none. */
  readonly cpuProfDir?: string;
}

/** Bytes a run leaves in Redis and sends back to its reader. */
export interface PayloadSizes {
  /** `data` of each job (root, air-supply, one light job). */
  readonly dataBytes: { readonly root: number; readonly airSupply: number; readonly light: number };
  /** `returnvalue` of each job (the light job's is the largest of the three). */
  readonly returnBytes: { readonly root: number; readonly airSupply: number; readonly light: number };
  /** Body of `GET /api/runs/:id` for a completed run (api trigger only). */
  readonly runViewBytes?: number;
  /** The queues' event streams (BullMQ keeps about 10,000 events each; completed events carry the return value). */
  readonly eventStreams: {
    readonly placement: { readonly entries: number; readonly bytes: number };
    readonly lights: { readonly entries: number; readonly bytes: number };
  };
}

/** The processes of one phase: the two workers (real or stand-ins) and, for API runs, the scheduler. */
function phaseProcesses(spec: PhaseSpec): ProcessSpec[] {
  const standIn = (label: string, queue: string, portVariable: string): ProcessSpec => ({
    label,
    script: 'bench/stand-in-worker.ts',
    portVariable,
    env: { BENCH_QUEUE: queue, BENCH_PROCESSORS: spec.workers },
  });
  const workers =
    spec.workers === 'real'
      ? [serviceSpec('light-worker'), serviceSpec('placement-worker')]
      : [
          standIn('light-worker', LIGHTS_QUEUE, 'LIGHT_WORKER_METRICS_PORT'),
          standIn('placement-worker', PLACEMENT_QUEUE, 'PLACEMENT_WORKER_METRICS_PORT'),
        ];
  return spec.trigger === 'api' ? [...workers, serviceSpec('scheduler')] : workers;
}

/**
 * Starts the processes of one phase on a fresh random queue prefix, production topology: one
 * light-worker process, one placement-worker process (real or no-op), and the scheduler when
 * runs go through the API. Everything runs with the production settings (`LOG_LEVEL=info`,
 * `NODE_ENV=production`, concurrency as in `.env`).
 */
export async function startTopology(spec: PhaseSpec, options: TopologyOptions): Promise<Topology> {
  const prefix = randomPrefix('bench');
  const env = {
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    LIGHT_WORKER_CONCURRENCY: String(options.lightConcurrency),
    PLACEMENT_WORKER_CONCURRENCY: String(options.placementConcurrency),
    API_AUTH_DISABLED: 'true',
    DAILY_ENABLED: 'false',
    // The production limit (600/min) would answer 429 to a benchmark; the limiter itself still runs.
    TRIGGER_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const nodeArgs = (label: string) => {
    if (!options.cpuProfDir) return [];
    const dir = join(options.cpuProfDir, spec.name, label);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  };
  const queues = new PhaseQueues(options.redisUrl, prefix, spec.name);
  let processes: BenchProcess[];
  try {
    processes = await startProcesses(phaseProcesses(spec), { env, logDir: options.logDir, nodeArgs });
    await queues.ready();
  } catch (error) {
    await queues.close().catch(() => undefined);
    await deletePrefix(options.redisUrl, prefix);
    throw error;
  }
  return new Topology(spec, prefix, processes, queues, options);
}

/** The harness's own Redis side of a phase: connections, the flow producer, the queues, the completion detector. */
class PhaseQueues {
  readonly connection: Redis;
  private readonly eventsConnection: Redis;
  readonly events: QueueEvents;
  readonly flows: FlowProducer;
  readonly placement: Queue;
  readonly lights: Queue;

  constructor(redisUrl: string, prefix: string, phase: string) {
    this.connection = createRedisConnection(redisUrl, 'worker', `bench:${phase}`);
    this.eventsConnection = createRedisConnection(redisUrl, 'worker', `bench:${phase}:events`);
    // Read events from now on, so none is missed between connecting and the first XREAD.
    this.events = new QueueEvents(PLACEMENT_QUEUE, {
      connection: this.eventsConnection,
      prefix,
      lastEventId: `${Date.now()}-0`,
    });
    this.flows = new FlowProducer({ connection: this.connection, prefix });
    // The same event-stream cap RunService gives the queues, so direct and API phases store alike.
    const streams = { events: { maxLen: EVENT_STREAM_MAX_LENGTH } };
    this.placement = new Queue(PLACEMENT_QUEUE, { connection: this.connection, prefix, streams });
    this.lights = new Queue(LIGHTS_QUEUE, { connection: this.connection, prefix, streams });
  }

  ready(): Promise<unknown> {
    return this.events.waitUntilReady();
  }

  async close(): Promise<void> {
    await Promise.all([this.events.close(), this.flows.close(), this.placement.close(), this.lights.close()]);
    await Promise.all([quit(this.connection), quit(this.eventsConnection)]);
  }
}

/** A running system under test on its own queue prefix. */
export class Topology {
  private readonly completions: RunCompletions;
  private readonly api: JsonClient | undefined;
  private last: string | undefined;
  private records: RunRecord[] = [];
  /** Triggers one run and waits until its result is readable; returns that latency in ms. */
  readonly runOnce: () => Promise<number>;

  constructor(
    readonly spec: PhaseSpec,
    readonly prefix: string,
    readonly processes: readonly BenchProcess[],
    private readonly queues: PhaseQueues,
    private readonly options: TopologyOptions,
  ) {
    this.completions = new RunCompletions(queues.events);
    const scheduler = processes.find((p) => p.label === 'scheduler');
    this.api = scheduler ? new JsonClient(new URL(scheduler.baseUrl)) : undefined;
    this.runOnce = spec.trigger === 'api' ? () => this.runApi() : () => this.runDirect();
  }

  /** The id of the last run that completed. */
  lastRunId(): string | undefined {
    return this.last;
  }

  /** The runs completed since the last call (at most the last 1,000), and forgets them. */
  takeRecords(): RunRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }

  /** Where the latency of `records` went, from their jobs' timestamps. */
  timeline(records: readonly RunRecord[]): Promise<RunTimeline> {
    return runTimeline(this.queues.connection, this.prefix, records, this.spec.workers === 'real');
  }

  /** Stops every process (SIGTERM, held jobs finish), closes connections, deletes the prefix's keys. */
  async close(): Promise<number[]> {
    this.api?.close();
    const codes = await stopAll(this.processes);
    await this.queues.close();
    await deletePrefix(this.options.redisUrl, this.prefix);
    return codes;
  }

  private record(runId: string, triggeredAt: number): void {
    this.last = runId;
    if (this.records.length < 1000) this.records.push({ runId, triggeredAt, readAt: Date.now() });
  }

  private async runDirect(): Promise<number> {
    const runId = randomUUID();
    const triggeredAt = Date.now();
    const t0 = performance.now();
    const finished = this.completions.wait(runId);
    finished.catch(() => undefined); // awaited below; a failed add must not leave it unhandled
    await this.queues.flows.add(
      buildRunFlow(runId, this.options.room, { prefix: this.prefix, source: 'bench' }),
    );
    await finished;
    const root = await Job.fromId<unknown, QueuedRunResult>(this.queues.placement, runId);
    if (!root?.returnvalue) throw new Error(`run ${runId} completed but its result is not readable`);
    const latency = performance.now() - t0;
    this.record(runId, triggeredAt);
    return latency;
  }

  private async runApi(): Promise<number> {
    const api = this.api;
    if (!api) throw new Error('the api trigger needs the scheduler');
    const triggeredAt = Date.now();
    const t0 = performance.now();
    const triggered = await api.send('POST', '/api/runs', '{"sample":true}');
    if (triggered.status !== 202) {
      throw new Error(`POST /api/runs answered ${triggered.status}: ${JSON.stringify(triggered.body)}`);
    }
    const { runId } = triggered.body as { runId: string };
    await this.completions.wait(runId);
    // The root completed; the result is readable through the API from now on. Retry briefly anyway
    // so a reader that raced the event never counts as done early.
    for (let attempt = 0; ; attempt++) {
      const run = (await api.send('GET', `/api/runs/${runId}`)).body as RunView;
      if (run.status === 'completed' && run.result) break;
      if (run.status === 'failed') throw new Error(`run ${runId} failed: ${run.error}`);
      if (attempt > 200) throw new Error(`run ${runId} completed but the API says ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const latency = performance.now() - t0;
    this.record(runId, triggeredAt);
    return latency;
  }

  /** Bytes a run left in Redis (its jobs' data and return values, the event streams) and, for API runs, its view. */
  async payloadSizes(runId: string): Promise<PayloadSizes> {
    const connection = this.queues.connection;
    const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
    const sizes = async (queue: string, id: string) => {
      const key = `${this.prefix}:${queue}:${id}`;
      return Promise.all([connection.hstrlen(key, 'data'), connection.hstrlen(key, 'returnvalue')]);
    };
    const [root, air, ...lights] = await Promise.all([
      sizes(PLACEMENT_QUEUE, ids.smokeDetectors),
      sizes(PLACEMENT_QUEUE, ids.airSupply),
      ...LIGHT_MODEL_NAMES.map((model) => sizes(LIGHTS_QUEUE, ids.lights[model])),
    ]);
    const stream = async (queue: string) => {
      const key = `${this.prefix}:${queue}:events`;
      const [entries, bytes] = await Promise.all([
        connection.xlen(key),
        connection.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') as Promise<number | null>,
      ]);
      return { entries, bytes: bytes ?? 0 };
    };
    const [placementEvents, lightEvents] = await Promise.all([stream(PLACEMENT_QUEUE), stream(LIGHTS_QUEUE)]);
    const runView = this.api ? (await this.api.send('GET', `/api/runs/${runId}`)).bytes : undefined;
    return {
      dataBytes: { root: root[0], airSupply: air[0], light: Math.max(...lights.map((l) => l[0])) },
      returnBytes: { root: root[1], airSupply: air[1], light: Math.max(...lights.map((l) => l[1])) },
      ...(runView !== undefined ? { runViewBytes: runView } : {}),
      eventStreams: { placement: placementEvents, lights: lightEvents },
    };
  }
}

async function quit(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}
