import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toLayout } from '@ceiling-grid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWithDebianTools } from '../../../packages/core/test/export/cad-readers.js';
import { sharedRoom, startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { type ListeningSchedulerApp, listenSchedulerApp } from './listen-scheduler-app.js';

/**
 * A run's files through the API (issue 14 item 4): the DXF read back by Debian's ezdxf with a
 * clean audit, the CSV by Python's csv module, both matching the run's placements, with the
 * content types and Content-Disposition a browser or `curl -OJ` saves them by; problems for a
 * run that is not there, not finished, or failed.
 */
const TOKEN = 'run-files-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let idle: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;
let idleApp: ListeningSchedulerApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-api-files-'));
  harness = await startQueueHarness({ failingRooms: ['corridor'] });
  idle = await startQueueHarness({ workers: false });
  const deps = { sampleRoom: sharedRoom('office-open-plan'), apiToken: TOKEN, maxBodyBytes: 64 * 1024 };
  app = await listenSchedulerApp({
    ...deps,
    runs: harness.runs,
    connection: harness.connection,
    triggerRateLimitPerMinute: 1000,
  });
  idleApp = await listenSchedulerApp({
    ...deps,
    runs: idle.runs,
    connection: idle.connection,
    triggerRateLimitPerMinute: 1000,
  });
});

afterAll(async () => {
  await Promise.all([app?.close(), idleApp?.close()]);
  await Promise.all([harness?.close(), idle?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
type Json = any;

async function trigger(base: string, room: unknown): Promise<string> {
  const response = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(room),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

async function problem(response: Response, status: number, type: string): Promise<Json> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await response.json()) as Json;
  expect(body.type).toBe(`/problems/${type}`);
  return body;
}

describe("a run's files through the API", () => {
  it('serves the DXF and the CSV of a finished run, which ezdxf and csv read back as the placements', async () => {
    const runId = await trigger(app.base, { sample: true });
    const run = await harness.waitForRun(runId);
    expect(run.status).toBe('completed');
    const placements = run.result!.placements;
    const prefix = `office-open-plan-${runId.slice(0, 8)}`;

    const dxf = await fetch(`${app.base}/api/runs/${runId}/plan.dxf`, { headers: auth });
    expect(dxf.status).toBe(200);
    expect(dxf.headers.get('content-type')).toBe('image/vnd.dxf; charset=utf-8');
    expect(dxf.headers.get('content-disposition')).toBe(`attachment; filename="${prefix}-plan.dxf"`);
    const csv = await fetch(`${app.base}/api/runs/${runId}/schedule.csv`, { headers: auth });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${prefix}-schedule.csv"`);
    const sheet = await fetch(`${app.base}/api/runs/${runId}/review-sheet.svg`, { headers: auth });
    expect(sheet.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(sheet.headers.get('content-disposition')).toBe(`inline; filename="${prefix}-review-sheet.svg"`);
    expect(await sheet.text()).toContain('<svg');

    writeFileSync(join(dir, 'api.dxf'), Buffer.from(await dxf.arrayBuffer()));
    writeFileSync(join(dir, 'api.csv'), Buffer.from(await csv.arrayBuffer()));
    const report = readWithDebianTools(dir, [
      { name: 'api', dxf: join(dir, 'api.dxf'), csv: join(dir, 'api.csv') },
    ]).api;
    expect(report.error).toBeUndefined();
    expect(report.dxf!.auditErrors).toEqual([]);
    expect(report.dxf!.insunits).toBe(2); // feet, as the room
    const inserts = report.dxf!.inserts;
    expect(inserts).toHaveLength(placements.length);
    const at = (x: number, y: number) => `${x.toFixed(6)},${y.toFixed(6)}`;
    expect(new Set(inserts.map((i) => at(i.x, i.y)))).toEqual(new Set(placements.map((p) => at(p.x, p.y))));
    // The title block's date is the day the run finished, never the clock's.
    expect(report.dxf!.titleBlock.join('\n')).toContain(run.finishedAt!.slice(0, 10));

    const [header, ...records] = report.csv!;
    expect(header.slice(0, 4)).toEqual(['tag', 'type', 'x', 'y']);
    expect(records).toHaveLength(placements.length);
    const xy = records.map((record) => at(Number(record[2]), Number(record[3])));
    expect(new Set(xy)).toEqual(new Set(placements.map((p) => at(p.x, p.y))));
  });

  it('links the files from the run', async () => {
    const runId = await trigger(app.base, { sample: true });
    const body = (await (await fetch(`${app.base}/api/runs/${runId}`, { headers: auth })).json()) as Json;
    expect(body.links).toMatchObject({
      drawing: `/api/runs/${runId}/plan.dxf`,
      schedule: `/api/runs/${runId}/schedule.csv`,
      reviewSheet: `/api/runs/${runId}/review-sheet.svg`,
    });
    await harness.waitForRun(runId);
  });

  it('404 for an unknown run, 409 for a queued run and for a failed one', async () => {
    for (const file of ['plan.dxf', 'schedule.csv', 'review-sheet.svg']) {
      await problem(
        await fetch(`${app.base}/api/runs/00000000-0000-4000-8000-000000000000/${file}`, { headers: auth }),
        404,
        'not-found',
      );
      await problem(
        await fetch(`${app.base}/api/runs/not-a-run/${file}`, { headers: auth }),
        404,
        'not-found',
      );
    }

    const queued = await trigger(idleApp.base, { sample: true });
    const waiting = await problem(
      await fetch(`${idleApp.base}/api/runs/${queued}/plan.dxf`, { headers: auth }),
      409,
      'run-not-finished',
    );
    expect(waiting.detail).toBe(`run ${queued} is queued; its drawing exists once it completes`);
    const csvWaiting = await problem(
      await fetch(`${idleApp.base}/api/runs/${queued}/schedule.csv`, { headers: auth }),
      409,
      'run-not-finished',
    );
    expect(csvWaiting.detail).toBe(`run ${queued} is queued; its device schedule exists once it completes`);

    const { roomId, cellSize, units, roomType, ceilingHeight } = sharedRoom('corridor');
    const layout = toLayout(sharedRoom('corridor'));
    const failed = await trigger(app.base, { roomId, cellSize, units, roomType, ceilingHeight, layout });
    expect((await harness.waitForRun(failed)).status).toBe('failed');
    for (const file of ['plan.dxf', 'schedule.csv']) {
      const body = await problem(
        await fetch(`${app.base}/api/runs/${failed}/${file}`, { headers: auth }),
        409,
        'run-not-finished',
      );
      expect(body.detail).toMatch(new RegExp(`^run ${failed} failed .*; a failed run has no `));
    }
  });

  it('needs the bearer token', async () => {
    for (const file of ['plan.dxf', 'schedule.csv', 'review-sheet.svg']) {
      const response = await fetch(`${app.base}/api/runs/00000000-0000-4000-8000-000000000000/${file}`);
      expect(response.status).toBe(401);
    }
  });
});
