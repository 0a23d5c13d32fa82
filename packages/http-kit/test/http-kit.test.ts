import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express, { Router } from 'express';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpApp,
  HTTP_REQUEST_DURATION,
  HttpProblem,
  opsRoutes,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemType,
  requestIdFor,
  requireStore,
  startOpsServer,
} from '../src/index.js';

const conflict: ProblemType = {
  slug: 'test-conflict',
  status: 409,
  title: 'Test conflict',
  description: 'An app-specific type.',
};

class DomainError extends Error {}

/** A small app on the kit: one resource, a store gate, an app error, a bug. */
function startApp() {
  let logs = '';
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        logs += chunk;
        done();
      },
    }),
  );
  const registry = new Registry();
  const store = { status: 'ready' };
  const things = Router();
  things.get('/things/:id', requireStore(store), (req, res) => {
    if (req.params.id === 'bug') throw new Error('a bug with a secret inside');
    if (req.params.id === 'domain') throw new DomainError('the domain says no');
    if (req.params.id === 'gone') throw Object.assign(new Error('Connection is closed.'), {});
    if (req.params.id === 'full')
      throw Object.assign(new Error('EXECABORT'), {
        previousErrors: [{ message: 'OOM command not allowed' }],
      });
    res.json({ id: req.params.id, requestId: req.id });
  });
  things.post('/things', express.json({ limit: 100 }), (req, res) => {
    res.status(201).json(req.body);
  });
  const app = createHttpApp({
    logger,
    registry,
    problemTypes: [conflict],
    mapError: (error) =>
      error instanceof DomainError
        ? new HttpProblem(conflict, error.message, { errors: [{ path: 'id', message: 'is domain' }] })
        : undefined,
    routes: [
      opsRoutes({ registry, health: async () => ({ ok: store.status === 'ready', redis: store.status }) }),
      things,
    ],
  });
  return { app, registry, store, logs: () => logs };
}

let server: Server;
let base: string;
let kit: ReturnType<typeof startApp>;

beforeAll(async () => {
  kit = startApp();
  server = kit.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// biome-ignore lint/suspicious/noExplicitAny: problem bodies are asserted field by field
async function problem(response: Response): Promise<any> {
  expect(response.headers.get('content-type')).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  const body = await response.json();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status: response.status,
    detail: expect.any(String),
    requestId: response.headers.get('x-request-id'),
  });
  return body;
}

