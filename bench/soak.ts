/**
 * Soak: holds a target rate of runs per second against the local stack for a while, then
 * waits for the queue to drain, and reports what came back.
 *
 *   npm run bench:soak -- --rate 200 --seconds 60
 *
 * Starts a private redis-server (append-only, `everysec`, `noeviction`, 512 MB as in compose;
 * or `--redis-url` to use one, under a random key prefix), the scheduler and the workers as
 * separate processes on loopback ports, and POSTs the sample room to /api/runs open-loop at
 * the target rate (a request is sent when it is due, whether or not earlier ones returned).
 * Afterwards it reads every accepted run's root job from Redis and reports completed, failed
 * and lost runs (lost: accepted, but no finished root job when the queue is empty), trigger to
 * result latency, the rate achieved, CPU per process, and Redis memory before, at its peak,
 * after the drain and after the retention trim. Bounded: at most 200,000 requests, 10 minutes
 * of load and `--drain-seconds` of drain. Exit code 1 when a run was lost or failed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIGHTS_QUEUE, PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { randomPrefix } from '../support/processes.js';
import { machineInfo } from './harness/machine.js';
import { optionsOrExit, parseOptions } from './harness/options.js';
import {
  type BenchProcess,
  type CpuSnapshot,
  cpuPercent,
  cpuSnapshot,
  serviceSpec,
  startProcesses,
  stopAll,
} from './harness/processes.js';
import { type BenchRedis, keysUnder, largestKeys, openBenchRedis, usedMemory } from './harness/redis.js';
import { emitReport, mb, progress, treeLines } from './harness/report.js';
import { countBy, percentiles } from './harness/stats.js';
import {
  classify,
  type Finished,
  FinishedRuns,
  type RunOutcomes,
  stageBreakdown,
  type Trigger,
} from './soak-runs.js';

const TOKEN = 'soak-token-0123456789abcdef';

/** The command line of `npm run bench:soak`, declared once (harness/options.ts parses it and writes the usage). */
const SOAK_OPTIONS = {
  rate: { type: 'number', default: 200, min: 0.1, max: 2000, help: 'runs per second to trigger' },
  seconds: { type: 'integer', default: 60, min: 1, max: 600, help: 'how long to hold the rate' },
  room: {
    type: 'string',
    valueName: 'FILE',
    default: 'data/input/sample_grid.json',
    help: 'the room every run places',
  },
  'light-workers': { type: 'integer', default: 2, min: 1, max: 16, help: 'light-worker processes' },
  'light-concurrency': { type: 'integer', default: 2, min: 1, max: 64, help: 'jobs per light-worker' },
  'placement-workers': { type: 'integer', default: 1, min: 1, max: 16, help: 'placement-worker processes' },
  'placement-concurrency': {
    type: 'integer',
    default: 2,
    min: 1,
    max: 64,
    help: 'jobs per placement-worker',
  },
  'redis-url': {
    type: 'string',
    valueName: 'URL',
    help: 'use this Redis (under a random prefix) instead of a private one',
  },
  'redis-maxmemory': {
    type: 'string',
    default: '512mb',
    help: "the private Redis's maxmemory, as in compose",
  },
  'drain-seconds': {
    type: 'integer',
    default: 300,
    min: 1,
    max: 3600,
    help: 'how long to wait for the queues to drain',
  },
  'max-in-flight': {
    type: 'integer',
    default: 2000,
    min: 1,
    max: 100_000,
    help: 'requests awaiting an answer, at most',
  },
  'log-level': { type: 'string', default: 'warn', help: "the services' LOG_LEVEL" },
  json: { type: 'boolean', help: 'the report as one JSON object on stdout (the text on stderr)' },
} as const;

const options = optionsOrExit((argv) => parseOptions('npm run bench:soak --', SOAK_OPTIONS, argv));
const total = Math.min(200_000, Math.round(options.rate * options.seconds));
const say = progress('soak');
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the soak started, and how it watches the queues. */
interface Stack {
  readonly redis: BenchRedis;
  readonly prefix: string;
  readonly admin: Redis;
  readonly services: readonly BenchProcess[];
  readonly queues: readonly [Queue, Queue];
  readonly finished: FinishedRuns;
  /** The processes whose CPU is sampled, this one included. */
  readonly sampled: readonly { label: string; pid: number }[];
  readonly logDir: string;
  /** Stalled jobs, live from the event streams (best effort: a reader lagging past the streams' cap misses some). */
  stalled: number;
  readonly memory: { before: number; peak: number; afterDrain: number; afterTrim: number };
  /** Stops the samplers and watchers (the services keep running). */
  stopWatching(): Promise<void>;
}

