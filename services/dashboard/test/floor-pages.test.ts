import { parseRoom } from '@ceiling-grid/core';
import { SCHEDULES_QUEUE } from '@ceiling-grid/queue';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { createDailyRunProcessor, registerDailySchedule } from '../../scheduler/src/daily-schedule.js';
import { type DashboardHarness, form, REDIS_URL, startDashboard } from './dashboard-harness.js';

const room = (roomId: string, layout: string[]) => ({ roomId, name: `Room ${roomId}`, cellSize: 2, layout });
const FLOOR = {
  floorId: 'level-7',
  name: 'Level <7>',
  rooms: [
    room('r-701', ['........', '........', '...##...', '........']),
    room('r-702', ['......', '......', '......']),
    room('r-703', ['----....', '----....', '........', '........']),
  ],
};
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let dashboard: DashboardHarness;

beforeAll(async () => {
  // Real workers on the dashboard's prefix, so floors and runs finish while pages watch.
  harness = await startQueueHarness();
  dashboard = await startDashboard({ prefix: harness.prefix, maxFloorBodyBytes: 16 * 1024 });
});
afterAll(async () => {
  await dashboard?.close();
  await harness?.close();
});

const post = (fields: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN) => {
  const init = form(fields);
  return dashboard.request('/floors', { ...init, headers: { ...(init.headers as object), ...headers } });
};

/** Every `update` event of a server-sent event stream until it ends. */
async function readUpdates(path: string): Promise<{ regions: Record<string, string>; done: boolean }[]> {
  const response = await dashboard.request(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const updates: { regions: Record<string, string>; done: boolean }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith('event: update\n')) updates.push(JSON.parse(block.split('\ndata: ')[1]));
      end = buffer.indexOf('\n\n');
    }
  }
  return updates;
}

async function floorCount(): Promise<number> {
  return dashboard.connection.zcard(`${dashboard.prefix}:floors`);
}

