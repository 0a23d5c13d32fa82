/**
 * `npm run bench:event-loop` (or `npm run bench -- --event-loop`): how promptly a light worker
 * answers `/healthz` while it computes a big room (issue 16 item 5). One light-worker process
 * takes the three light jobs of a 500 × 500 room while the bench asks its `/healthz` every
 * `--probe-ms`; once with worker threads (the default `WORKER_THREAD_MIN_TILES`), once with
 * every room inline (`WORKER_THREAD_MIN_TILES=0`). See docs/BENCHMARKS.md "Event loop".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRoom } from '@ceiling-grid/core';
import { buildRunFlow, createRedisConnection, LIGHTS_QUEUE } from '@ceiling-grid/queue';
import { FlowProducer, QueueEvents } from 'bullmq';
import { randomPrefix } from '../support/processes.js';
import { deletePrefix } from '../support/redis-keys.js';
import { machineInfo } from './harness/machine.js';
import { optionsOrExit, parseOptions } from './harness/options.js';
import { logTails, processCpuTimeMs, serviceSpec, startProcesses, stopAll } from './harness/processes.js';
import { openBenchRedis } from './harness/redis.js';
import { emitReport, progress, treeLines } from './harness/report.js';
import { percentiles } from './harness/stats.js';

const OPTIONS = {
  'event-loop': { type: 'boolean', help: 'this bench' },
  size: {
    type: 'integer',
    default: 500,
    quick: 200,
    min: 10,
    max: 500,
    help: 'rows and columns of the room',
  },
  'probe-ms': { type: 'integer', default: 20, min: 1, max: 1000, help: 'time between /healthz requests' },
  'thread-min-tiles': {
    type: 'integer',
    default: 40_000,
    min: 1,
    help: 'WORKER_THREAD_MIN_TILES of the threaded phase',
  },
  'thread-niceness': {
    type: 'integer',
    default: 10,
    min: 0,
    max: 19,
    help: 'WORKER_THREAD_NICENESS of the third phase (the compute threads yield to the main one)',
  },
  'timeout-seconds': { type: 'integer', default: 900, min: 10, help: 'longest one room may take' },
  'redis-url': { type: 'string', valueName: 'URL', help: 'a Redis to use (default: a private redis-server)' },
  quick: { type: 'boolean', help: 'a smoke run: a 200 × 200 room' },
  json: { type: 'boolean', help: 'every figure as one JSON object on stdout; the text on stderr' },
} as const;

/** How long the idle worker is probed first, ms. */
const IDLE_PROBE_MS = 5000;

const options = optionsOrExit((argv) => parseOptions('npm run bench:event-loop', OPTIONS, argv));
const say = progress('event-loop');
const room = syntheticRoom({ rows: options.size, cols: options.size });
const redis = await openBenchRedis(options['redis-url'], { appendOnly: false });
const machine = await machineInfo(redis.url);
const logDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-event-loop-'));

const phases: Record<string, unknown> = {};
try {
  for (const [name, minTiles, niceness] of [
    ['threads', options['thread-min-tiles'], 0],
    ['niceThreads', options['thread-min-tiles'], options['thread-niceness']],
    ['inline', 0, 0],
  ] as const) {
    phases[name] = await measure(name, minTiles, niceness);
  }
} finally {
  await redis.close();
}
const threaded = phases.threads as Awaited<ReturnType<typeof measure>>;
const nice = phases.niceThreads as Awaited<ReturnType<typeof measure>>;
const figures = {
  machine: { ...machine, loadAtEnd: loadavg()[0] },
  settings: { room: `${options.size} × ${options.size} tiles`, probeMs: options['probe-ms'] },
  phases,
  goals: [
    {
      name: '/healthz p99 while a light worker computes the room, with threads',
      value: threaded.healthzMs.p99,
      target: '< 50 ms',
      met: (threaded.healthzMs.p99 ?? Number.POSITIVE_INFINITY) < 50,
    },
    {
      name: `the same with the threads at niceness ${options['thread-niceness']}`,
      value: nice.healthzMs.p99,
      target: '< 50 ms',
      met: (nice.healthzMs.p99 ?? Number.POSITIVE_INFINITY) < 50,
    },
  ],
};
emitReport(options.json, figures, `\n${treeLines(figures).join('\n')}`);
rmSync(logDir, { recursive: true, force: true });
process.exit(0);

/**
 * One light worker with `WORKER_THREAD_MIN_TILES=minTiles` and `WORKER_THREAD_NICENESS=niceness`,
 * probed while it takes the room's light jobs.
 */
