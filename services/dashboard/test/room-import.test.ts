import { readFileSync } from 'node:fs';
import { MAX_DXF_CHARS, parseRoom, type Room, renderResultDxf, toLayout } from '@ceiling-grid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unplacedResult } from '../../../packages/core/test/support/unplaced-result.js';
import { type DashboardHarness, startDashboard } from './dashboard-harness.js';

const ROOM_PATH = new URL('../../../data/rooms/office-l-shaped.json', import.meta.url);

/** The room's DXF as the run viewer exports it, before any run: its own tiles, nothing placed. */
function exportedDxf(room: Room): string {
  return renderResultDxf(unplacedResult(room), { date: 'd' });
}

/** An open polyline on A-WALL: no room outline. */
const OPEN_OUTLINE = [
  ...['0', 'SECTION', '2', 'HEADER', '9', '$INSUNITS', '70', '2', '0', 'ENDSEC'],
  ...['0', 'SECTION', '2', 'ENTITIES', '0', 'LWPOLYLINE', '8', 'A-WALL', '90', '3', '70', '0'],
  ...['10', '0', '20', '0', '10', '10', '20', '0', '10', '10', '20', '10', '0', 'ENDSEC', '0', 'EOF', ''],
].join('\n');

function importForm(dxf: string | Blob, fileName: string, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set('dxf', typeof dxf === 'string' ? new Blob([dxf], { type: 'application/dxf' }) : dxf, fileName);
  return body;
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The room JSON the New run page's form holds. */
function roomInForm(page: string): unknown {
  const text = /<textarea id="room-json"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1] ?? '';
  return JSON.parse(decode(text));
}

describe('Import DXF form (POST /rooms/from-dxf)', () => {
  let dashboard: DashboardHarness;
  const room = parseRoom(JSON.parse(readFileSync(ROOM_PATH, 'utf8')));
  const sameOrigin = () => ({ origin: dashboard.baseUrl, 'sec-fetch-site': 'same-origin' });

  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('is on the New run page: a multipart form with the file and the main options at their defaults', async () => {
    const page = await (await dashboard.request('/runs/new')).text();
    expect(page).toContain(
      '<form id="dxf-form" method="post" action="/rooms/from-dxf" enctype="multipart/form-data">',
    );
    expect(page).toMatch(/<input type="file" id="dxf-file" name="dxf"/);
    expect(page).toMatch(/name="outlineLayer" value="A-WALL"/);
    expect(page).toMatch(/name="obstructionLayer" value="S-COLS"/);
    expect(page).toMatch(/<select id="dxf-units" name="units">/);
    expect(page).toMatch(/name="tileSize" type="number"/);
  });

  it('answers the New run page holding the room of an exported repository room, for the editor to open', async () => {
    const response = await dashboard.request('/rooms/from-dxf', {
      method: 'POST',
      headers: sameOrigin(),
      body: importForm(exportedDxf(room), 'office <L>.dxf', {
        obstructionLayer: 'A-CLNG-BLKD',
        originX: '0',
        originY: '0',
        tileSize: String(room.cellSize),
        units: '',
        roomId: '',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const page = await response.text();
    const back = parseRoom(roomInForm(page));
    expect(toLayout(back)).toEqual(toLayout(room));
    expect([back.rows, back.cols, back.cellSize, back.units]).toEqual([
      room.rows,
      room.cols,
      room.cellSize,
      room.units,
    ]);
    expect(page).toContain('data-loaded-from="office &lt;L&gt;.dxf"');
    expect(page).not.toContain('id="dxf-import-error"');
    // The options stay as given, for the next import.
    expect(page).toMatch(/name="obstructionLayer" value="A-CLNG-BLKD"/);
  });

  it('answers 400 with the page naming the field and the layer of a drawing it refuses, and runs nothing', async () => {
    const response = await dashboard.request('/rooms/from-dxf', {
      method: 'POST',
      headers: sameOrigin(),
      body: importForm(OPEN_OUTLINE, 'open.dxf'),
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const error =
      /<div class="alert bad" role="alert" id="dxf-import-error"([^>]*)>([\s\S]*?)<\/div>\n<\/div>/.exec(
        page,
      );
    expect(error?.[1]).toContain('data-field="outlineLayer" data-layer="A-WALL"');
    expect(decode(error?.[2] ?? '')).toMatch(
      /Could not import open\.dxf[\s\S]*outlineLayer[\s\S]*A-WALL is open/,
    );
    expect(page).toMatch(/id="dxf-outlineLayer" name="outlineLayer" value="A-WALL"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/<details class="card" id="dxf-import" open>/);
    expect(/<textarea id="room-json"[^>]*><\/textarea>/.test(page)).toBe(true);
    const counts = await Promise.all(dashboard.runs.queues.map((queue) => queue.getJobCounts()));
    expect(counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('names a bad option and a missing file the same way', async () => {
    const badTile = await dashboard.request('/rooms/from-dxf', {
      method: 'POST',
      headers: sameOrigin(),
      body: importForm(exportedDxf(room), 'plan.dxf', { tileSize: '-2' }),
    });
    expect(badTile.status).toBe(400);
    expect(await badTile.text()).toMatch(/data-field="tileSize"[\s\S]*tileSize: must be &gt; 0/);
    const noFile = new FormData();
    noFile.set('units', 'ft');
    const missing = await dashboard.request('/rooms/from-dxf', {
      method: 'POST',
      headers: sameOrigin(),
      body: noFile,
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('choose a DXF file to import');
  });

  it('refuses a post from another site', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const response = await dashboard.request('/rooms/from-dxf', {
        method: 'POST',
        headers,
        body: importForm(exportedDxf(room), 'plan.dxf'),
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Drawings can only be imported from this dashboard.');
    }
  });

  it('answers 413 with a problem page for a drawing past 16 MiB', async () => {
    const big = new Blob([exportedDxf(room), ' '.repeat(MAX_DXF_CHARS)], { type: 'application/dxf' });
    const response = await dashboard.request('/rooms/from-dxf', {
      method: 'POST',
      headers: { ...sameOrigin(), accept: 'text/html' },
      body: importForm(big, 'big.dxf'),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('larger than 16 MiB');
  });
});
