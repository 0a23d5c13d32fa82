import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRoom, renderResultDxf, toLayout } from '@ceiling-grid/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { L_OUTLINE, rect, sketchDxf } from '../../../packages/core/test/import/dxf-text.js';
import { unplacedResult } from '../../../packages/core/test/support/unplaced-result.js';
import type { startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { buildOpenApiDocument } from '../src/openapi/openapi-document.js';
import { type ListeningSchedulerApp, startSchedulerUnderTest } from './listen-scheduler-app.js';

const TOKEN = 'dxf-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const document = JSON.parse(JSON.stringify(buildOpenApiDocument()));
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;

beforeAll(async () => {
  ({ harness, app } = await startSchedulerUnderTest({ apiToken: TOKEN }));
});
afterAll(async () => {
  await app.close();
  await harness.close();
});

/** POSTs to the import route; `query` holds the options for a DXF body. */
async function importDxf(body: string | Uint8Array, contentType: string, query = '', headers = auth) {
  const response = await fetch(`${app.base}/api/rooms/from-dxf${query}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': contentType },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    // biome-ignore lint/suspicious/noExplicitAny: a room or a problem, checked by the tests
    body: (await response.json()) as any,
  };
}

/** Checks a body against a component schema of the OpenAPI document, as a client would. */
function expectFits(name: string, body: unknown): void {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  );
  const check = ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
  expect(check(body), `${name}: ${JSON.stringify(check.errors?.slice(0, 5))}`).toBe(true);
}

const L_ROOM = sketchDxf([
  {
    layer: 'A-WALL',
    points: L_OUTLINE,
  },
  { layer: 'S-COLS', x: 3, y: 2, r: 0.5 },
]);

describe('POST /api/rooms/from-dxf', () => {
  it('answers the room for a DXF body with options in the query; the room fits the document and runs', async () => {
    const answer = await importDxf(L_ROOM, 'application/dxf', '?tileSize=2&roomId=l-room&ceilingHeight=9.5');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      roomId: 'l-room',
      units: 'ft',
      cellSize: 2,
      ceilingHeight: 9.5,
      roomType: 'office',
      layout: ['...---', '...---', '.#....', '.#....'],
    });
    expectFits('Room', answer.body);
    const run = await fetch(`${app.base}/api/runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(answer.body),
    });
    expect(run.status).toBe(202);
  });

  it('reads text/plain and JSON {dxf, options} the same way', async () => {
    const text = await importDxf(L_ROOM, 'text/plain; charset=utf-8', '?tileSize=2');
    const json = await importDxf(
      JSON.stringify({ dxf: L_ROOM, options: { tileSize: 2 } }),
      'application/json',
    );
    expect(text.status).toBe(200);
    expect(json.status).toBe(200);
    expect(json.body).toEqual(text.body);
  });

  it("reads back a DXF the service's export writes: the sample room, existing devices included", async () => {
    const path = fileURLToPath(new URL('../../../data/input/sample_grid.json', import.meta.url));
    const room = parseRoom(JSON.parse(readFileSync(path, 'utf8')));
    const dxf = renderResultDxf(unplacedResult(room, 'api-import'));
    const answer = await importDxf(
      dxf,
      'image/vnd.dxf',
      '?obstructionLayer=A-CLNG-BLKD&originX=0&originY=0&tileSize=2',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.layout).toEqual(toLayout(room));
  });

  it.each([
    [
      'no $INSUNITS and no units',
      () => sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }], null),
      '',
      'units',
      /no \$INSUNITS/,
    ],
    [
      'an open outline',
      () => sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4), closed: false }]),
      '',
      'outlineLayer',
      /LWPOLYLINE handle 100 on layer A-WALL is open/,
    ],
    [
      'no closed outline on the layer named',
      () => L_ROOM,
      '?outlineLayer=WALLS',
      'outlineLayer',
      /no closed outline on layer WALLS/,
    ],
    [
      '10⁶ entities',
      () => `0\nSECTION\n2\nENTITIES\n${'0\nPOINT\n8\n0\n'.repeat(1_000_000)}0\nENDSEC\n0\nEOF\n`,
      '',
      'dxf',
      /more than 250,000 entities/,
    ],
    ['text that is no DXF', () => 'hello\nworld\n', '', 'dxf', /line 1 should be a group code/],
    ['a tile size that is no number', () => L_ROOM, '?tileSize=two', 'tileSize', /must be a number/],
    ['an unknown option', () => L_ROOM, '?colour=red', '', /Unrecognized key: "colour"/],
  ])('%s: 400 problem naming the field', async (_what, dxf, query, path, message) => {
    const answer = await importDxf(dxf(), 'application/dxf', query);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.type).toBe('/problems/invalid-request');
    expect(answer.body.errors[0].path).toBe(path);
    expect(answer.body.detail).toMatch(message);
    expectFits('ValidationProblem', answer.body);
  });

  it('refuses a JSON body without its drawing, or with options in the query as well', async () => {
    const missing = await importDxf(JSON.stringify({ options: {} }), 'application/json');
    expect([missing.status, missing.body.errors[0].path]).toEqual([400, 'dxf']);
    const both = await importDxf(JSON.stringify({ dxf: L_ROOM }), 'application/json', '?tileSize=2');
    expect([both.status, both.body.errors[0].path]).toEqual([400, 'tileSize']);
    const badOption = await importDxf(
      JSON.stringify({ dxf: L_ROOM, options: { units: 'yd' } }),
      'application/json',
    );
    expect([badOption.status, badOption.body.errors[0].path]).toEqual([400, 'options.units']);
  });

  it('413 over 16 MiB, 415 for another media type, 401 without the token', async () => {
    const big = await importDxf(new Uint8Array(16 * 1024 * 1024 + 1).fill(0x30), 'application/dxf');
    expect([big.status, big.body.type]).toEqual([413, '/problems/payload-too-large']);
    const xml = await importDxf('<dxf/>', 'application/xml');
    expect([xml.status, xml.body.type]).toEqual([415, '/problems/unsupported-media-type']);
    const anonymous = await importDxf(L_ROOM, 'application/dxf', '', {} as typeof auth);
    expect(anonymous.status).toBe(401);
  });

  it('is in the OpenAPI document with its query options, media types and answers', () => {
    const operation = document.paths['/api/rooms/from-dxf'].post;
    expect(operation.operationId).toBe('importRoomFromDxf');
    expect(Object.keys(operation.requestBody.content)).toEqual([
      'application/dxf',
      'image/vnd.dxf',
      'image/x-dxf',
      'text/plain',
      'application/json',
    ]);
    expect(operation.parameters.map((p: { name?: string }) => p.name)).toEqual(
      expect.arrayContaining(['outlineLayer', 'obstructionLayer', 'tileSize', 'units', 'originX', 'originY']),
    );
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '413', '415', '500']);
  });
});