async function measure(name: string, minTiles: number, niceness: number) {
  const prefix = randomPrefix('event-loop');
  say(
    `${name}: starting a light worker (WORKER_THREAD_MIN_TILES=${minTiles}, WORKER_THREAD_NICENESS=${niceness})`,
  );
  const [worker] = await startProcesses([serviceSpec('light-worker')], {
    env: {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      WORKER_THREAD_MIN_TILES: String(minTiles),
      WORKER_THREAD_NICENESS: String(niceness),
    },
    logDir,
  });
  const connection = createRedisConnection(redis.url, 'worker', 'bench:event-loop');
  const events = new QueueEvents(LIGHTS_QUEUE, { connection: connection.duplicate(), prefix });
  const flows = new FlowProducer({ connection, prefix });
  try {
    await events.waitUntilReady();
    // The machine's own noise first: the same probes while the worker is idle.
    say(`${name}: /healthz of the idle worker for ${IDLE_PROBE_MS / 1000} s`);
    const idle = probe(worker.baseUrl, options['probe-ms']);
    await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_MS));
    idle.stop();
    const idleLatencies = await idle.latencies;
    // Reading /metrics resets the worker's event-loop delay histogram (prom-client), so the
    // next read covers the compute alone.
    await eventLoopLag(worker.baseUrl);
    const runId = randomUUID();
    const done = lightJobsDone(events, runId, options['timeout-seconds'] * 1000);
    const cpuBefore = processCpuTimeMs(worker.pid);
    const started = performance.now();
    const probing = probe(worker.baseUrl, options['probe-ms']);
    say(
      `${name}: the ${options.size} × ${options.size} room's light jobs, /healthz every ${options['probe-ms']} ms`,
    );
    await flows.add(buildRunFlow(runId, room, { prefix, source: 'bench' }));
    const outcomes = await done.finally(() => probing.stop());
    const latencies = await probing.latencies;
    const lag = await eventLoopLag(worker.baseUrl);
    return {
      workerThreadMinTiles: minTiles,
      workerThreadNiceness: niceness,
      lightJobs: outcomes,
      computeSeconds: +((performance.now() - started) / 1000).toFixed(1),
      workerCpuSeconds: +((processCpuTimeMs(worker.pid) - cpuBefore) / 1000).toFixed(1),
      probes: latencies.length,
      healthzMs: percentiles(latencies),
      over50ms: latencies.filter((ms) => ms >= 50).length,
      healthzIdleMs: percentiles(idleLatencies),
      workerEventLoopDelayMs: lag,
    };
  } catch (error) {
    say(logTails([worker]));
    throw error;
  } finally {
    await stopAll([worker]);
    await Promise.all([events.close(), flows.close()]);
    await connection.quit();
    await deletePrefix(redis.url, prefix);
  }
}

/** Resolves with each light job's outcome once all three of the run's light jobs finished. */
function lightJobsDone(
  events: QueueEvents,
  runId: string,
  timeoutMs: number,
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const outcomes: Record<string, string> = {};
    const settle = (jobId: string, outcome: string) => {
      if (!jobId.startsWith(`${runId}.`)) return;
      outcomes[jobId.slice(runId.length + 1)] = outcome;
      if (Object.keys(outcomes).length === 3) {
        clearTimeout(timer);
        resolve(outcomes);
      }
    };
    const timer = setTimeout(
      () => reject(new Error(`light jobs not done within ${timeoutMs} ms`)),
      timeoutMs,
    );
    events.on('completed', ({ jobId }) => settle(jobId, 'completed'));
    events.on('failed', ({ jobId, failedReason }) => settle(jobId, `failed: ${failedReason}`));
  });
}

/** Asks `GET /healthz` one request at a time, `everyMs` apart, and keeps each answer's latency. */
function probe(baseUrl: string, everyMs: number) {
  // A new connection per request: a kept-alive socket may be closed by the server's keep-alive
  // timeout while its event loop was blocked, and the next request on it would be reset.
  const agent = new Agent({ keepAlive: false, maxSockets: 1 });
  const url = new URL('/healthz', baseUrl);
  let running = true;
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      });
      req.on('error', reject);
      req.end();
    });
  const latencies = (async () => {
    const out: number[] = [];
    while (running) {
      const next = performance.now() + everyMs;
      // A failed request counts as the time it took to fail: the worker did not answer sooner.
      const t0 = performance.now();
      out.push(await once().catch(() => performance.now() - t0));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
    agent.destroy();
    return out;
  })();
  return {
    latencies,
    stop: () => {
      running = false;
    },
  };
}

/**
 * The worker's own event-loop delay since the last read (prom-client's
 * `nodejs_eventloop_lag_*_seconds`, from `monitorEventLoopDelay`), in ms: what the worker saw,
 * whatever delays the bench's own requests on a busy machine.
 */
async function eventLoopLag(baseUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', baseUrl))).text();
  const read = (name: string) => {
    const match = new RegExp(`^nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(
      text,
    );
    return match ? Math.round(Number(match[1]) * 1000 * 10) / 10 : Number.NaN;
  };
  return { p50: read('p50'), p90: read('p90'), p99: read('p99'), max: read('max') };
}