async function startStack(): Promise<Stack> {
  const prefix = randomPrefix('soak');
  const redis = await openBenchRedis(options['redis-url'], {
    appendOnly: true,
    appendFsync: 'everysec',
    maxMemory: options['redis-maxmemory'],
  });
  say(
    `starting redis ${redis.private ? `(private, port ${redis.private.port})` : redis.url}, 1 scheduler, ` +
      `${options['light-workers']} light and ${options['placement-workers']} placement workers`,
  );
  const logDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-soak-'));
  const services = await startProcesses(
    [
      serviceSpec('scheduler'),
      ...Array.from({ length: options['light-workers'] }, (_, i) =>
        serviceSpec('light-worker', `light-worker#${i + 1}`),
      ),
      ...Array.from({ length: options['placement-workers'] }, (_, i) =>
        serviceSpec('placement-worker', `placement-worker#${i + 1}`),
      ),
    ],
    {
      logDir,
      env: {
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        API_TOKEN: TOKEN,
        DAILY_ENABLED: 'false',
        TRIGGER_RATE_LIMIT_PER_MINUTE: '1000000',
        LOG_LEVEL: options['log-level'],
        LIGHT_WORKER_CONCURRENCY: String(options['light-concurrency']),
        PLACEMENT_WORKER_CONCURRENCY: String(options['placement-concurrency']),
      },
    },
  );
  const admin = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = [LIGHTS_QUEUE, PLACEMENT_QUEUE].map(
    (name) => new Queue(name, { connection: admin, prefix }),
  );
  const sampled = [
    ...services.map((s) => ({ label: s.label, pid: s.pid })),
    ...(redis.private?.pid ? [{ label: 'redis-server', pid: redis.private.pid }] : []),
    { label: 'soak client', pid: process.pid },
  ];
  const before = await usedMemory(admin);
  const stack: Stack = {
    redis,
    prefix,
    admin,
    services,
    queues: [queues[0], queues[1]],
    finished: new FinishedRuns(admin, prefix),
    sampled,
    logDir,
    stalled: 0,
    memory: { before, peak: before, afterDrain: 0, afterTrim: 0 },
    stopWatching: async () => undefined,
  };
  stack.stopWatching = await watch(stack);
  return stack;
}

/** Counts stalled jobs, polls the finished runs and samples Redis's memory until the returned stop. */
async function watch(stack: Stack): Promise<() => Promise<void>> {
  const connections: Redis[] = [];
  const watchers = [LIGHTS_QUEUE, PLACEMENT_QUEUE].map((name) => {
    const connection = new Redis(stack.redis.url, { maxRetriesPerRequest: null });
    connections.push(connection);
    const events = new QueueEvents(name, { connection, prefix: stack.prefix, blockingTimeout: 1000 });
    events.on('stalled', () => stack.stalled++);
    return events;
  });
  await Promise.all(watchers.map((w) => w.waitUntilReady()));
  const poller = setInterval(() => stack.finished.poll().catch(() => {}), 500);
  const sampler = setInterval(() => {
    usedMemory(stack.admin).then(
      (bytes) => {
        stack.memory.peak = Math.max(stack.memory.peak, bytes);
      },
      () => {},
    );
  }, 1000);
  return async () => {
    clearInterval(poller);
    clearInterval(sampler);
    await Promise.all(watchers.map((w) => w.close()));
    for (const connection of connections) connection.disconnect();
  };
}

/** The open-loop load: a request whenever one is due, whether or not earlier ones returned. */
async function applyLoad(stack: Stack, body: string) {
  const triggers: Trigger[] = [];
  const pending = new Set<Promise<void>>();
  let notSent = 0;
  const scheduler = stack.services[0];
  const start = now();
  const interval = 1000 / options.rate;
  let lastProgress = start;
  for (let i = 0; i < total; ) {
    const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
    for (; i < due; i++) {
      if (pending.size >= options['max-in-flight']) {
        notSent++;
        continue;
      }
      const trigger: Trigger = { sentAt: now(), status: 0, httpMs: 0 };
      triggers.push(trigger);
      const request = fire(scheduler.baseUrl, body, trigger).finally(() => pending.delete(request));
      pending.add(request);
    }
    if (now() - lastProgress >= 5000) {
      lastProgress = now();
      say(
        `${((lastProgress - start) / 1000).toFixed(0)} s: sent ${triggers.length}, ${pending.size} awaiting an answer, ${stack.finished.size} runs finished`,
      );
    }
    await sleep(Math.max(1, Math.min(20, interval / 2)));
  }
  const end = now();
  await Promise.all(pending);
  return { triggers, notSent, start, end };
}

