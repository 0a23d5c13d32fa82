import { readFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createLogger, PipelineMetrics } from '@ceiling-grid/observability';
import { ConfigError, constantTimeEqual, loadConfig } from '@ceiling-grid/queue';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedRoom, startQueueHarness } from '../../packages/queue/test/queue-harness.js';
import { createSchedulerApp } from '../../services/scheduler/src/create-scheduler-app.js';
import { schedulerEnvSchema } from '../../services/scheduler/src/scheduler-config.js';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.js';
import { type ServiceProcess, startService } from '../support/service-process.js';

// Every comparison of a presented token must go through constantTimeEqual: spy on it.
vi.mock('@ceiling-grid/queue', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ceiling-grid/queue')>();
  return { ...actual, constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});

/**
 * Access: the bearer token on every trigger and read route (compared in constant time), no
 * secret in any log line, helmet's headers, and a per-client rate limit on triggers.
 */
const TOKEN = 'access-token-0123456789abcdef';
const ROOM = readFileSync(fileURLToPath(new URL('../../data/rooms/corridor.json', import.meta.url)), 'utf8');
const RUN_ID = '00000000-0000-4000-8000-000000000000';
const ROUTES: [method: string, path: string][] = [
  ['POST', '/api/runs'],
  ['GET', '/api/runs'],
  ['GET', `/api/runs/${RUN_ID}`],
  ['GET', `/api/runs/${RUN_ID}/plan.svg`],
  ['GET', '/api/no-such-route'],
];

let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let server: Server;
let base: string;
const TRIGGER_LIMIT = 5;

beforeAll(async () => {
  harness = await startQueueHarness({ workers: false });
  const app = createSchedulerApp({
    runs: harness.runs,
    floors: harness.floors,
    connection: harness.connection,
    logger: createLogger({
      service: 'scheduler',
      destination: new Writable({ write: (_c, _e, done) => done() }),
    }),
    registry: new PipelineMetrics({ service: 'scheduler', processMetrics: false }).registry,
    sampleRoom: sharedRoom('corridor'),
    apiToken: TOKEN,
    maxBodyBytes: 1_048_576,
    triggerRateLimitPerMinute: TRIGGER_LIMIT,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await harness.close();
});

/** Runs listed under the prefix: what a trigger writes first. */
const runCount = () => harness.connection.zcard(`${harness.prefix}:runs`);

describe('bearer token', () => {
  it('is required on every trigger and read route: 401 without it, with a wrong one, or malformed', async () => {
    const wrong: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${TOKEN.toUpperCase()}` },
      { authorization: TOKEN },
      { authorization: `bearer ${TOKEN}` },
      { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` },
      { authorization: 'Bearer ' },
      { authorization: `Bearer  ${TOKEN}` },
    ];
    const before = await runCount();
    vi.mocked(constantTimeEqual).mockClear();
    for (const [method, path] of ROUTES) {
      for (const headers of wrong) {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: ROOM } : {}),
        });
        const label = `${method} ${path} ${JSON.stringify(headers)}`;
        expect(response.status, label).toBe(401);
        expect(response.headers.get('www-authenticate'), label).toMatch(/^Bearer /);
        expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
        expect(((await response.json()) as { detail: string }).detail, label).toMatch(/bearer token/);
      }
    }
    expect(await runCount()).toBe(before);
    // Every presented token was compared with constantTimeEqual, against the configured token.
    const calls = vi.mocked(constantTimeEqual).mock.calls;
    expect(calls.length).toBeGreaterThanOrEqual(ROUTES.length * 5);
    for (const [, expected] of calls) expect(expected).toBe(TOKEN);
  });

  it('lets the right token through on every route', async () => {
    const statuses: number[] = [];
    for (const [method, path] of ROUTES) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: ROOM } : {}),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([202, 200, 404, 404, 404]);
  });

  it('leaves health, metrics and the API description open', async () => {
    for (const path of ['/healthz', '/metrics', '/api/openapi.json']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    }
  });

  it('cannot be left unset by accident: the scheduler refuses to start without a token of 16+ characters', () => {
    for (const env of [{}, { API_TOKEN: 'short-token' }, { API_TOKEN: '' }]) {
      expect(() => loadConfig(schedulerEnvSchema, env)).toThrow(ConfigError);
      expect(() => loadConfig(schedulerEnvSchema, env)).toThrow(/API_TOKEN/);
    }
    expect(loadConfig(schedulerEnvSchema, { API_TOKEN: TOKEN }).API_TOKEN).toBe(TOKEN);
    expect(loadConfig(schedulerEnvSchema, { API_AUTH_DISABLED: 'true' }).API_AUTH_DISABLED).toBe(true);
  });

  it('is compared by constantTimeEqual, which answers exactly string equality', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary', minLength: 1 }),
        (presented, expected) => {
          expect(constantTimeEqual(presented, expected)).toBe(presented === expected);
          expect(constantTimeEqual(expected, expected)).toBe(true);
        },
      ),
      { numRuns: 500, seed: 6 },
    );
    // An empty configured token never matches, not even an empty presented one.
    expect(constantTimeEqual('', '')).toBe(false);
  });
});

