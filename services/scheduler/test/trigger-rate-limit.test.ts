import { createRedisConnection, loadConfig } from '@ceiling-grid/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { dashboardEnvSchema } from '../../dashboard/src/dashboard-config.js';
import { RedisRateLimitStore } from '../src/routes/redis-rate-limit-store.js';
import { schedulerEnvSchema } from '../src/scheduler-config.js';
import { type ListeningSchedulerApp, listenSchedulerApp } from './listen-scheduler-app.js';

/**
 * The trigger limit behind a proxy and across replicas (issue 15 item 6): counted in Redis, so
 * two API processes on one Redis and prefix share a client's budget; the client is the peer
 * unless TRUST_PROXY says whose X-Forwarded-For to believe.
 */
const TOKEN = 'rate-limit-token-0123456789abcdef';
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
const apps: ListeningSchedulerApp[] = [];

beforeAll(async () => {
  // No workers: the runs stay queued, which is all a trigger needs.
  harness = await startQueueHarness({ workers: false });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await harness?.close();
});

async function listen(options: {
  perMinute: number;
  keyPrefix?: string;
  trustProxy?: boolean | number | string[];
}): Promise<ListeningSchedulerApp> {
  const app = await listenSchedulerApp({
    runs: harness.runs,
    connection: harness.connection,
    sampleRoom: sharedRoom('corridor'),
    apiToken: TOKEN,
    maxBodyBytes: 4096,
    triggerRateLimitPerMinute: options.perMinute,
    ...(options.keyPrefix ? { rateLimitKeyPrefix: options.keyPrefix } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  apps.push(app);
  return app;
}

async function trigger(app: ListeningSchedulerApp, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${app.base}/api/runs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: '{"sample":true}',
  });
  await response.arrayBuffer();
  return response.status;
}

/** The `ip` of every access log line of a POST /api/runs. */
function loggedClientIps(app: ListeningSchedulerApp): string[] {
  return app
    .logs()
    .split('\n')
    .filter((line) => line.includes('"msg":"POST /api/runs '))
    .map((line) => (JSON.parse(line) as { req: { ip: string } }).req.ip);
}

describe('the Redis rate-limit store', () => {
  it('counts hits in one key per client that expires with its window', async () => {
    const store = new RedisRateLimitStore(harness.connection, `${harness.prefix}:unit:`);
    store.init({ windowMs: 5_000 } as Parameters<RedisRateLimitStore['init']>[0]);
    const first = await store.increment('198.51.100.7');
    const second = await store.increment('198.51.100.7');
    expect([first.totalHits, second.totalHits]).toEqual([1, 2]);
    const ttl = await harness.connection.pttl(`${harness.prefix}:unit:198.51.100.7`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    // The window's end does not move with later hits.
    expect(Math.abs(second.resetTime!.getTime() - first.resetTime!.getTime())).toBeLessThan(1_000);
    await store.decrement('198.51.100.7');
    expect((await store.get('198.51.100.7'))?.totalHits).toBe(1);
    expect(await harness.connection.pttl(`${harness.prefix}:unit:198.51.100.7`)).toBeGreaterThan(0);
    await store.resetKey('198.51.100.7');
    expect(await store.get('198.51.100.7')).toBeUndefined();
    // Taking back a hit of a client never seen creates nothing.
    await store.decrement('198.51.100.8');
    expect(await harness.connection.exists(`${harness.prefix}:unit:198.51.100.8`)).toBe(0);
  });

  it('lets a hit through uncounted, and says so, when Redis cannot count it', async () => {
    const away = createRedisConnection('redis://127.0.0.1:1', 'request', 'rate-limit-test');
    away.on('error', () => {});
    const errors: string[] = [];
    try {
      const store = new RedisRateLimitStore(away, 'x:', (error) => errors.push(error.message));
      expect((await store.increment('198.51.100.7')).totalHits).toBe(0);
      expect(errors).toHaveLength(1);
    } finally {
      away.disconnect();
    }
  });
});

describe('the trigger limit', () => {
  it('is one budget for two app instances on the same Redis and prefix', async () => {
    const keyPrefix = `${harness.prefix}:shared:`;
    const [a, b] = [await listen({ perMinute: 2, keyPrefix }), await listen({ perMinute: 2, keyPrefix })];
    expect(await trigger(a)).toBe(202);
    expect(await trigger(b)).toBe(202);
    expect(await trigger(a)).toBe(429);
    expect(await trigger(b)).toBe(429);
    // Control: an instance counting elsewhere still has its budget.
    expect(await trigger(await listen({ perMinute: 2, keyPrefix: `${harness.prefix}:other:` }))).toBe(202);
  });

  it('counts under the queue prefix by default', async () => {
    const app = await listen({ perMinute: 1 });
    expect(await trigger(app)).toBe(202);
    const keys = await harness.connection.keys(`${harness.prefix}:rate-limit:trigger:*`);
    expect(keys).toHaveLength(1);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: every forwarded address is the one peer', async () => {
    const app = await listen({ perMinute: 1, keyPrefix: `${harness.prefix}:untrusted:` });
    expect(await trigger(app, '203.0.113.1')).toBe(202);
    expect(await trigger(app, '203.0.113.2')).toBe(429);
    expect(loggedClientIps(app)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('honours X-Forwarded-For with TRUST_PROXY: one budget per forwarded client', async () => {
    const app = await listen({ perMinute: 1, keyPrefix: `${harness.prefix}:trusted:`, trustProxy: 1 });
    expect(await trigger(app, '203.0.113.1')).toBe(202);
    expect(await trigger(app, '203.0.113.2')).toBe(202);
    expect(await trigger(app, '203.0.113.1')).toBe(429);
    // One hop trusted: the address the proxy saw, not what a client wrote before it.
    expect(await trigger(app, '198.51.100.99, 203.0.113.2')).toBe(429);
    expect(loggedClientIps(app)).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.1', '203.0.113.2']);
  });

  it('trusts only the listed proxies', async () => {
    const elsewhere = await listen({
      perMinute: 1,
      keyPrefix: `${harness.prefix}:list-a:`,
      trustProxy: ['10.0.0.0/8'],
    });
    expect(await trigger(elsewhere, '203.0.113.1')).toBe(202);
    expect(await trigger(elsewhere, '203.0.113.2')).toBe(429); // the peer 127.0.0.1 is not a listed proxy
    const loopback = await listen({
      perMinute: 1,
      keyPrefix: `${harness.prefix}:list-b:`,
      trustProxy: ['loopback'],
    });
    expect(await trigger(loopback, '203.0.113.1')).toBe(202);
    expect(await trigger(loopback, '203.0.113.2')).toBe(202);
  });
});

describe('TRUST_PROXY', () => {
  const parse = (value: string | undefined) =>
    loadConfig(schedulerEnvSchema, { API_AUTH_DISABLED: 'true', TRUST_PROXY: value }).TRUST_PROXY;

  it('is off by default, and reads a boolean, a hop count or a list of proxies', () => {
    expect(parse(undefined)).toBe(false);
    expect(parse('')).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('0')).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('1')).toBe(1);
    expect(parse('loopback, 10.0.0.0/8,fd00::/8 ,192.168.1.10')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.10',
    ]);
    expect(loadConfig(dashboardEnvSchema, { TRUST_PROXY: 'uniquelocal' }).TRUST_PROXY).toEqual([
      'uniquelocal',
    ]);
    expect(loadConfig(dashboardEnvSchema, {}).TRUST_PROXY).toBe(false);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['maybe', '10.0.0.0/33', '10.0.0', 'loopback,', '-1', '1000']) {
      expect(() => parse(bad), bad).toThrow(
        /^invalid configuration: TRUST_PROXY must be false, true, a hop count/,
      );
    }
    expect(() => loadConfig(dashboardEnvSchema, { TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
  });
});
