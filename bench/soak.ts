/**
 * Soak: holds a target rate of runs per second against the local stack for a while, then
 * waits for the queue to drain, and reports what came back.
 *
 *   npx tsx bench/soak.ts --rate 200 --seconds 60        (npm run bench:soak -- --rate 200 --seconds 60)
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
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { LIGHT_MODEL_NAMES } from '@ceiling-grid/core';
import { LIGHTS_QUEUE, PLACEMENT_QUEUE, runJobIds } from '@ceiling-grid/queue';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { type PrivateRedis, startPrivateRedis } from '../support/private-redis.js';
import { deletePrefix } from '../test/support/redis-cleanup.js';
import { randomPrefix, type ServiceProcess, startService } from '../test/support/service-process.js';

const TOKEN = 'soak-token-0123456789abcdef';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    room: { type: 'string', default: 'data/input/sample_grid.json' },
    'light-workers': { type: 'string', default: '2' },
    'light-concurrency': { type: 'string', default: '2' },
    'placement-workers': { type: 'string', default: '1' },
    'placement-concurrency': { type: 'string', default: '2' },
    'redis-url': { type: 'string' },
    'redis-maxmemory': { type: 'string', default: '512mb' },
    'drain-seconds': { type: 'string', default: '300' },
    'max-in-flight': { type: 'string', default: '2000' },
    'log-level': { type: 'string', default: 'warn' },
    json: { type: 'boolean', default: false },
  },
});

function intArg(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name} must be a number from ${min} to ${max} (got ${args[name]})`);
    process.exit(2);
  }
  return value;
}

const rate = intArg('rate', 0.1, 2000);
const seconds = intArg('seconds', 1, 600);
const total = Math.min(200_000, Math.round(rate * seconds));
const drainSeconds = intArg('drain-seconds', 1, 3600);
const maxInFlight = intArg('max-in-flight', 1, 100_000);
const lightWorkers = intArg('light-workers', 1, 16);
const placementWorkers = intArg('placement-workers', 1, 16);

/** One POST /api/runs. */
interface Trigger {
  /** Wall clock (ms) when the request was sent. */
  sentAt: number;
  status: number;
  httpMs: number;
  runId?: string;
}

