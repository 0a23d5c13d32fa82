import { readFileSync } from 'node:fs';
import { parseRoom } from '@ceiling-grid/core';
import { createRedisConnection, RunService } from '@ceiling-grid/queue';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ListeningSchedulerApp,
  listenSchedulerApp,
} from '../../services/scheduler/test/listen-scheduler-app.js';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.js';
import { REPO_ROOT } from '../support/service-process.js';

/**
 * Redis full: production runs Redis with `maxmemory` and `noeviction`, so a full Redis refuses
 * writes rather than dropping queued jobs. The API must then say so with a 503 (not a 500 with
 * the whole failed transaction in the log), enqueue nothing, and work again once there is room.
 */
const prefix = '{cg-full}';
const body = readFileSync(`${REPO_ROOT}data/input/sample_grid.json`, 'utf8');
let redis: PrivateRedis;
let admin: Redis;
let connection: Redis;
let runs: RunService;
let app: ListeningSchedulerApp;
let base: string;

beforeAll(async () => {
  redis = await startPrivateRedis({ appendOnly: false });
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  connection = createRedisConnection(redis.url, 'request');
  await new Promise((resolve) => connection.once('ready', resolve));
  runs = new RunService({ connection, prefix });
  app = await listenSchedulerApp({
    runs,
    connection,
    sampleRoom: parseRoom(JSON.parse(body)),
    apiToken: undefined,
    maxBodyBytes: 1_048_576,
    triggerRateLimitPerMinute: 1000,
  });
  base = app.base;
});

afterAll(async () => {
  await app.close();
  await runs.close();
  connection.disconnect();
  admin.disconnect();
  await redis.close();
});

const trigger = () =>
  fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('a full Redis', () => {
  it('gets 503 with Retry-After instead of a 500, enqueues nothing, and recovers when there is room', async () => {
    expect((await trigger()).status).toBe(202);
    // One byte of memory: every write is refused from now on, reads still answer.
    await admin.config('SET', 'maxmemory', '1');
    const full = await trigger();
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
    expect(await full.json()).toMatchObject({
      type: '/problems/store-full',
      detail: expect.stringMatching(/queue store full/),
    });
    expect(await admin.zcard(`${prefix}:runs`)).toBe(1);
    expect(app.logs()).toContain('queue store full');
    expect(app.logs()).not.toContain('request failed');

    await admin.config('SET', 'maxmemory', '0');
    expect((await trigger()).status).toBe(202);
    expect(await admin.zcard(`${prefix}:runs`)).toBe(2);
  });
});
