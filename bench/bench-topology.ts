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
import { deletePrefix } from '../test/support/redis-cleanup.js';
import { randomPrefix } from '../test/support/service-process.js';
import { type BenchProcess, startBenchProcess } from './bench-process.js';
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

/** A running system under test on its own queue prefix. */
export interface Topology {
  readonly spec: PhaseSpec;
  readonly prefix: string;
  readonly processes: readonly BenchProcess[];
  /** Triggers one run and waits until its result is readable; returns that latency in ms. */
  runOnce(): Promise<number>;
  /** The id of the last run that completed. */
  lastRunId(): string | undefined;
  /** The runs completed since the last call (at most the last 1,000), and forgets them. */
  takeRecords(): RunRecord[];
  /** Where the latency of `records` went, from their jobs' timestamps. */
  timeline(records: readonly RunRecord[]): Promise<RunTimeline>;
  payloadSizes(runId: string): Promise<PayloadSizes>;
  /** Stops every process (SIGTERM, held jobs finish), closes connections, deletes the prefix's keys. */
  close(): Promise<number[]>;
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
  const specs: { label: string; script: string; port: string; standIn?: Record<string, string> }[] =
    spec.workers === 'real'
      ? [
          {
            label: 'light-worker',
            script: 'services/light-worker/src/main.ts',
            port: 'LIGHT_WORKER_METRICS_PORT',
          },
          {
            label: 'placement-worker',
            script: 'services/placement-worker/src/main.ts',
            port: 'PLACEMENT_WORKER_METRICS_PORT',
          },
        ]
      : [
          {
            label: 'light-worker',
            script: 'bench/stand-in-worker.ts',
            port: 'LIGHT_WORKER_METRICS_PORT',
            standIn: { BENCH_QUEUE: LIGHTS_QUEUE, BENCH_PROCESSORS: spec.workers },
          },
          {
            label: 'placement-worker',
            script: 'bench/stand-in-worker.ts',
            port: 'PLACEMENT_WORKER_METRICS_PORT',
            standIn: { BENCH_QUEUE: PLACEMENT_QUEUE, BENCH_PROCESSORS: spec.workers },
          },
        ];
  if (spec.trigger === 'api') {
    specs.push({ label: 'scheduler', script: 'services/scheduler/src/main.ts', port: 'SCHEDULER_PORT' });
  }
  const processes: BenchProcess[] = [];
  const connection = createRedisConnection(options.redisUrl, 'worker', `bench:${spec.name}`);
  const eventsConnection = createRedisConnection(options.redisUrl, 'worker', `bench:${spec.name}:events`);
  // Read events from now on, so none is missed between connecting and the first XREAD.
  const events = new QueueEvents(PLACEMENT_QUEUE, {
    connection: eventsConnection,
    prefix,
    lastEventId: `${Date.now()}-0`,
  });
  const flows = new FlowProducer({ connection, prefix });
  // The same event-stream cap RunService gives the queues, so direct and API phases store alike.
  const streams = { events: { maxLen: EVENT_STREAM_MAX_LENGTH } };
  const placement = new Queue(PLACEMENT_QUEUE, { connection, prefix, streams });
  const lights = new Queue(LIGHTS_QUEUE, { connection, prefix, streams });
  const close = async () => {
    const codes = await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([events.close(), flows.close(), placement.close(), lights.close()]);
    await Promise.all([quit(connection), quit(eventsConnection)]);
    await deletePrefix(options.redisUrl, prefix);
    return codes.map((code) => code ?? -1);
  };
  try {
    const started = await Promise.allSettled(
      specs.map((s) =>
        startBenchProcess({
          label: s.label,
          script: s.script,
          env: { ...env, ...s.standIn },
          portVariable: s.port,
          logDir: options.logDir,
          nodeArgs: nodeArgs(s.label),
        }),
      ),
    );
    for (const outcome of started) if (outcome.status === 'fulfilled') processes.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    await events.waitUntilReady();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const completions = new RunCompletions(events);
  const scheduler = processes.find((p) => p.label === 'scheduler');
  const api = scheduler ? new JsonClient(new URL(`http://127.0.0.1:${scheduler.port}`)) : undefined;
  let last: string | undefined;
  let records: RunRecord[] = [];
  const record = (runId: string, triggeredAt: number) => {
    last = runId;
    if (records.length < 1000) records.push({ runId, triggeredAt, readAt: Date.now() });
  };

  const runDirect = async (): Promise<number> => {
    const runId = randomUUID();
    const triggeredAt = Date.now();
    const t0 = performance.now();
    const finished = completions.wait(runId);
    finished.catch(() => undefined); // awaited below; a failed add must not leave it unhandled
    await flows.add(buildRunFlow(runId, options.room, { prefix, source: 'bench' }));
    await finished;
    const root = await Job.fromId<unknown, QueuedRunResult>(placement, runId);
    if (!root?.returnvalue) throw new Error(`run ${runId} completed but its result is not readable`);
    const latency = performance.now() - t0;
    record(runId, triggeredAt);
    return latency;
  };

  const runApi = async (): Promise<number> => {
    const triggeredAt = Date.now();
    const t0 = performance.now();
    if (!api) throw new Error('the api trigger needs the scheduler');
    const triggered = await api.send('POST', '/api/runs', '{"sample":true}');
    if (triggered.status !== 202) {
      throw new Error(`POST /api/runs answered ${triggered.status}: ${JSON.stringify(triggered.body)}`);
    }
    const { runId } = triggered.body as { runId: string };
    await completions.wait(runId);
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
    record(runId, triggeredAt);
    return latency;
  };

  return {
    spec,
    prefix,
    processes,
    runOnce: spec.trigger === 'api' ? runApi : runDirect,
    lastRunId: () => last,
    takeRecords: () => {
      const taken = records;
      records = [];
      return taken;
    },
    timeline: (taken) => runTimeline(connection, prefix, taken, spec.workers === 'real'),
    async payloadSizes(runId) {
      const ids = runJobIds(runId, LIGHT_MODEL_NAMES);
      const sizes = async (queue: string, id: string) => {
        const key = `${prefix}:${queue}:${id}`;
        return Promise.all([connection.hstrlen(key, 'data'), connection.hstrlen(key, 'returnvalue')]);
      };
      const [root, air, ...lights] = await Promise.all([
        sizes(PLACEMENT_QUEUE, ids.smokeDetectors),
        sizes(PLACEMENT_QUEUE, ids.airSupply),
        ...LIGHT_MODEL_NAMES.map((model) => sizes(LIGHTS_QUEUE, ids.lights[model])),
      ]);
      const stream = async (queue: string) => {
        const key = `${prefix}:${queue}:events`;
        const [entries, bytes] = await Promise.all([
          connection.xlen(key),
          connection.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') as Promise<number | null>,
        ]);
        return { entries, bytes: bytes ?? 0 };
      };
      const [placementEvents, lightEvents] = await Promise.all([
        stream(PLACEMENT_QUEUE),
        stream(LIGHTS_QUEUE),
      ]);
      const runView = api ? (await api.send('GET', `/api/runs/${runId}`)).bytes : undefined;
      return {
        dataBytes: { root: root[0], airSupply: air[0], light: Math.max(...lights.map((l) => l[0])) },
        returnBytes: { root: root[1], airSupply: air[1], light: Math.max(...lights.map((l) => l[1])) },
        ...(runView !== undefined ? { runViewBytes: runView } : {}),
        eventStreams: { placement: placementEvents, lights: lightEvents },
      };
    },
    close: async () => {
      api?.close();
      return close();
    },
  };
}

async function quit(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}