describe('security headers', () => {
  it('come with every answer, errors included', async () => {
    for (const [path, headers] of [
      ['/healthz', {}],
      ['/api/runs', {}],
      ['/api/runs', { authorization: `Bearer ${TOKEN}` }],
      ['/api/runs/nope', { authorization: `Bearer ${TOKEN}` }],
    ] as const) {
      const response = await fetch(`${base}${path}`, { headers });
      const h = response.headers;
      expect(h.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(h.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(h.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('trigger rate limit', () => {
  it('answers 429 with Retry-After past the limit, per client, and only on triggers', async () => {
    const trigger = (localAddress: string) => post(`${base}/api/runs`, ROOM, localAddress);
    // The limiter counts from the first trigger in this window, the earlier tests included.
    const statuses: number[] = [];
    for (let i = 0; i < TRIGGER_LIMIT + 2; i++) statuses.push((await trigger('127.0.0.1')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const before = await runCount();
    const limited = await trigger('127.0.0.1');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(retryAfter)).toBe(
      true,
    );
    expect(JSON.parse(limited.body)).toMatchObject({
      type: '/problems/too-many-requests',
      detail: expect.stringMatching(/too many runs triggered; try again in \d+ s/),
    });
    expect(await runCount()).toBe(before);
    // Reads are not limited, and another client has its own budget.
    expect((await fetch(`${base}/api/runs`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
    expect((await trigger('127.0.0.2')).status).toBe(202);
  });
});

describe('secrets in logs', () => {
  let redis: PrivateRedis;
  let scheduler: ServiceProcess;
  const REDIS_PASSWORD = 'redis-password-fedcba9876543210';
  const WRONG_TOKEN = 'someone-elses-token-0123456789';

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false, password: REDIS_PASSWORD });
    scheduler = await startService('scheduler', {
      REDIS_URL: redis.url,
      API_TOKEN: TOKEN,
      LOG_LEVEL: 'trace',
      DAILY_ENABLED: 'false',
    });
  }, 60_000);

  afterAll(async () => {
    await scheduler?.stop('SIGTERM');
    await redis?.close();
  });

  it('never appear in what the scheduler prints, whatever the requests', async () => {
    const send = (path: string, init: RequestInit) => fetch(`${scheduler.baseUrl}${path}`, init);
    const json = { 'content-type': 'application/json' };
    const answers = await Promise.all([
      send('/api/runs', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${TOKEN}` },
        body: ROOM,
      }),
      send('/api/runs', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${WRONG_TOKEN}` },
        body: ROOM,
      }),
      send('/api/runs', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${TOKEN}` },
        body: '{"cellSize":',
      }),
      send('/api/runs', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          cellSize: 2,
          layout: ['.'],
          name: TOKEN,
          token: TOKEN,
          password: REDIS_PASSWORD,
        }),
      }),
      send('/api/runs', { headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}` } }),
      send(`/api/runs/${RUN_ID}`, { headers: { authorization: `Bearer ${WRONG_TOKEN}` } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([202, 401, 400, 400, 200, 401]);
    expect(await scheduler.stop('SIGTERM')).toBe(0);
    const output = scheduler.output();
    expect(output).toContain('scheduler started');
    expect(output).toContain('run triggered');
    for (const secret of [TOKEN, WRONG_TOKEN, REDIS_PASSWORD, encodeURIComponent(REDIS_PASSWORD)]) {
      expect(output.includes(secret), `secret ${secret.slice(0, 6)}… in the log`).toBe(false);
    }
  });
});

/** A POST from a chosen loopback address, so the rate limiter sees two different clients. */
function post(
  url: string,
  body: string,
  localAddress: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