/** A process whose CPU time is sampled from /proc. */
interface Sampled {
  label: string;
  pid: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const body = readFileSync(args.room!, 'utf8');
  const prefix = randomPrefix('soak');
  let privateRedis: PrivateRedis | undefined;
  let redisUrl = args['redis-url'];
  if (!redisUrl) {
    privateRedis = await startPrivateRedis({
      appendOnly: true,
      appendFsync: 'everysec',
      maxMemory: args['redis-maxmemory'],
    });
    redisUrl = privateRedis.url;
  }
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const env = {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    API_TOKEN: TOKEN,
    DAILY_ENABLED: 'false',
    TRIGGER_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: args['log-level']!,
    LIGHT_WORKER_CONCURRENCY: args['light-concurrency']!,
    PLACEMENT_WORKER_CONCURRENCY: args['placement-concurrency']!,
  };
  log(
    `starting redis ${privateRedis ? `(private, port ${privateRedis.port})` : redisUrl}, 1 scheduler, ${lightWorkers} light and ${placementWorkers} placement workers`,
  );
  const services = await Promise.all([
    startService('scheduler', env),
    ...Array.from({ length: lightWorkers }, () => startService('light-worker', env)),
    ...Array.from({ length: placementWorkers }, () => startService('placement-worker', env)),
  ]);
  const scheduler = services[0];
  const lights = new Queue(LIGHTS_QUEUE, { connection: admin, prefix });
  const placement = new Queue(PLACEMENT_QUEUE, { connection: admin, prefix });
  // Stalled jobs, live from the event streams (best effort: a reader that lags past the streams'
  // 1,000-event cap misses some).
  let stalled = 0;
  const watcherConnections: Redis[] = [];
  const watchers = [LIGHTS_QUEUE, PLACEMENT_QUEUE].map((name) => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    watcherConnections.push(connection);
    const events = new QueueEvents(name, { connection, prefix, blockingTimeout: 1000 });
    events.on('stalled', () => stalled++);
    return events;
  });
  await Promise.all(watchers.map((w) => w.waitUntilReady()));
  // Finished runs, from the placement queue's completed and failed sets (score: finish time),
  // read as they grow: retention trims those sets (and the root jobs) past 20,000 entries, so a
  // long soak cannot read every run back at the end.
  const finished = new FinishedRuns(admin, prefix);
  const finishedPoller = setInterval(() => finished.poll().catch(() => {}), 500);

  const sampled: Sampled[] = [
    ...services.map((s, i) => ({ label: i === 0 ? 'scheduler' : `${s.name}#${i}`, pid: s.child.pid! })),
    ...(privateRedis?.pid ? [{ label: 'redis-server', pid: privateRedis.pid }] : []),
    { label: 'soak client', pid: process.pid },
  ];
  const memory = { before: await usedMemory(admin), peak: 0, afterDrain: 0, afterTrim: 0 };
  memory.peak = memory.before;
  const memorySampler = setInterval(() => {
    usedMemory(admin).then(
      (bytes) => {
        memory.peak = Math.max(memory.peak, bytes);
      },
      () => {},
    );
  }, 1000);

  // Load: open loop at the target rate.
  const triggers: Trigger[] = [];
  const pending = new Set<Promise<void>>();
  let notSent = 0;
  const cpuAtStart = cpuTimes(sampled);
  const loadStart = now();
  const interval = 1000 / rate;
  let lastProgress = loadStart;
  for (let i = 0; i < total; ) {
    const due = Math.min(total, Math.floor((now() - loadStart) / interval) + 1);
    for (; i < due; i++) {
      if (pending.size >= maxInFlight) {
        notSent++;
        continue;
      }
      const trigger: Trigger = { sentAt: now(), status: 0, httpMs: 0 };
      triggers.push(trigger);
      const request = fire(scheduler, body, trigger).finally(() => pending.delete(request));
      pending.add(request);
    }
    if (now() - lastProgress >= 5000) {
      lastProgress = now();
      log(
        `${((lastProgress - loadStart) / 1000).toFixed(0)} s: sent ${triggers.length}, ${pending.size} awaiting an answer, ${finished.size} runs finished`,
      );
    }
    await sleep(Math.max(1, Math.min(20, interval / 2)));
  }
  const loadEnd = now();
  await Promise.all(pending);
  const cpuAtLoadEnd = cpuTimes(sampled);
  const accepted = triggers.filter((t) => t.status === 202 && t.runId);
  log(
    `load done: ${triggers.length} sent in ${((loadEnd - loadStart) / 1000).toFixed(1)} s, ${accepted.length} accepted; draining`,
  );

  // Drain: until both queues hold nothing but finished jobs, or the bound.
  const drainDeadline = now() + drainSeconds * 1000;
  let drainedAt: number | undefined;
  while (now() < drainDeadline) {
    const counts = await Promise.all(
      [lights, placement].map((q) =>
        q.getJobCounts('wait', 'active', 'waiting-children', 'delayed', 'prioritized'),
      ),
    );
    const open = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    if (open === 0) {
      drainedAt = now();
      break;
    }
    if (now() - lastProgress >= 5000) {
      lastProgress = now();
      log(`draining: ${open} jobs open, ${finished.size} runs finished`);
    }
    await sleep(250);
  }
  const cpuAtDrainEnd = cpuTimes(sampled);
  clearInterval(memorySampler);
  clearInterval(finishedPoller);
  await finished.poll();
  memory.afterDrain = await usedMemory(admin);
  memory.peak = Math.max(memory.peak, memory.afterDrain);

  // Every accepted run, read back from its root job.
  const outcome = await classify(admin, prefix, accepted, finished);
  const byLatency = [...outcome.completed].sort((a, b) => a.latencyMs - b.latencyMs);
  const slowest = await stageBreakdown(admin, prefix, byLatency.slice(-5).reverse(), loadStart);
  const middle = Math.floor(byLatency.length / 2);
  const median = await stageBreakdown(admin, prefix, byLatency.slice(middle, middle + 1), loadStart);
  const listed = await admin.zcard(`${prefix}:runs`);
  const failedJobs = (await lights.getFailedCount()) + (await placement.getFailedCount());

  // Retention: what the age trim does once RESULT_TTL_DAYS pass, applied now.
  const retainedKeys = await countKeys(admin, prefix);
  const placementCompleted = await admin.zrange(`${prefix}:${PLACEMENT_QUEUE}:completed`, '0', '-1');
  const retainedJobs = {
    lightsCompleted: await admin.zcard(`${prefix}:${LIGHTS_QUEUE}:completed`),
    placementCompleted: placementCompleted.length,
    // Run results still readable: root jobs (ids without a stage suffix).
    rootJobs: placementCompleted.filter((id) => !id.includes('.')).length,
  };
  for (const queue of [lights, placement]) {
    for (const state of ['completed', 'failed'] as const) {
      while ((await queue.clean(0, 10_000, state)).length > 0) {}
    }
  }
  await admin.zremrangebyscore(`${prefix}:runs`, '-inf', '+inf');
  memory.afterTrim = await usedMemory(admin);
  const keysAfterTrim = await countKeys(admin, prefix);
  const residue = await largestKeys(admin, prefix);

  await Promise.all(watchers.map((w) => w.close()));
  for (const connection of watcherConnections) connection.disconnect();
  await Promise.all([lights.close(), placement.close()]);
  const exitCodes = await Promise.all(services.map((s) => s.stop('SIGTERM')));
  if (!privateRedis) await deletePrefix(redisUrl, prefix);
  const redisVersion = (await admin.info('server')).match(/redis_version:(\S+)/)?.[1];
  admin.disconnect();
  await privateRedis?.close();

  const loadSeconds = (loadEnd - loadStart) / 1000;
  const latencies = outcome.completed.map((r) => r.latencyMs).sort((a, b) => a - b);
  const finishedInLoad = outcome.completed.filter((r) => r.finishedOn <= loadEnd).length;
  const lastFinish = Math.max(...outcome.completed.map((r) => r.finishedOn), loadEnd);
  const report = {
    command: `npx tsx bench/soak.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadAverageAfter: loadavg().map((l) => +l.toFixed(2)),
      node: process.version,
      redis: redisVersion,
    },
    topology: {
      lightWorkers,
      lightConcurrency: Number(args['light-concurrency']),
      placementWorkers,
      placementConcurrency: Number(args['placement-concurrency']),
      room: args.room,
      logLevel: args['log-level'],
    },
    target: { rate, seconds, requests: total },
    load: {
      sent: triggers.length,
      notSentClientBackPressure: notSent,
      sendRate: +(triggers.length / loadSeconds).toFixed(1),
      httpStatus: countBy(triggers.map((t) => String(t.status))),
      httpLatencyMs: percentiles(triggers.map((t) => t.httpMs).sort((a, b) => a - b)),
    },
    runs: {
      accepted: accepted.length,
      completed: outcome.completed.length,
      failed: outcome.failed.length,
      unfinished: outcome.unfinished.length,
      lost: outcome.lost.length,
      listed,
      failedJobs,
      stalledJobs: stalled,
    },
    latencyMs: percentiles(latencies),
    // Without the first 5 s: the first runs after a cold start wait for idle workers to wake.
    latencyMsAfterFirst5s: percentiles(
      outcome.completed
        .filter((r) => r.finishedOn - r.latencyMs >= loadStart + 5000)
        .map((r) => r.latencyMs)
        .sort((a, b) => a - b),
    ),
    throughput: {
      achievedCompletionsPerSecondDuringLoad: +(finishedInLoad / loadSeconds).toFixed(1),
      achievedCompletionsPerSecondOverall: +(
        outcome.completed.length /
        ((lastFinish - loadStart) / 1000)
      ).toFixed(1),
      drainSeconds:
        drainedAt === undefined
          ? `not drained within ${drainSeconds}`
          : +((drainedAt - loadEnd) / 1000).toFixed(1),
    },
    cpuPercent: {
      duringLoad: cpuPercent(cpuAtStart, cpuAtLoadEnd),
      duringDrain: cpuPercent(cpuAtLoadEnd, cpuAtDrainEnd),
    },
    redisMemory: {
      beforeMB: mb(memory.before),
      peakMB: mb(memory.peak),
      afterDrainMB: mb(memory.afterDrain),
      perRetainedRunKB:
        outcome.completed.length > 0
          ? +((memory.afterDrain - memory.before) / outcome.completed.length / 1024).toFixed(2)
          : null,
      afterRetentionTrimMB: mb(memory.afterTrim),
      keysRetainedAfterDrain: retainedKeys,
      jobsRetainedAfterDrain: retainedJobs,
      keysAfterRetentionTrim: keysAfterTrim,
      largestKeysAfterTrimKB: residue,
    },
    whereTheTimeWentMs: { medianRun: median, slowestRuns: slowest },
    serviceExitCodes: exitCodes,
    examplesLost: outcome.lost.slice(0, 5),
    examplesFailed: outcome.failed.slice(0, 5),
  };
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  const ok = outcome.lost.length === 0 && outcome.failed.length === 0 && outcome.unfinished.length === 0;
  process.exitCode = ok ? 0 : 1;
}

async function fire(scheduler: ServiceProcess, body: string, trigger: Trigger): Promise<void> {
  try {
    const response = await fetch(`${scheduler.baseUrl}/api/runs`, {
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

interface Finished {
  runId: string;
  finishedOn: number;
  latencyMs: number;
}

/**
 * The placement queue's finished root jobs (run ids; stage jobs are `<runId>.<stage>`) with
 * their finish times, read incrementally from the completed and failed sets.
 */
class FinishedRuns {
  readonly runs = new Map<string, { finishedOn: number; failed: boolean }>();
  private readonly from = { completed: 0, failed: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get size(): number {
    return this.runs.size;
  }

  async poll(): Promise<void> {
    for (const state of ['completed', 'failed'] as const) {
      const flat = await this.redis.zrangebyscore(
        `${this.prefix}:${PLACEMENT_QUEUE}:${state}`,
        this.from[state],
        '+inf',
        'WITHSCORES',
      );
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [jobId, score] = [flat[i], Number(flat[i + 1])];
        // From the last score inclusive: ties at the boundary are read twice, the map dedupes.
        this.from[state] = Math.max(this.from[state], score);
        if (!jobId.includes('.') && !this.runs.has(jobId)) {
          this.runs.set(jobId, { finishedOn: score, failed: state === 'failed' });
        }
      }
    }
  }
}

interface Finished {
  runId: string;
  finishedOn: number;
  latencyMs: number;
}

/**
 * Every accepted run: completed or failed as the finished sets said, else read from its root
 * job (unfinished), else lost: accepted, never seen finished, and no such job.
 */
async function classify(redis: Redis, prefix: string, accepted: readonly Trigger[], finished: FinishedRuns) {
  const completed: Finished[] = [];
  const failed: { runId: string; reason: string }[] = [];
  const unfinished: string[] = [];
  const lost: string[] = [];
  const unseen: Trigger[] = [];
  for (const t of accepted) {
    const seen = finished.runs.get(t.runId!);
    if (!seen) unseen.push(t);
    else if (seen.failed) failed.push({ runId: t.runId!, reason: 'failed' });
    else
      completed.push({ runId: t.runId!, finishedOn: seen.finishedOn, latencyMs: seen.finishedOn - t.sentAt });
  }
  // Not seen in the finished sets (the poll missed it, or it never finished): its root job decides.
  for (let i = 0; i < unseen.length; i += 1000) {
    const chunk = unseen.slice(i, i + 1000);
    const pipeline = redis.pipeline();
    for (const t of chunk) {
      const key = `${prefix}:${PLACEMENT_QUEUE}:${t.runId}`;
      pipeline.exists(key);
      pipeline.hmget(key, 'finishedOn', 'failedReason');
      pipeline.hstrlen(key, 'returnvalue');
    }
    const replies = (await pipeline.exec()) ?? [];
    chunk.forEach((t, j) => {
      const exists = replies[3 * j][1] as number;
      const [finishedOn, failedReason] = replies[3 * j + 1][1] as (string | null)[];
      const resultBytes = replies[3 * j + 2][1] as number;
      const runId = t.runId!;
      if (!exists) lost.push(runId);
      else if (finishedOn && resultBytes > 0) {
        completed.push({ runId, finishedOn: Number(finishedOn), latencyMs: Number(finishedOn) - t.sentAt });
      } else if (finishedOn) failed.push({ runId, reason: failedReason ?? 'failed' });
      else unfinished.push(runId);
    });
  }
  return { completed, failed, unfinished, lost };
}

/**
 * Where a run's time went, from its jobs' timestamps (ms after the trigger was sent): waiting
 * for a light worker, the light jobs, waiting for the placement worker, air supply, waiting
 * again, smoke detectors; and how many attempts the jobs took (more than 5: a retry or a
 * stall). Runs whose jobs retention already removed are left out.
 */
async function stageBreakdown(redis: Redis, prefix: string, runs: readonly Finished[], loadStart: number) {
  const out: Record<string, number | string>[] = [];
  for (const run of runs) {
    const ids = runJobIds(run.runId, LIGHT_MODEL_NAMES);
    const read = (queue: string, id: string) =>
      redis.hmget(`${prefix}:${queue}:${id}`, 'processedOn', 'finishedOn', 'ats');
    const [root, air, ...lightJobs] = await Promise.all([
      read(PLACEMENT_QUEUE, ids.smokeDetectors),
      read(PLACEMENT_QUEUE, ids.airSupply),
      ...LIGHT_MODEL_NAMES.map((model) => read(LIGHTS_QUEUE, ids.lights[model])),
    ]);
    if ([root, air, ...lightJobs].some((job) => job[1] === null)) continue;
    const t0 = run.finishedOn - run.latencyMs;
    const at = (value: string | null) => Number(value) - t0;
    const lightStart = Math.min(...lightJobs.map((job) => at(job[0])));
    const lightEnd = Math.max(...lightJobs.map((job) => at(job[1])));
    out.push({
      runId: run.runId,
      sentAtSecond: +((t0 - loadStart) / 1000).toFixed(1),
      total: Math.round(run.latencyMs),
      waitForLightWorker: Math.round(lightStart),
      lights: Math.round(lightEnd - lightStart),
      waitForAirSupply: Math.round(at(air[0]) - lightEnd),
      airSupply: Math.round(at(air[1]) - at(air[0])),
      waitForSmoke: Math.round(at(root[0]) - at(air[1])),
      smokeDetectors: Math.round(at(root[1]) - at(root[0])),
      attempts: [root, air, ...lightJobs].reduce((sum, job) => sum + Number(job[2] ?? 0), 0),
    });
  }
  return out;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(info.match(/used_memory:(\d+)/)?.[1] ?? 0);
}

async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

/** The biggest keys under the prefix, in kB (what is left after the trim). */
async function largestKeys(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const sizes: [string, number][] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const bytes = (await redis.memory('USAGE', key, 'SAMPLES', 0)) as number | null;
      sizes.push([key.slice(prefix.length + 1), bytes ?? 0]);
    }
  } while (cursor !== '0');
  sizes.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(sizes.slice(0, 4).map(([key, bytes]) => [key, +(bytes / 1024).toFixed(1)]));
}

/** User + system CPU seconds of each process, from /proc (Linux). */
function cpuTimes(processes: readonly Sampled[]): { at: number; seconds: Map<string, number> } {
  const seconds = new Map<string, number>();
  for (const { label, pid } of processes) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
      seconds.set(label, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process is gone.
    }
  }
  return { at: now(), seconds };
}

function cpuPercent(
  from: ReturnType<typeof cpuTimes>,
  to: ReturnType<typeof cpuTimes>,
): Record<string, number> {
  const wall = (to.at - from.at) / 1000;
  const out: Record<string, number> = {};
  let sum = 0;
  for (const [label, end] of to.seconds) {
    const value = ((end - (from.seconds.get(label) ?? end)) / wall) * 100;
    out[label] = Math.round(value);
    sum += value;
  }
  out.total = Math.round(sum);
  return out;
}

function percentiles(sorted: readonly number[]) {
  if (sorted.length === 0) return { p50: null, p90: null, p99: null, max: null };
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(sorted[sorted.length - 1]) };
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}

const mb = (bytes: number) => +(bytes / 1_048_576).toFixed(1);

function log(message: string): void {
  process.stderr.write(`[soak] ${message}\n`);
}

function printReport(report: Record<string, unknown>): void {
  const lines: string[] = [];
  const walk = (value: unknown, indent: string) => {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
        lines.push(`${indent}${key}:`);
        walk(inner, `${indent}  `);
      } else lines.push(`${indent}${key}: ${Array.isArray(inner) ? JSON.stringify(inner) : inner}`);
    }
  };
  walk(report, '');
  console.log(lines.join('\n'));
}

await main();
