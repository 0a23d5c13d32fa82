import { toLayout } from '@ceiling-grid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, type startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { type ListeningSchedulerApp, startSchedulerUnderTest } from './listen-scheduler-app.js';

const TOKEN = 'test-token-0123456789abcdef';
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;
let base: string;

beforeAll(async () => {
  ({ harness, app } = await startSchedulerUnderTest({
    apiToken: TOKEN,
    sampleRoom: sharedRoom('office-open-plan'),
  }));
  base = app.base;
});

afterAll(async () => {
  await app.close();
  await harness.close();
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any;
const read = async (response: Response): Promise<Json> => response.json();

const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };

/** Runs listed plus job hashes stored: neither may move when a request is rejected. */
async function queuedJobCount(): Promise<number> {
  const [runs, keys] = await Promise.all([
    harness.connection.zcard(`${harness.prefix}:runs`),
    harness.connection.keys(`${harness.prefix}:*`),
  ]);
  const jobHash = /:(placement|lights):[0-9a-f]{8}-[0-9a-f-]{27}(\.[a-z-]+)?$/;
  return runs + keys.filter((key) => jobHash.test(key)).length;
}

describe('scheduler API', () => {
  it('triggers a run and serves its state, result and plan', async () => {
    const response = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ sample: true }),
    });
    expect(response.status).toBe(202);
    const body = await read(response);
    expect(body).toMatchObject({
      status: 'queued',
      created: true,
      links: { self: `/api/runs/${body.runId}` },
    });
    expect(response.headers.get('location')).toBe(`/api/runs/${body.runId}`);

    await harness.waitForRun(body.runId);
    const run = await read(await fetch(`${base}/api/runs/${body.runId}`, { headers: auth }));
    expect(run).toMatchObject({ runId: body.runId, status: 'completed', roomId: 'office-open-plan' });
    expect(run.result.layout).toHaveLength(15);
    const plan = await fetch(`${base}/api/runs/${body.runId}/plan.svg`, { headers: auth });
    expect(plan.status).toBe(200);
    expect(plan.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await plan.text()).toMatch(/^<\?xml|^<svg/);

    const list = await read(await fetch(`${base}/api/runs?limit=5&status=completed`, { headers: auth }));
    expect(list.runs.map((r: { runId: string }) => r.runId)).toContain(body.runId);
  });

  it('replays the same run for the same Idempotency-Key', async () => {
    const headers = { ...json, 'idempotency-key': 'abc-123' };
    const body = JSON.stringify(sharedRoomJson('corridor'));
    const first = await read(await fetch(`${base}/api/runs`, { method: 'POST', headers, body }));
    const second = await fetch(`${base}/api/runs`, { method: 'POST', headers, body });
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await read(second)).runId).toBe(first.runId);
    const conflict = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify(sharedRoomJson('office-open-plan')),
    });
    expect(conflict.status).toBe(409);
  });

  it.each([
    [
      'a row of the wrong length',
      { cellSize: 2, layout: ['....', '...'] },
      'layout[1]',
      /row 2 has 3 tiles, expected 4/,
    ],
    ['an unknown tile', { cellSize: 2, layout: ['..x.'] }, 'layout[0]', /unknown tile "x" at row 1, col 3/],
    ['a negative cell size', { cellSize: -2, layout: ['....'] }, 'cellSize', /> 0/],
    ['a string cell size', { cellSize: '2', layout: ['....'] }, 'cellSize', /number/],
    [
      'a prototype-pollution key',
      JSON.parse('{"cellSize":2,"layout":["."],"__proto__":{"admin":true}}'),
      '',
      /"__proto__"/,
    ],
    [
      'a constructor key',
      { cellSize: 2, layout: ['.'], constructor: { prototype: {} } },
      '',
      /"constructor"/,
    ],
    ['an array body', [1, 2, 3], '', /JSON object/],
    ['a huge number', { cellSize: 1e308, layout: ['.'] }, 'cellSize', /≤ 10 ft/],
  ])('rejects %s with 400 naming the field, and enqueues nothing', async (_label, room, path, message) => {
    const before = await queuedJobCount();
    const response = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(room),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await read(response);
    expect(body).toMatchObject({ type: '/problems/invalid-request', title: 'Invalid request', status: 400 });
    expect(body.detail).toMatch(/^invalid room: /);
    expect(body.errors[0].path).toBe(path);
    expect(body.errors[0].message).toMatch(message);
    expect(await queuedJobCount()).toBe(before);
  });

  it('answers 400 on malformed JSON, 415 on another type, 413 on a body over the limit', async () => {
    const before = await queuedJobCount();
    const post = (body: string, type = 'application/json') =>
      fetch(`${base}/api/runs`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
    const malformed = await post('{"cellSize": 2, "layout": [');
    expect(malformed.status).toBe(400);
    expect(await read(malformed)).toMatchObject({
      type: '/problems/malformed-body',
      detail: expect.stringMatching(/not valid JSON/),
    });
    expect((await post('cellSize=2', 'application/x-www-form-urlencoded')).status).toBe(415);
    const big = await post(JSON.stringify({ cellSize: 2, layout: Array(400).fill('.'.repeat(400)) }));
    expect(big.status).toBe(413);
    expect(await queuedJobCount()).toBe(before);
  });

  it('needs the bearer token on every API route, and never logs it', async () => {
    for (const [method, path] of [
      ['POST', '/api/runs'],
      ['GET', '/api/runs'],
      ['GET', '/api/runs/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/runs/00000000-0000-4000-8000-000000000000/plan.svg'],
    ]) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-token-0123456789' },
        { authorization: TOKEN },
      ];
      for (const headers of attempts) {
        const response = await fetch(`${base}${path}`, { method, headers });
        expect(response.status, `${method} ${path}`).toBe(401);
      }
    }
    expect(app.logs()).not.toContain(TOKEN);
  });

  it('serves health, metrics and the OpenAPI document without a token', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('runs_triggered_total');
    const openapi = await read(await fetch(`${base}/api/openapi.json`));
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual([
      '/api/runs',
      '/api/runs/{id}',
      '/api/runs/{id}/plan.svg',
      '/api/runs/{id}/review-sheet.svg',
      '/api/runs/{id}/plan.dxf',
      '/api/runs/{id}/schedule.csv',
      '/api/floors',
      '/api/floors/{id}',
      '/api/floors/{id}/schedule.csv',
      '/api/rooms/from-dxf',
      '/api/openapi.json',
      '/api/docs',
      '/healthz',
      '/metrics',
      '/problems/{slug}',
    ]);
    const body = openapi.paths['/api/runs'].post.requestBody.content['application/json'].schema;
    expect(body.anyOf[0]).toEqual({ $ref: '#/components/schemas/Room' });
    expect(JSON.stringify(openapi.components.schemas.Room)).toContain('"layout"');
  });

  it('answers 404 for an unknown run and 400 for a bad list query', async () => {
    expect((await fetch(`${base}/api/runs/not-a-run`, { headers: auth })).status).toBe(404);
    expect(
      (await fetch(`${base}/api/runs/00000000-0000-4000-8000-000000000000`, { headers: auth })).status,
    ).toBe(404);
    expect((await fetch(`${base}/api/runs?limit=0`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${base}/api/runs?status=lost`, { headers: auth })).status).toBe(400);
  });
});

function sharedRoomJson(name: string): unknown {
  const room = sharedRoom(name);
  const { roomId, cellSize, units, roomType, ceilingHeight } = room;
  return { roomId, cellSize, units, roomType, ceilingHeight, layout: toLayout(room) };
}
