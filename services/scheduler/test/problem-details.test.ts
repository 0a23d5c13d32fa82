import { createRedisConnection, RunService } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { type ListeningSchedulerApp, listenSchedulerApp } from './listen-scheduler-app.js';

/**
 * Every error of the API is an RFC 9457 problem: `application/problem+json` with `type`,
 * `title`, `status`, `detail` and the request id, whatever status and whoever answers it
 * (a route, the token check, the rate limiter, the body parser, the Redis gate, Express's
 * fallback for an unknown route).
 */
const TOKEN = 'problem-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

// biome-ignore lint/suspicious/noExplicitAny: problem bodies are asserted field by field
type Json = any;

/** Asserts the problem shape of an answer and returns its body. */
async function problem(response: Response, status: number, type: string): Promise<Json> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await response.json()) as Json;
  expect(body).toEqual({
    type: `/problems/${type}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    requestId: response.headers.get('x-request-id'),
    ...(body.errors ? { errors: body.errors } : {}),
  });
  return body;
}

describe('problem details, Redis up', () => {
  let harness: Awaited<ReturnType<typeof startQueueHarness>>;
  let app: ListeningSchedulerApp;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.base}/api/runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...headers },
      body,
    });

  beforeAll(async () => {
    harness = await startQueueHarness({ workers: false });
    app = await listenSchedulerApp({
      runs: harness.runs,
      connection: harness.connection,
      sampleRoom: sharedRoom('corridor'),
      apiToken: TOKEN,
      maxBodyBytes: 4096,
      triggerRateLimitPerMinute: 1000,
    });
  });
  afterAll(async () => {
    await app.close();
    await harness.close();
  });

  it('400: an invalid room names every bad field in errors, and the detail sums them up', async () => {
    const body = await problem(
      await post(JSON.stringify({ roomId: 'bad id!', cellSize: -2, layout: ['...', '..'] })),
      400,
      'invalid-request',
    );
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['roomId', 'cellSize']));
    for (const error of body.errors) expect(body.detail).toContain(error.message);
    expect(body.detail).toMatch(/^invalid room: /);
  });

  it('400: a bad query names the parameter; a bad Idempotency-Key names the header', async () => {
    const query = await problem(
      await fetch(`${app.base}/api/runs?limit=0&status=lost`, { headers: auth }),
      400,
      'invalid-request',
    );
    expect(query.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'status']);
    const key = await problem(
      await post('{"sample":true}', { 'idempotency-key': 'k'.repeat(201) }),
      400,
      'invalid-request',
    );
    expect(key.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('400 malformed JSON, 413 too large, 415 not JSON', async () => {
    expect((await problem(await post('{"layout": ['), 400, 'malformed-body')).detail).toMatch(
      /not valid JSON/,
    );
    await problem(await post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'payload-too-large');
    await problem(await post('a=b', { 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
  });

  it('401 with WWW-Authenticate, on known and unknown API routes alike', async () => {
    for (const path of ['/api/runs', '/api/nothing-here']) {
      const response = await fetch(`${app.base}${path}`, { headers: { authorization: 'Bearer wrong' } });
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ceiling-grid"');
      expect((await problem(response, 401, 'unauthorized')).detail).toMatch(/bearer token/);
    }
  });

  it('404 for an unknown run, an unknown API route, and any other address (no HTML "Cannot GET")', async () => {
    await problem(await fetch(`${app.base}/api/runs/not-a-run`, { headers: auth }), 404, 'not-found');
    const route = await problem(
      await fetch(`${app.base}/api/nothing-here`, { headers: auth }),
      404,
      'not-found',
    );
    expect(route.detail).toBe('no route GET /api/nothing-here; see /api/openapi.json');
    await problem(await fetch(`${app.base}/`), 404, 'not-found');
  });

  it('409 for a plan of a run that has not finished', async () => {
    const { runId } = (await (await post('{"sample":true}')).json()) as { runId: string };
    const body = await problem(
      await fetch(`${app.base}/api/runs/${runId}/plan.svg`, { headers: auth }),
      409,
      'run-not-finished',
    );
    expect(body.detail).toBe(`run ${runId} is queued; its plan exists once it completes`);
  });

  it('429 with Retry-After past the trigger limit', async () => {
    const limitedApp = await listenSchedulerApp({
      runs: harness.runs,
      connection: harness.connection,
      sampleRoom: sharedRoom('corridor'),
      apiToken: TOKEN,
      maxBodyBytes: 4096,
      triggerRateLimitPerMinute: 1,
      // Its own budget: the limit is shared by every app on the same Redis and prefix.
      rateLimitKeyPrefix: `${harness.prefix}:limited:`,
    });
    try {
      const trigger = () =>
        fetch(`${limitedApp.base}/api/runs`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{"sample":true}',
        });
      expect((await trigger()).status).toBe(202);
      const limited = await trigger();
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await problem(limited, 429, 'too-many-requests');
      expect(body.detail).toMatch(/^too many runs triggered; try again in \d+ s$/);
    } finally {
      await limitedApp.close();
    }
  });

  it('serves the description of each problem type at its type URI', async () => {
    for (const slug of [
      'invalid-request',
      'run-not-finished',
      'idempotency-key-reused',
      'store-unavailable',
    ]) {
      const response = await fetch(`${app.base}/problems/${slug}`);
      expect(response.status, slug).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });
});

describe('problem details, Redis away', () => {
  let connection: Redis;
  let runs: RunService;
  let app: ListeningSchedulerApp;

  beforeAll(async () => {
    // Nothing listens on port 1: the connection never becomes ready.
    connection = createRedisConnection('redis://127.0.0.1:1', 'request', 'scheduler-test');
    connection.on('error', () => {});
    runs = new RunService({ connection });
    for (const queue of runs.queues) queue.on('error', () => {});
    app = await listenSchedulerApp({
      runs,
      connection,
      sampleRoom: sharedRoom('corridor'),
      apiToken: TOKEN,
      maxBodyBytes: 4096,
      triggerRateLimitPerMinute: 100,
    });
  });
  afterAll(async () => {
    await app.close();
    connection.disconnect();
  });

  it('503 with Retry-After on every route that needs Redis, at once', async () => {
    const requests: [string, RequestInit][] = [
      ['/api/runs', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }],
      ['/api/runs', { headers: auth }],
      ['/api/runs/00000000-0000-4000-8000-000000000000', { headers: auth }],
      ['/api/runs/00000000-0000-4000-8000-000000000000/plan.svg', { headers: auth }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${app.base}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
      expect(response.headers.get('retry-after'), path).toBe('5');
      expect((await problem(response, 503, 'store-unavailable')).detail).toMatch(
        /^queue store unavailable \(redis /,
      );
    }
    // The token still comes first, and the API description needs no Redis.
    await problem(await fetch(`${app.base}/api/runs`), 401, 'unauthorized');
    expect((await fetch(`${app.base}/api/openapi.json`)).status).toBe(200);
  });
});
