import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRoom } from '@ceiling-grid/core';
import { createLogger } from '@ceiling-grid/observability';
import { createRedisConnection, FloorService, RunService } from '@ceiling-grid/queue';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { deletePrefix } from '../../../test/support/redis-cleanup.js';
import { REPO_ROOT, randomPrefix } from '../../../test/support/service-process.js';
import { createDashboardApp } from '../src/create-dashboard-app.js';
import { dashboardQueues } from '../src/dashboard-queues.js';
import { LiveEvents } from '../src/live-events.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const USER = 'operator';
export const PASSWORD = 'test-password-7f3a';
export const SAMPLE_PATH = 'data/input/sample_grid.json';

/** A dashboard app served in-process on a free port, on its own queue prefix. */
export interface DashboardHarness {
  readonly baseUrl: string;
  readonly prefix: string;
  readonly runs: RunService;
  readonly floors: FloorService;
  readonly schedules: Queue;
  readonly live: LiveEvents;
  readonly connection: Redis;
  /** fetch with the right credentials unless `auth` says otherwise (`null`: none). */
  request(
    path: string,
    init?: RequestInit & { auth?: { user: string; password: string } | null },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** `Authorization` header value for basic auth. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Starts the dashboard app with real Redis under a fresh prefix. */
export async function startDashboard(
  options: { readOnly?: boolean; redisUrl?: string; prefix?: string; maxFloorBodyBytes?: number } = {},
): Promise<DashboardHarness> {
  const prefix = options.prefix ?? randomPrefix('dash');
  const connection = createRedisConnection(options.redisUrl ?? REDIS_URL, 'request', 'dashboard-test');
  // A harness pointed at a Redis that is not there must still start: that is what it tests.
  connection.on('error', () => {});
  const runs = new RunService({ connection, prefix, flow: { attempts: 1 } });
  const shown = dashboardQueues(runs, { connection, prefix });
  for (const queue of shown.queues) queue.on('error', () => {});
  const floors = new FloorService({ connection, prefix, flow: { attempts: 1 } });
  for (const queue of floors.queues) queue.on('error', () => {});
  const eventsConnection = createRedisConnection(
    options.redisUrl ?? REDIS_URL,
    'worker',
    'dashboard-test-events',
  );
  eventsConnection.on('error', () => {});
  const live = new LiveEvents({ connection: eventsConnection, prefix });
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'dashboard' });
  collectDefaultMetrics({ register: registry });
  const sampleRoom = parseRoom(JSON.parse(readFileSync(`${REPO_ROOT}${SAMPLE_PATH}`, 'utf8')));
  const app = createDashboardApp({
    runs,
    floors,
    live,
    schedules: shown.schedules,
    queues: shown.queues,
    connection,
    logger: createLogger({ service: 'dashboard-test', level: 'silent' }),
    registry,
    sampleRoom,
    samplePath: SAMPLE_PATH,
    auth: { user: USER, password: PASSWORD },
    readOnly: options.readOnly ?? false,
    title: 'ceiling-grid test',
    maxBodyBytes: 1_048_576,
    maxFloorBodyBytes: options.maxFloorBodyBytes ?? 8 * 1_048_576,
  });
  if (!options.redisUrl) {
    await new Promise<void>((resolve) => {
      if (connection.status === 'ready') resolve();
      else connection.once('ready', () => resolve());
    });
  }
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    prefix,
    runs,
    floors,
    schedules: shown.schedules,
    live,
    connection,
    request: (path, init = {}) => {
      const { auth = { user: USER, password: PASSWORD }, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth) headers.set('authorization', basic(auth.user, auth.password));
      return fetch(`${baseUrl}${path}`, { redirect: 'manual', ...rest, headers });
    },
    close: async () => {
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      eventsConnection.disconnect();
      if (options.redisUrl) {
        connection.disconnect();
        return;
      }
      await Promise.all([runs.close(), floors.close(), shown.close()]);
      await deletePrefix(REDIS_URL, prefix);
      await connection.quit();
    },
  };
}

/** An urlencoded form body. */
export function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}
