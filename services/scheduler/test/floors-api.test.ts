import { deviceSchedule } from '@ceiling-grid/core';
import type { FloorView } from '@ceiling-grid/queue';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sharedRoom, startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import type { floorViewSchema } from '../src/openapi/floor-schemas.js';
import { buildOpenApiDocument } from '../src/openapi/openapi-document.js';
import { type ListeningSchedulerApp, listenSchedulerApp } from './listen-scheduler-app.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any;

const TOKEN = 'floors-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };
const MAX_FLOOR_BODY = 64 * 1024;

const room = (roomId: string, layout: string[], extra: Record<string, unknown> = {}) => ({
  roomId,
  name: `Room ${roomId}`,
  cellSize: 2,
  layout,
  ...extra,
});
const FLOOR = {
  floorId: 'level-4',
  name: 'Level 4',
  rooms: [
    room('r-401', ['........', '........', '...##...', '........', '........']),
    room('r-402', ['L.....', '......', '......', '......']),
    room('r-broken', ['......', '......', '......']),
    room('r-404', ['----....', '----....', '........', '........']),
  ],
};

let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;

beforeAll(async () => {
  // r-broken's light jobs all throw, so its run fails: the floor must still finish.
  harness = await startQueueHarness({ failingRooms: ['r-broken'] });
  app = await listenSchedulerApp({
    runs: harness.runs,
    floors: harness.floors,
    connection: harness.connection,
    sampleRoom: sharedRoom('corridor'),
    apiToken: TOKEN,
    maxBodyBytes: 16 * 1024,
    maxFloorBodyBytes: MAX_FLOOR_BODY,
    triggerRateLimitPerMinute: 1000,
  });
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.base}/api/floors`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string) => fetch(`${app.base}${path}`, { headers: auth });
const read = async (response: Response | Promise<Response>): Promise<Json> => (await response).json();

/** Floors listed plus job hashes stored: neither may move when a floor is rejected. */
async function storedCount(): Promise<number> {
  const [floors, keys] = await Promise.all([
    harness.connection.zcard(`${harness.prefix}:floors`),
    harness.connection.keys(`${harness.prefix}:*`),
  ]);
  const jobHash = /:(placement|lights):[0-9a-f]{8}-[0-9a-f-]{27}(\.[a-z-]+)?$/;
  return floors + keys.filter((key) => jobHash.test(key)).length;
}

async function waitForFloor(floorRunId: string, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const floor = await read(get(`/api/floors/${floorRunId}`));
    if (floor.status === 'completed') return floor;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`floor ${floorRunId} did not finish in ${timeoutMs} ms`);
}

const document: Json = JSON.parse(JSON.stringify(buildOpenApiDocument()));
function expectFits(name: string, body: unknown): void {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  );
  const check = ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
  expect(check(body), `${name}: ${JSON.stringify(check.errors?.slice(0, 5))}`).toBe(true);
}

describe('floors API', () => {
  let floorRunId: string;
  let floor: Json;

  it('queues a floor: 202 with its id, Location and links', async () => {
    const response = await post(FLOOR);
    expect(response.status).toBe(202);
    const body = await read(response);
    expectFits('FloorTriggerResponse', body);
    expect(body).toMatchObject({ floorId: 'level-4', status: 'queued', created: true, rooms: 4 });
    floorRunId = body.floorRunId;
    expect(response.headers.get('location')).toBe(`/api/floors/${floorRunId}`);
    expect(body.links).toEqual({
      self: `/api/floors/${floorRunId}`,
      schedule: `/api/floors/${floorRunId}/schedule.csv`,
    });
  });

  it('reads the floor back: each room’s status and run, progress, and totals of the completed rooms', async () => {
    floor = await waitForFloor(floorRunId);
    expectFits('Floor', floor);
    expect(floor.progress).toEqual({ total: 4, finished: 4, completed: 3, failed: 1, fraction: 1 });
    expect(floor.rooms.map((r: Json) => [r.roomId, r.status])).toEqual([
      ['r-401', 'completed'],
      ['r-402', 'completed'],
      ['r-broken', 'failed'],
      ['r-404', 'completed'],
    ]);
    const broken = floor.rooms[2];
    expect(broken.error).toMatch(/fails on purpose|no light layout|light/i);
    // Every room's run is an ordinary run at its link.
    for (const r of floor.rooms) {
      expect(r.links.self).toBe(`/api/runs/${r.runId}`);
      const run = await read(get(r.links.self));
      expect(run).toMatchObject({ runId: r.runId, roomId: r.roomId, status: r.status });
    }
    // Totals: the completed rooms' own counts, summed; the failed room counts in none.
    const completed = floor.rooms.filter((r: Json) => r.status === 'completed');
    const sum = (kind: string) => completed.reduce((total: number, r: Json) => total + r.placed[kind], 0);
    expect(floor.totals).toMatchObject({
      completedRooms: 3,
      compliantRooms: completed.filter((r: Json) => r.compliant).length,
      lights: { count: sum('light') },
      diffusers: { count: sum('airSupply') },
      detectors: { count: sum('smokeDetector') },
      units: { watts: 'W', area: 'ft²', lightingPowerDensity: 'W/ft²' },
    });
    expect(floor.totals.lights.lowerBound).toBeLessThanOrEqual(floor.totals.lights.count);
    expect(floor.totals.watts).toBeGreaterThan(0);
    expect(floor.totals.lightingPowerDensity).toBeCloseTo(floor.totals.watts / floor.totals.area, 9);
  });

  it('lists floors newest first without their rooms', async () => {
    const list = await read(get('/api/floors?limit=5'));
    expectFits('FloorList', list);
    expect(list.floors[0]).toMatchObject({ floorRunId, floorId: 'level-4', status: 'completed' });
    expect(list.floors[0]).not.toHaveProperty('rooms');
    expect((await get('/api/floors?limit=0')).status).toBe(400);
  });

  it('gives every device of every completed room as CSV, with room ids', async () => {
    const response = await get(`/api/floors/${floorRunId}/schedule.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('level-4-schedule.csv');
    const lines = (await response.text()).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('roomId,runId,tag,type,x,y,units,row,col,status,stage,model,description');
    for (const r of floor.rooms) {
      const rows = lines.filter((line) => line.startsWith(`${r.roomId},${r.runId},`));
      if (r.status !== 'completed') {
        expect(rows, r.roomId).toEqual([]);
        continue;
      }
      const run = await read(get(`/api/runs/${r.runId}`));
      expect(rows.length, r.roomId).toBe(deviceSchedule(run.result).length);
    }
    // r-402's existing light is listed as existing.
    expect(
      lines.some((l) => l.startsWith('r-402,') && l.includes(',light,') && l.includes(',existing,')),
    ).toBe(true);
  });

  it('replays the floor for the same Idempotency-Key and refuses the key with another floor', async () => {
    const headers = { 'idempotency-key': 'floor-key-1' };
    const small = { floorId: 'small', rooms: [room('a', ['....', '....'])] };
    const first = await read(post(small, headers));
    const before = await storedCount();
    const again = await post(small, headers);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await read(again)).toMatchObject({ floorRunId: first.floorRunId, created: false, rooms: 1 });
    const other = await post({ ...small, name: 'renamed' }, headers);
    expect(other.status).toBe(409);
    expect((await read(other)).detail).toMatch(/floor/);
    expect(await storedCount()).toBe(before);
  });

  it('rejects an invalid floor whole, naming every bad room (by index and roomId) and field; nothing queued', async () => {
    const before = await storedCount();
    const response = await post({
      floorId: 'level-5',
      rooms: [
        room('r-501', ['....']),
        room('r-502', ['..x.']),
        room('r-503', ['....'], { cellSize: -1 }),
        room('r-501', ['....']),
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await read(response);
    expectFits('ValidationProblem', body);
    expect(body.detail).toMatch(/^invalid floor \(2 rooms with problems; nothing was queued\)/);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'rooms[1].layout[0]', roomId: 'r-502', message: expect.stringMatching(/"x"/) },
        { path: 'rooms[2].cellSize', roomId: 'r-503', message: expect.any(String) },
      ]),
    );
    // Floor-wide checks (duplicate ids) come once every room parses.
    const duplicate = await read(post({ floorId: 'f', rooms: [room('a', ['..']), room('a', ['..'])] }));
    expect(duplicate.errors).toEqual([
      { path: 'rooms[1].roomId', roomId: 'a', message: expect.stringMatching(/also the id of rooms\[0\]/) },
    ]);
    const notAFloor = await read(post({ floorId: 'f' }));
    expect(notAFloor.errors[0].path).toBe('rooms');
    expect(await storedCount()).toBe(before);
  });

  it('answers 413 over FLOOR_MAX_BODY_BYTES, 415 for another type, 400 for broken JSON; nothing queued', async () => {
    const before = await storedCount();
    const rows = Array(120).fill('.'.repeat(120));
    const big = await post({
      floorId: 'big',
      rooms: [room('a', rows), room('b', rows), room('c', rows), room('d', rows), room('e', rows)],
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ type: '/problems/payload-too-large' });
    expect((await post('{"floorId": ')).status).toBe(400);
    const form = await fetch(`${app.base}/api/floors`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(form.status).toBe(415);
    expect(await storedCount()).toBe(before);
  });

  it('answers 404 for an unknown floor, a run id, and a malformed id; 401 without the token', async () => {
    const runId = floor.rooms[0].runId;
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', runId]) {
      const response = await get(`/api/floors/${id}`);
      expect(response.status, id).toBe(404);
      expectFits('Problem', await response.json());
      expect((await get(`/api/floors/${id}/schedule.csv`)).status, id).toBe(404);
    }
    for (const path of ['/api/floors', `/api/floors/${floorRunId}`, `/api/floors/${floorRunId}/schedule.csv`])
      expect((await fetch(`${app.base}${path}`)).status, path).toBe(401);
    expect((await fetch(`${app.base}/api/floors`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('fits the floor type the queue returns (compile time)', () => {
    const view = (value: Mutable<FloorView>): z.output<typeof floorViewSchema> => value;
    expect(view).toBeTypeOf('function');
  });
});

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
