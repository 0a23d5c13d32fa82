import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLACEMENT_QUEUE, RunService } from '@ceiling-grid/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.js';
import { randomPrefix, type ServiceProcess, startService } from '../support/service-process.js';
import {
  type EventRecorder,
  expectEachRunCompliantOnce,
  recordQueueEvents,
  sleep,
  waitForRuns,
} from './run-tracking.js';

/**
 * Redis restart: the whole stack (scheduler, light worker, placement worker) runs against a
 * private append-only Redis that the test stops and starts again in the middle of a batch.
 * The services must ride it out in the same processes, the API must answer 503 (not hang)
 * while Redis is away, and every run acknowledged before or after must complete.
 */
const TOKEN = 'restart-token-0123456789abcdef';
const ROOMS_DIR = fileURLToPath(new URL('../../data/rooms/', import.meta.url));
const ROOMS = ['corridor', 'office-open-plan', 'existing-devices', 'classroom-metric'];
const BEFORE = 60;
const AFTER = 20;

const prefix = randomPrefix('restart');
let privateRedis: PrivateRedis;
let services: ServiceProcess[] = [];
let reader: Redis;
let runs: RunService;
let recorder: EventRecorder;

beforeAll(async () => {
  privateRedis = await startPrivateRedis({ appendOnly: true, appendFsync: 'always' });
  const env = {
    REDIS_URL: privateRedis.url,
    QUEUE_PREFIX: prefix,
    API_TOKEN: TOKEN,
    DAILY_ENABLED: 'false',
    JOB_BACKOFF_MS: '50',
  };
  services = await Promise.all([
    startService('scheduler', env),
    startService('light-worker', env),
    startService('placement-worker', env),
  ]);
  // The test's own reader waits through the outage instead of failing.
  reader = new Redis(privateRedis.url, { maxRetriesPerRequest: null });
  reader.on('error', () => {
    // Refused connections while Redis is down are the point of the test.
  });
  runs = new RunService({ connection: reader, prefix });
  for (const queue of runs.queues) queue.on('error', () => {});
  recorder = recordQueueEvents(privateRedis.url, prefix, [PLACEMENT_QUEUE]);
}, 60_000);

afterAll(async () => {
  await recorder?.stop();
  const codes = await Promise.all(services.map((service) => service.stop('SIGTERM')));
  await runs?.close();
  reader?.disconnect();
  await privateRedis?.close();
  expect(codes).toEqual(services.map(() => 0));
});

const bodies = ROOMS.map((name) => readFileSync(`${ROOMS_DIR}${name}.json`, 'utf8'));

async function trigger(scheduler: ServiceProcess, count: number): Promise<string[]> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`${scheduler.baseUrl}/api/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: bodies[i % bodies.length],
      }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => 202));
  return Promise.all(responses.map(async (r) => ((await r.json()) as { runId: string }).runId));
}

describe('Redis restarted mid-batch', () => {
  it('services reconnect in the same processes, the API says 503 meanwhile, and every run completes', async () => {
    const [scheduler] = services;
    const pids = services.map((s) => s.child.pid);
    const before = await trigger(scheduler, BEFORE);
    while ((await runs.listRuns({ limit: 200, status: 'completed' })).length < 10) await sleep(50);

    const stoppedAt = Date.now();
    expect(await privateRedis.stop()).toBe(0);

    // While Redis is away: a clear 503 at once, never a hang (the abort turns a hang into a failure).
    const quickly = () => AbortSignal.timeout(5_000);
    const askedAt = performance.now();
    const post = await fetch(`${scheduler.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: bodies[0],
      signal: quickly(),
    });
    const answeredInMs = performance.now() - askedAt;
    expect(post.status).toBe(503);
    expect(post.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(post.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await post.json()) as { detail: string }).detail).toMatch(/unavailable/);
    const read = await fetch(`${scheduler.baseUrl}/api/runs/${before[0]}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: quickly(),
    });
    expect(read.status).toBe(503);
    for (const service of services) {
      const health = await fetch(`${service.baseUrl}/healthz`, { signal: quickly() });
      expect(health.status, service.name).toBe(503);
      expect(((await health.json()) as { status: string }).status, service.name).toBe('unavailable');
    }
    // Long enough that every client notices: blocking reads drop, reconnect attempts back off.
    await sleep(2_000);
    await privateRedis.start();
    const restartedAt = Date.now();

    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const health = await Promise.all(
        services.map((s) =>
          fetch(`${s.baseUrl}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
      if (health.every((status) => status === 200)) break;
      await sleep(100);
    }
    const healthyAfterMs = Date.now() - restartedAt;
    // Same processes, still running: they reconnected by themselves.
    expect(services.map((s) => s.child.pid)).toEqual(pids);
    expect(services.map((s) => s.child.exitCode)).toEqual(services.map(() => null));
    for (const service of services) expect(service.output(), service.name).toMatch(/redis connection error/);
    // Through the outage too, every line a service prints is a JSON log record.
    for (const service of services) {
      const stray = service
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '' && !isJsonLine(line));
      expect(stray.slice(0, 5), service.name).toEqual([]);
    }

    const after = await trigger(scheduler, AFTER);
    const runIds = [...before, ...after];
    const views = await waitForRuns(runs, runIds, { timeoutMs: 90_000, pollMs: 250 });
    await recorder.stop();
    const events = recorder.events(PLACEMENT_QUEUE);
    expectEachRunCompliantOnce(views, events);
    expect(await reader.zcard(`${prefix}:runs`)).toBe(BEFORE + AFTER);
    // Mid-batch indeed: some runs had finished before the stop, some had not.
    const doneBeforeStop = new Set(
      events.filter((e) => e.event === 'completed' && e.at < stoppedAt).map((e) => e.jobId),
    );
    const pendingAtStop = before.filter((id) => !doneBeforeStop.has(id)).length;
    expect(pendingAtStop).toBeGreaterThan(0);
    expect(pendingAtStop).toBeLessThan(BEFORE);
    const lastCompletion = Math.max(...events.filter((e) => e.event === 'completed').map((e) => e.at));
    console.log(
      `[redis-restart] ${pendingAtStop} of ${BEFORE} runs unfinished when Redis stopped; ` +
        `503 answered in ${answeredInMs.toFixed(0)} ms while down; all services healthy ${healthyAfterMs} ms ` +
        `after Redis was back; last run completed ${lastCompletion - restartedAt} ms after it`,
    );
  }, 150_000);
});

function isJsonLine(line: string): boolean {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}