describe('floor pages', () => {
  let floorRunId: string;

  it('shows the upload form with the floor limits', async () => {
    const page = await (await dashboard.request('/floors/new')).text();
    expect(page).toContain('<form class="card" id="floor-form" method="post" action="/floors">');
    expect(page).toContain('id="floor-file"');
    expect(page).toContain('at most 500 rooms');
    expect(page).toContain('aria-current="page">Floors</a>');
  });

  it('rejects an invalid floor with every problem grouped by room and field, and starts nothing', async () => {
    const before = await floorCount();
    const bad = {
      floorId: 'level-8',
      rooms: [room('r-801', ['....']), room('r-802', ['..x.']), { ...room('r-803', ['..']), cellSize: -1 }],
    };
    const response = await post({ floor: JSON.stringify(bad) });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('The floor is not valid: 2 problems in 2 rooms. Nothing was started.');
    expect(page).toContain('<div class="issue-room">Room r-802 · rooms[1]</div>');
    expect(page).toContain('<div class="issue-room">Room r-803 · rooms[2]</div>');
    expect(page).toMatch(
      /data-path="rooms\[1\]\.layout\[0\]" data-room-id="r-802"><span class="issue-path">layout\[0\]<\/span>: .*x/,
    );
    expect(page).toContain(
      'data-path="rooms[2].cellSize" data-room-id="r-803"><span class="issue-path">cellSize</span>',
    );
    // The text stays in the form to be fixed.
    expect(page).toContain('&quot;floorId&quot;:&quot;level-8&quot;');
    for (const [text, message] of [
      ['', 'Choose a floor file or paste a floor JSON.'],
      ['{"floorId": ', 'The floor is not valid JSON'],
    ]) {
      const answer = await post({ floor: text });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain(message);
    }
    const big = await post({ floor: JSON.stringify({ ...FLOOR, pad: 'x'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('FLOOR_MAX_BODY_BYTES');
    expect(await floorCount()).toBe(before);
  });

  it('refuses a floor posted from another site', async () => {
    const before = await floorCount();
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      expect((await post({ floor: JSON.stringify(FLOOR) }, headers)).status).toBe(403);
    }
    expect(await floorCount()).toBe(before);
  });

  it('starts a valid floor and redirects to its page: progress, rooms with run links, live stream', async () => {
    const response = await post({ floor: JSON.stringify(FLOOR) });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/floors\/[0-9a-f-]{36}$/);
    floorRunId = location.split('/').pop() ?? '';
    const page = await (await dashboard.request(location)).text();
    expect(page).toContain('<h1>Level &lt;7&gt;</h1>');
    expect(page).toContain(`data-live-events="/floors/${floorRunId}/events"`);
    expect(page).toMatch(/<progress class="floor-bar" max="3" value="\d" aria-label="Rooms finished">/);
    const view = await dashboard.floors.getFloor(floorRunId);
    for (const r of view?.rooms ?? []) {
      expect(page).toContain(`<tr id="room-${r.runId}" data-room-id="${r.roomId}"`);
      expect(page).toContain(`href="/runs/${r.runId}"`);
    }
    expect(page).toContain('id="floor-totals"');
  });

  it('streams the floor page live until every room finished: progress, rows and totals', async () => {
    const updates = await readUpdates(`/floors/${floorRunId}/events`);
    const last = updates.at(-1);
    expect(last?.done).toBe(true);
    expect(updates.slice(0, -1).every((u) => !u.done)).toBe(true);
    // The first update has every region; later ones only what changed.
    const view = await dashboard.floors.getFloor(floorRunId);
    expect(view?.status).toBe('completed');
    const ids = ['floor-progress', 'floor-totals', ...(view?.rooms ?? []).map((r) => `room-${r.runId}`)];
    expect(Object.keys(updates[0].regions).sort()).toEqual([...ids].sort());
    const merged = Object.assign({}, ...updates.map((u) => u.regions)) as Record<string, string>;
    expect(merged['floor-progress']).toContain('data-finished="3" data-total="3"');
    expect(merged['floor-progress']).toContain(
      '<progress class="floor-bar" max="3" value="3" aria-label="Rooms finished">',
    );
    expect(merged['floor-progress']).not.toContain('data-live-fallback');
    for (const r of view?.rooms ?? []) expect(merged[`room-${r.runId}`]).toContain('data-status="completed"');
    expect(merged['floor-totals']).toContain(`data-total="light" data-count="${view?.totals.lights.count}"`);
  });

  it('lists the floor and serves its schedule as CSV', async () => {
    const list = await (await dashboard.request('/floors')).text();
    expect(list).toContain(`data-floor-run-id="${floorRunId}" data-status="completed"`);
    const csv = await dashboard.request(`/floors/${floorRunId}/schedule.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('roomId,runId,tag,type,x,y,units,row,col,status,stage,model,description');
    for (const r of FLOOR.rooms) expect(lines.some((line) => line.startsWith(`${r.roomId},`))).toBe(true);
  });

  it('answers 404 for an unknown floor, its stream and its schedule', async () => {
    for (const path of [
      '/floors/nope',
      '/floors/00000000-0000-4000-8000-000000000000/events',
      '/floors/x/schedule.csv',
    ])
      expect((await dashboard.request(path)).status, path).toBe(404);
  });
});

describe('live run page', () => {
  it('serves the live script under the page CSP and streams a run until its plan is there', async () => {
    const script = await dashboard.request('/assets/live.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("new EventSource(root.getAttribute('data-live-events'))");

    const { runId } = await dashboard.runs.trigger(parseRoom(room('r-live', ['......', '......', '......'])));
    const page = await dashboard.request(`/runs/${runId}`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await page.text()).toContain(
      `<script type="module" nonce="${nonce}" src="/assets/live.js"></script>`,
    );

    const updates = await readUpdates(`/runs/${runId}/events`);
    expect(updates.at(-1)?.done).toBe(true);
    const final = updates.at(-1)?.regions['run-live'] ?? '';
    expect(final).toContain('data-status="completed"');
    expect(final).toContain('<div class="plan"><svg');
    expect(final).not.toContain('data-live-fallback');
    // Every stage card ends completed.
    expect(final.match(/class="node ok/g)?.length).toBe(5);
  });

  it('ends a finished run’s stream at once with its final state', async () => {
    const [run] = await dashboard.runs.listRuns({ limit: 1, status: 'completed' });
    const updates = await readUpdates(`/runs/${run.runId}/events`);
    expect(updates).toHaveLength(1);
    expect(updates[0].done).toBe(true);
  });
});

describe('daily job on the runs page', () => {
  it('says when no daily run is scheduled, then shows the next run and runs it now', async () => {
    const before = await (await dashboard.request('/runs')).text();
    expect(before).toContain('No daily run is scheduled');
    expect(before).not.toContain('id="daily-run-now"');
    expect((await dashboard.request('/runs/daily', { method: 'POST', headers: SAME_ORIGIN })).status).toBe(
      404,
    );

    await registerDailySchedule(dashboard.schedules, {
      enabled: true,
      cron: '0 2 * * *',
      roomPath: 'data/rooms/corridor.json',
      resultTtlDays: 1,
    });
    const scheduler = await dashboard.schedules.getJobScheduler('daily-room-run');
    const page = await (await dashboard.request('/runs')).text();
    expect(page).toContain(`data-next-run="${new Date(scheduler?.next ?? 0).toISOString()}"`);
    expect(page).toContain('<code>0 2 * * *</code> UTC');
    expect(page).toContain(
      '<form method="post" action="/runs/daily"><button class="button" type="submit" id="daily-run-now">Run now</button></form>',
    );

    // Cross-site posts start nothing.
    expect(
      (
        await dashboard.request('/runs/daily', {
          method: 'POST',
          headers: { 'sec-fetch-site': 'cross-site' },
        })
      ).status,
    ).toBe(403);

    // The scheduler's daily worker turns the job into a run; the button leads to it.
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(SCHEDULES_QUEUE, createDailyRunProcessor(dashboard.runs), {
      connection,
      prefix: dashboard.prefix,
    });
    try {
      const response = await dashboard.request('/runs/daily', { method: 'POST', headers: SAME_ORIGIN });
      expect(response.status).toBe(303);
      const runId = (response.headers.get('location') ?? '').split('/').pop() ?? '';
      const run = await dashboard.runs.getRun(runId);
      expect(run?.roomId).toBe('corridor');
      expect(run?.source).toBe('daily');
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });
});