describe('problem details', () => {
  it('answers an unknown address with a JSON 404, not an HTML page', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({ type: '/problems/not-found', title: 'Not found' });
  });

  it('maps body-parser errors: 400 malformed JSON, 413 too large, 415 odd charset', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${base}/things`, { method: 'POST', headers: { 'content-type': type }, body });
    const malformed = await post('{"a":');
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).detail).toMatch(/^body is not valid JSON/);
    const large = await post(JSON.stringify({ a: 'x'.repeat(200) }));
    expect(large.status).toBe(413);
    expect((await problem(large)).type).toBe('/problems/payload-too-large');
    const charset = await post('{}', 'application/json; charset=klingon');
    expect(charset.status).toBe(415);
    expect((await problem(charset)).type).toBe('/problems/unsupported-media-type');
  });

  it('maps an app error through mapError, with its field errors', async () => {
    const response = await fetch(`${base}/things/domain`);
    expect(response.status).toBe(409);
    expect(await problem(response)).toMatchObject({
      type: '/problems/test-conflict',
      title: 'Test conflict',
      detail: 'the domain says no',
      errors: [{ path: 'id', message: 'is domain' }],
    });
  });

  it('answers 500 for a bug, saying only that it was logged, and logs it with the request id', async () => {
    const response = await fetch(`${base}/things/bug`, { headers: { 'x-request-id': 'bug-hunt-1' } });
    expect(response.status).toBe(500);
    const body = await problem(response);
    expect(body.detail).toBe('internal error; it was logged with request id bug-hunt-1');
    expect(JSON.stringify(body)).not.toContain('secret');
    const line = kit
      .logs()
      .split('\n')
      .find((l) => l.includes('"request failed"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ requestId: 'bug-hunt-1', err: { message: /a bug/ } });
  });

  it('answers 503 with Retry-After while the store is away, and when Redis fails or is full', async () => {
    kit.store.status = 'reconnecting';
    try {
      const gated = await fetch(`${base}/things/1`);
      expect(gated.status).toBe(503);
      expect(gated.headers.get('retry-after')).toBe('5');
      expect(await problem(gated)).toMatchObject({
        type: '/problems/store-unavailable',
        detail: 'queue store unavailable (redis reconnecting); retry shortly',
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
    } finally {
      kit.store.status = 'ready';
    }
    const gone = await fetch(`${base}/things/gone`);
    expect([gone.status, gone.headers.get('retry-after')]).toEqual([503, '5']);
    expect((await problem(gone)).type).toBe('/problems/store-unavailable');
    const full = await fetch(`${base}/things/full`);
    expect([full.status, full.headers.get('retry-after')]).toEqual([503, '30']);
    expect((await problem(full)).type).toBe('/problems/store-full');
  });

  it('documents every problem type at its type URI, its own ones too', async () => {
    for (const type of [...Object.values(PROBLEM_TYPES), conflict]) {
      const response = await fetch(`${base}/problems/${type.slug}`);
      expect(response.status, type.slug).toBe(200);
      expect(await response.text()).toContain(`${type.status} ${type.title}`);
    }
    expect((await fetch(`${base}/problems/nope`)).status).toBe(404);
  });
});

describe('request ids', () => {
  it('echoes an acceptable X-Request-Id, hands it to the handler and the access log', async () => {
    const response = await fetch(`${base}/things/7`, { headers: { 'x-request-id': 'client-id:42' } });
    expect(response.headers.get('x-request-id')).toBe('client-id:42');
    expect(await response.json()).toEqual({ id: '7', requestId: 'client-id:42' });
    const access = kit
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((l) => l.requestId === 'client-id:42');
    expect(access).toMatchObject({
      msg: 'GET /things/7 200',
      res: { statusCode: 200 },
      req: { method: 'GET' },
    });
    expect(access.durationMs).toEqual(expect.any(Number));
  });

  it('generates one when none or an unacceptable one comes, and never logs headers', async () => {
    const unacceptable: Record<string, string>[] = [
      {},
      { 'x-request-id': 'bad id with spaces' },
      { 'x-request-id': 'x'.repeat(129) },
    ];
    for (const headers of unacceptable) {
      const response = await fetch(`${base}/things/8`, {
        headers: { ...headers, authorization: 'Bearer secret-token-in-header' },
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(kit.logs()).not.toContain('secret-token-in-header');
    expect(requestIdFor(['first', 'second'])).toBe('first');
  });
});

describe('request duration histogram', () => {
  it('counts requests by method, route pattern and status', async () => {
    await fetch(`${base}/things/abc`);
    await fetch(`${base}/things/def`);
    await fetch(`${base}/nowhere/else`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain(`# TYPE ${HTTP_REQUEST_DURATION} histogram`);
    const count = (labels: string) =>
      Number(new RegExp(`^${HTTP_REQUEST_DURATION}_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(count('method="GET",route="/things/:id",status_code="200"')).toBeGreaterThanOrEqual(3);
    expect(count('method="GET",route="unmatched",status_code="404"')).toBeGreaterThanOrEqual(2);
    // The ids themselves never become label values.
    expect(text).not.toContain('route="/things/abc"');
  });
});

describe('startOpsServer (a worker’s port)', () => {
  it('serves /healthz and /metrics, and a problem for anything else', async () => {
    const registry = new Registry();
    const ops = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      logger: pino({ level: 'silent' }),
      health: async () => ({ ok: true, worker: 'test:1' }),
    });
    try {
      const opsBase = `http://127.0.0.1:${(ops.address() as AddressInfo).port}`;
      expect(await (await fetch(`${opsBase}/healthz`)).json()).toEqual({
        status: 'ok',
        ok: true,
        worker: 'test:1',
      });
      expect(await (await fetch(`${opsBase}/metrics`)).text()).toContain(HTTP_REQUEST_DURATION);
      const missing = await fetch(`${opsBase}/jobs`);
      expect(missing.status).toBe(404);
      expect((await problem(missing)).type).toBe('/problems/not-found');
    } finally {
      await new Promise<void>((resolve) => ops.close(() => resolve()));
    }
  });
});