async function fire(baseUrl: string, body: string, trigger: Trigger): Promise<void> {
  try {
    const response = await fetch(`${baseUrl}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    trigger.status = response.status;
    const answer = (await response.json()) as { runId?: string };
    if (response.status === 202) trigger.runId = answer.runId;
  } catch {
    trigger.status = -1;
  }
  trigger.httpMs = now() - trigger.sentAt;
}

/** Waits until both queues hold nothing but finished jobs, or the bound; when they drained. */
async function drain(stack: Stack): Promise<number | undefined> {
  const deadline = now() + options['drain-seconds'] * 1000;
  let lastProgress = now();
  while (now() < deadline) {
    const counts = await Promise.all(
      stack.queues.map((q) => q.getJobCounts('wait', 'active', 'waiting-children', 'delayed', 'prioritized')),
    );
    const open = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    if (open === 0) return now();
    if (now() - lastProgress >= 5000) {
      lastProgress = now();
      say(`draining: ${open} jobs open, ${stack.finished.size} runs finished`);
    }
    await sleep(250);
  }
  return undefined;
}

/** What the age trim does once RESULT_TTL_DAYS pass, applied now: what was kept before it, what is left after. */
async function retentionTrim(stack: Stack) {
  const { admin, prefix, queues } = stack;
  const placementCompleted = await admin.zrange(`${prefix}:${PLACEMENT_QUEUE}:completed`, '0', '-1');
  const kept = {
    keysRetainedAfterDrain: (await keysUnder(admin, prefix)).length,
    jobsRetainedAfterDrain: {
      lightsCompleted: await admin.zcard(`${prefix}:${LIGHTS_QUEUE}:completed`),
      placementCompleted: placementCompleted.length,
      // Run results still readable: root jobs (ids without a stage suffix).
      rootJobs: placementCompleted.filter((id) => !id.includes('.')).length,
    },
  };
  for (const queue of queues) {
    for (const state of ['completed', 'failed'] as const) {
      while ((await queue.clean(0, 10_000, state)).length > 0) {}
    }
  }
  await admin.zremrangebyscore(`${prefix}:runs`, '-inf', '+inf');
  stack.memory.afterTrim = await usedMemory(admin);
  return {
    ...kept,
    keysAfterRetentionTrim: (await keysUnder(admin, prefix)).length,
    largestKeysAfterTrimKB: await largestKeys(admin, prefix),
  };
}

/** Every accepted run read back, where the time of the median and slowest ones went, and the queues' failures. */
async function readBack(stack: Stack, accepted: readonly Trigger[], loadStart: number) {
  const { admin, prefix } = stack;
  const outcome = await classify(admin, prefix, accepted, stack.finished);
  const byLatency = [...outcome.completed].sort((a, b) => a.latencyMs - b.latencyMs);
  const middle = Math.floor(byLatency.length / 2);
  return {
    outcome,
    whereTheTimeWentMs: {
      medianRun: await stageBreakdown(admin, prefix, byLatency.slice(middle, middle + 1), loadStart),
      slowestRuns: await stageBreakdown(admin, prefix, byLatency.slice(-5).reverse(), loadStart),
    },
    listed: await admin.zcard(`${prefix}:runs`),
    failedJobs: (await stack.queues[0].getFailedCount()) + (await stack.queues[1].getFailedCount()),
  };
}

/** Stops the services (SIGTERM), the watchers and a private Redis, or deletes the prefix from a shared one. */
async function stopStack(stack: Stack, ok: boolean): Promise<number[]> {
  await Promise.all(stack.queues.map((q) => q.close()));
  const codes = await stopAll(stack.services);
  stack.admin.disconnect();
  await stack.redis.close(stack.prefix);
  if (ok) rmSync(stack.logDir, { recursive: true, force: true });
  else say(`service logs kept in ${stack.logDir}`);
  return codes;
}

async function main(): Promise<void> {
  const body = readFileSync(options.room, 'utf8');
  const stack = await startStack();
  const machine = await machineInfo(stack.redis.url);
  const cpu: CpuSnapshot[] = [cpuSnapshot(stack.sampled)];
  const load = await applyLoad(stack, body);
  cpu.push(cpuSnapshot(stack.sampled));
  const accepted = load.triggers.filter((t) => t.status === 202 && t.runId);
  say(
    `load done: ${load.triggers.length} sent in ${((load.end - load.start) / 1000).toFixed(1)} s, ${accepted.length} accepted; draining`,
  );
  const drainedAt = await drain(stack);
  cpu.push(cpuSnapshot(stack.sampled));
  await stack.stopWatching();
  await stack.finished.poll();
  stack.memory.afterDrain = await usedMemory(stack.admin);
  stack.memory.peak = Math.max(stack.memory.peak, stack.memory.afterDrain);
  const read = await readBack(stack, accepted, load.start);
  const retained = await retentionTrim(stack);
  const { outcome } = read;
  const ok = outcome.lost.length === 0 && outcome.failed.length === 0 && outcome.unfinished.length === 0;
  const serviceExitCodes = await stopStack(stack, ok);
  const report = {
    command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { ...machine, loadAtEnd: loadavg()[0] },
    topology: {
      lightWorkers: options['light-workers'],
      lightConcurrency: options['light-concurrency'],
      placementWorkers: options['placement-workers'],
      placementConcurrency: options['placement-concurrency'],
      room: options.room,
      logLevel: options['log-level'],
    },
    target: { rate: options.rate, seconds: options.seconds, requests: total },
    ...figures(stack, load, read, drainedAt, cpu),
    redisMemory: { ...memoryFigures(stack, outcome), ...retained },
    whereTheTimeWentMs: read.whereTheTimeWentMs,
    serviceExitCodes,
    examplesLost: outcome.lost.slice(0, 5),
    examplesFailed: outcome.failed.slice(0, 5),
  };
  emitReport(options.json, report, treeLines(report).join('\n'));
  process.exitCode = ok ? 0 : 1;
}

/** The load, the runs, their latency, throughput and CPU. */
function figures(
  stack: Stack,
  load: Awaited<ReturnType<typeof applyLoad>>,
  read: Awaited<ReturnType<typeof readBack>>,
  drainedAt: number | undefined,
  cpu: readonly CpuSnapshot[],
) {
  const { outcome } = read;
  const loadSeconds = (load.end - load.start) / 1000;
  const finishedInLoad = outcome.completed.filter((r) => r.finishedOn <= load.end).length;
  const lastFinish = Math.max(...outcome.completed.map((r) => r.finishedOn), load.end);
  const sentAt = (r: Finished) => r.finishedOn - r.latencyMs;
  return {
    load: {
      sent: load.triggers.length,
      notSentClientBackPressure: load.notSent,
      sendRate: +(load.triggers.length / loadSeconds).toFixed(1),
      httpStatus: countBy(load.triggers.map((t) => String(t.status))),
      httpLatencyMs: percentiles(load.triggers.map((t) => t.httpMs)),
    },
    runs: {
      accepted: load.triggers.filter((t) => t.status === 202 && t.runId).length,
      completed: outcome.completed.length,
      failed: outcome.failed.length,
      unfinished: outcome.unfinished.length,
      lost: outcome.lost.length,
      listed: read.listed,
      failedJobs: read.failedJobs,
      stalledJobs: stack.stalled,
    },
    latencyMs: percentiles(outcome.completed.map((r) => r.latencyMs)),
    // Without the first 5 s: the first runs after a cold start wait for idle workers to wake.
    latencyMsAfterFirst5s: percentiles(
      outcome.completed.filter((r) => sentAt(r) >= load.start + 5000).map((r) => r.latencyMs),
    ),
    throughput: {
      achievedCompletionsPerSecondDuringLoad: +(finishedInLoad / loadSeconds).toFixed(1),
      achievedCompletionsPerSecondOverall: +(
        outcome.completed.length /
        ((lastFinish - load.start) / 1000)
      ).toFixed(1),
      drainSeconds:
        drainedAt === undefined
          ? `not drained within ${options['drain-seconds']}`
          : +((drainedAt - load.end) / 1000).toFixed(1),
    },
    cpuPercent: { duringLoad: cpuPercent(cpu[0], cpu[1]), duringDrain: cpuPercent(cpu[1], cpu[2]) },
  };
}

function memoryFigures(stack: Stack, outcome: RunOutcomes) {
  const { memory } = stack;
  return {
    beforeMB: mb(memory.before),
    peakMB: mb(memory.peak),
    afterDrainMB: mb(memory.afterDrain),
    perRetainedRunKB:
      outcome.completed.length > 0
        ? +((memory.afterDrain - memory.before) / outcome.completed.length / 1024).toFixed(2)
        : null,
    afterRetentionTrimMB: mb(memory.afterTrim),
  };
}

await main();
