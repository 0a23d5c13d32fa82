import { DxfImportError, importRoomFromDxf, parseRoom } from '@ceiling-grid/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startQueueHarness } from '../../packages/queue/test/queue-harness.js';
import {
  type ListeningSchedulerApp,
  startSchedulerUnderTest,
} from '../../services/scheduler/test/listen-scheduler-app.js';
import { anyTextArb, generatedDxfArb, mutatedDxfArb, SEED_DRAWINGS } from './dxf-arbitraries.js';

/**
 * Malformed DXF, in process and over HTTP: damaged copies of valid drawings, drawings generated
 * from group codes with odd values, and any text. Properties: the core throws only a
 * DxfImportError (a room it returns is valid); POST /api/rooms/from-dxf never answers a 5xx,
 * only 200 with a valid room or a 400 problem naming a field.
 */
const SEED = 20_261_203;
const CORE_RUNS = 2_000;
const HTTP_RUNS = 600;
const TOKEN = 'dxf-fuzz-token-0123456789abcdef';

let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;
const statuses = new Map<number, number>();

beforeAll(async () => {
  ({ harness, app } = await startSchedulerUnderTest({ apiToken: TOKEN, maxBodyBytes: 1_048_576 }));
});

afterAll(async () => {
  await app.close();
  await harness.close();
  console.log(`[dxf-fuzz] HTTP answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
});

const dxfArb = fc.oneof(mutatedDxfArb, generatedDxfArb, anyTextArb);

/** The core's outcome: a valid room, or a DxfImportError naming a field; anything else fails. */
function coreOutcome(text: string): 'room' | 'refused' {
  try {
    parseRoom(importRoomFromDxf(text, { units: 'ft', tileSize: 2 }));
    return 'room';
  } catch (error) {
    if (!(error instanceof DxfImportError)) throw error;
    expect(error.field).not.toBe('');
    expect(error.message).not.toBe('');
    return 'refused';
  }
}

describe('malformed DXF', () => {
  it('the seed drawings are valid (so the mutations start from rooms)', () => {
    for (const drawing of SEED_DRAWINGS) expect(coreOutcome(drawing)).toBe('room');
  });

  it(`the core refuses ${CORE_RUNS} damaged, generated and random drawings only with a DxfImportError`, () => {
    fc.assert(
      fc.property(dxfArb, (text) => {
        coreOutcome(text);
      }),
      { numRuns: CORE_RUNS, seed: SEED },
    );
  }, 120_000);

  it(`POST /api/rooms/from-dxf answers ${HTTP_RUNS} of them with 200 or a 400 problem, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        dxfArb,
        fc.constantFrom('application/dxf', 'text/plain', 'json'),
        async (text, type) => {
          const json = type === 'json';
          const response = await fetch(
            `${app.base}/api/rooms/from-dxf${json ? '' : '?units=ft&tileSize=2'}`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${TOKEN}`,
                'content-type': json ? 'application/json' : type,
              },
              body: json ? JSON.stringify({ dxf: text, options: { units: 'ft', tileSize: 2 } }) : text,
            },
          );
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const body = (await response.json()) as { errors?: { path: string }[]; detail?: string };
          expect(response.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
          // What the server read: the text as UTF-8 (lone surrogates become U+FFFD).
          const expected = coreOutcome(Buffer.from(text, 'utf8').toString('utf8'));
          if (expected === 'room') {
            expect(response.status).toBe(200);
            expect(() => parseRoom(body)).not.toThrow();
          } else {
            expect(response.status).toBe(400);
            expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            expect(body.errors?.[0]?.path, body.detail).toEqual(expect.any(String));
            expect(body.detail).toMatch(/^cannot import the drawing: /);
          }
        },
      ),
      { numRuns: HTTP_RUNS, seed: SEED + 1 },
    );
  }, 180_000);
});
