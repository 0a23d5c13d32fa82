import { readFileSync } from 'node:fs';
import { parseRoom, type RoomValidationError } from '@ceiling-grid/core';
import { SCHEDULES_QUEUE } from '@ceiling-grid/queue';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/html.js';
import { type DashboardHarness, form, PASSWORD, startDashboard, USER } from './dashboard-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SAMPLE = JSON.parse(
  readFileSync(new URL('../../../data/input/sample_grid.json', import.meta.url), 'utf8'),
);
const SMALL_ROOM = {
  roomId: 'tiny-office',
  name: 'Tiny office',
  cellSize: 2,
  layout: ['......', '..#...', '......'],
};

/** Jobs in both queues of the harness, all states. */
async function jobCount(dashboard: DashboardHarness): Promise<number> {
  const counts = await Promise.all(dashboard.runs.queues.map((queue) => queue.getJobCounts()));
  return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
}

describe('dashboard app', () => {
  let dashboard: DashboardHarness;
  let runId: string;

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ runId } = await dashboard.runs.trigger(parseRoom(SMALL_ROOM), { source: 'api' }));
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  describe('authentication', () => {
    // Every route behind basic auth, with the status the right credentials get.
    const routes: {
      method: 'GET' | 'POST';
      label: string;
      path: () => string;
      ok: number;
      body?: () => RequestInit;
    }[] = [
      { method: 'GET', label: '/', path: () => '/', ok: 302 },
      { method: 'GET', label: '/board', path: () => '/board', ok: 200 },
      { method: 'GET', label: '/board/queue/placement', path: () => '/board/queue/placement', ok: 200 },
      {
        method: 'GET',
        label: '/board/queue/placement/:id',
        path: () => `/board/queue/placement/${runId}`,
        ok: 200,
      },
      { method: 'GET', label: '/board/api/queues', path: () => '/board/api/queues', ok: 200 },
      {
        method: 'GET',
        label: '/board/api/queues/placement/:id/logs',
        path: () => `/board/api/queues/placement/${runId}/logs`,
        ok: 200,
      },
      { method: 'GET', label: '/runs', path: () => '/runs', ok: 200 },
      { method: 'GET', label: '/runs?status=queued', path: () => '/runs?status=queued', ok: 200 },
      { method: 'GET', label: '/runs/new', path: () => '/runs/new', ok: 200 },
      { method: 'GET', label: '/runs/:id', path: () => `/runs/${runId}`, ok: 200 },
      // Exists only once the run finished; no workers run here, so 404 is the authorised answer.
      { method: 'GET', label: '/runs/:id/result.json', path: () => `/runs/${runId}/result.json`, ok: 404 },
      { method: 'GET', label: '/runs/:id/plan.dxf', path: () => `/runs/${runId}/plan.dxf`, ok: 409 },
      { method: 'GET', label: '/runs/:id/schedule.csv', path: () => `/runs/${runId}/schedule.csv`, ok: 409 },
      {
        method: 'POST',
        label: '/runs',
        path: () => '/runs',
        ok: 303,
        body: () => form({ source: 'sample' }),
      },
      { method: 'GET', label: '/floors', path: () => '/floors', ok: 200 },
      { method: 'GET', label: '/floors/new', path: () => '/floors/new', ok: 200 },
      // An empty form is shown again with what is missing: the authorised answer.
      { method: 'POST', label: '/floors', path: () => '/floors', ok: 400, body: () => form({ floor: '' }) },
      { method: 'GET', label: '/assets/live.js', path: () => '/assets/live.js', ok: 200 },
      { method: 'GET', label: '/runs/:id/events', path: () => `/runs/${runId}/events`, ok: 200 },
      // No daily job is registered on this prefix.
      { method: 'POST', label: '/runs/daily', path: () => '/runs/daily', ok: 404 },
      { method: 'GET', label: '/no-such-page', path: () => '/no-such-page', ok: 404 },
    ];
    const wrong = [
      { label: 'no credentials', auth: null },
      { label: 'a wrong password', auth: { user: USER, password: `${PASSWORD}x` } },
      { label: 'a wrong user', auth: { user: 'admin', password: PASSWORD } },
      { label: 'an empty password', auth: { user: USER, password: '' } },
    ];

    for (const route of routes) {
      for (const attempt of wrong) {
        it(`${route.method} ${route.label} answers 401 with ${attempt.label}`, async () => {
          const before = await jobCount(dashboard);
          const response = await dashboard.request(route.path(), {
            method: route.method,
            ...route.body?.(),
            auth: attempt.auth,
          });
          expect(response.status).toBe(401);
          expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+", charset="UTF-8"$/);
          const text = await response.text();
          expect(text).not.toContain('<html');
          expect(await jobCount(dashboard)).toBe(before);
        });
      }
      it(`${route.method} ${route.label} answers ${route.ok} with the right credentials`, async () => {
        const response = await dashboard.request(route.path(), { method: route.method, ...route.body?.() });
        expect(response.status).toBe(route.ok);
      });
    }

    it('serves /healthz and /metrics without credentials', async () => {
      const health = await dashboard.request('/healthz', { auth: null });
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ready' });
      const metrics = await dashboard.request('/metrics', { auth: null });
      expect(metrics.status).toBe(200);
    });
  });

  describe('/metrics', () => {
    it('has the default process metrics and both queues’ job-count gauges, each family declared once', async () => {
      const text = await (await dashboard.request('/metrics', { auth: null })).text();
      expect(text).toMatch(/^process_cpu_user_seconds_total\{service="dashboard"\} /m);
      // One run is 3 light jobs waiting and 2 placement jobs waiting for their children (RULES §6),
      // plus whatever the sample POST of the auth table added: read it back from the queues.
      const [lights, placement] = await Promise.all(dashboard.runs.queues.map((q) => q.getJobCounts()));
      expect(text).toContain(
        `bullmq_job_count{queue="lights", state="waiting", service="dashboard"} ${lights.waiting}`,
      );
      expect(text).toContain(
        `bullmq_job_count{queue="placement", state="waiting-children", service="dashboard"} ${placement['waiting-children']}`,
      );
      expect(lights.waiting % 3).toBe(0);
      expect(placement['waiting-children']).toBe((2 * lights.waiting) / 3);
      expect(text.match(/^# TYPE bullmq_job_count gauge$/gm)).toHaveLength(1);
      expect(text).toMatch(/^dashboard_queue_metrics_up\{service="dashboard"\} 1$/m);
    });
  });

  describe('trigger form', () => {
    it('rejects an invalid room with every issue named and enqueues nothing', async () => {
      const invalid = { roomId: 'bad room!', cellSize: -2, layout: ['...', '..'] };
      const expected = (() => {
        try {
          parseRoom(invalid);
        } catch (error) {
          return (error as RoomValidationError).issues;
        }
        throw new Error('the room should be invalid');
      })();
      expect(expected.map((i) => i.path)).toContain('cellSize');
      const before = await jobCount(dashboard);
      const listed = (await dashboard.runs.listRuns({ limit: 200 })).length;

      const response = await dashboard.request(
        '/runs',
        form({ source: 'room', room: JSON.stringify(invalid) }),
      );
      expect(response.status).toBe(400);
      const page = await response.text();
      for (const issue of expected) {
        expect(page).toContain(
          `<li data-path="${escapeHtml(issue.path)}"><span class="issue-path">${escapeHtml(issue.path)}</span>: <span class="issue-message">${escapeHtml(issue.message)}</span></li>`,
        );
      }
      expect(page).toContain('Nothing was started.');
      // The submitted text comes back in the textarea, escaped.
      expect(page).toContain(escapeHtml(JSON.stringify(invalid)));
      expect(await jobCount(dashboard)).toBe(before);
      expect((await dashboard.runs.listRuns({ limit: 200 })).length).toBe(listed);
    });

    it('rejects text that is not JSON, and an empty form, enqueueing nothing', async () => {
      const before = await jobCount(dashboard);
      const notJson = await dashboard.request('/runs', form({ source: 'room', room: '{"layout": [' }));
      expect(notJson.status).toBe(400);
      expect(await notJson.text()).toContain('The room is not valid JSON');
      const empty = await dashboard.request('/runs', form({ source: 'room', room: '  ' }));
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain('Choose a room file, paste a room JSON, or pick the sample room.');
      expect(await jobCount(dashboard)).toBe(before);
    });

    it('starts a run of a pasted room with source "dashboard" and redirects to it', async () => {
      const response = await dashboard.request(
        '/runs',
        form({ source: 'room', room: JSON.stringify(SMALL_ROOM) }),
      );
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      const id = location.replace('/runs/', '');
      expect(id).toMatch(UUID);
      const run = await dashboard.runs.getRun(id);
      expect(run).toMatchObject({ roomId: 'tiny-office', source: 'dashboard', status: 'queued' });
    });

    it('starts a run of the sample room', async () => {
      const response = await dashboard.request('/runs', form({ source: 'sample', room: '' }));
      expect(response.status).toBe(303);
      const run = await dashboard.runs.getRun((response.headers.get('location') ?? '').replace('/runs/', ''));
      expect(run?.roomId).toBe(SAMPLE.roomId);
      expect(run?.source).toBe('dashboard');
    });

    it('refuses a post from another site (the browser would send the cached credentials)', async () => {
      const before = await jobCount(dashboard);
      const foreign: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
      ];
      for (const headers of foreign) {
        const init = form({ source: 'sample' });
        const response = await dashboard.request('/runs', {
          ...init,
          headers: { ...(init.headers as Record<string, string>), ...headers },
        });
        expect(response.status).toBe(403);
      }
      const sameOrigin = form({ source: 'sample' });
      const ok = await dashboard.request('/runs', {
        ...sameOrigin,
        headers: {
          ...(sameOrigin.headers as Record<string, string>),
          origin: dashboard.baseUrl,
          'sec-fetch-site': 'same-origin',
        },
      });
      expect(ok.status).toBe(303);
      expect(await jobCount(dashboard)).toBe(before + 5);
    });

    it('serves the form with a file picker that fills the textarea under a nonce CSP', async () => {
      const response = await dashboard.request('/runs/new');
      const page = await response.text();
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(page).toContain(`<script nonce="${nonce}">`);
      expect(page).toContain('<input type="file" id="room-file"');
      expect(page).toContain('<textarea id="room-json" name="room"');
      expect(page).toContain('FileReader');
      expect(page).toContain(SAMPLE_PATH_TEXT);
    });

    it('serves the ceiling editor: hidden until its module runs, the module under the same nonce, the CSP as strict', async () => {
      const response = await dashboard.request('/runs/new');
      const page = await response.text();
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(csp).toBe(
        `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      );
      expect(page).toContain(
        `<script type="module" nonce="${nonce}" src="/assets/ceiling-editor.js"></script>`,
      );
      expect(page).toMatch(/<section class="card editor" id="ceiling-editor" hidden/);
      // The editor sits outside the form: Enter in its fields must not start a run.
      expect(page.indexOf('id="ceiling-editor"')).toBeLessThan(
        page.indexOf('<form class="card" id="run-form"'),
      );
      // The sample room is a data block the editor reads, with no way to close its element.
      const sample = /<script type="application\/json" id="sample-room-json">([^<]*)<\/script>/.exec(
        page,
      )?.[1];
      expect(JSON.parse(sample ?? 'null')).toMatchObject({ roomId: SAMPLE.room_id ?? SAMPLE.roomId });
    });

    it('serves the editor module as JavaScript, built once, revalidated by ETag', async () => {
      const response = await dashboard.request('/assets/ceiling-editor.js');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const code = await response.text();
      // One module: the core's room check and zod are inside it, nothing is imported.
      expect(code).not.toMatch(/\bimport\s*[{*"'(]/);
      expect(code).toContain('unknown tile');
      const etag = response.headers.get('etag') ?? '';
      const again = await dashboard.request('/assets/ceiling-editor.js', {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    });

    it('opens the room of a run for editing with ?from=, and answers 404 for a run it does not know', async () => {
      const response = await dashboard.request(`/runs/new?from=${runId}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      const text = /<textarea id="room-json"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1] ?? '';
      const room = JSON.parse(
        text
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&'),
      );
      expect(parseRoom(room)).toEqual(parseRoom(SMALL_ROOM));
      expect(page).toContain(`data-loaded-from="the room of run ${runId}"`);
      const missing = await dashboard.request('/runs/new?from=00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect((await dashboard.request('/runs/new?from=not-a-run')).status).toBe(404);
      const runPage = await (await dashboard.request(`/runs/${runId}`)).text();
      expect(runPage).toContain(`href="/runs/new?from=${runId}" data-link="edit-room"`);
    });
  });

  describe('run viewer', () => {
    it('lists runs with their room, and escapes what the room says', async () => {
      const hostile = { ...SMALL_ROOM, roomId: 'hostile', name: '<img src=x onerror=alert(1)>' };
      const { runId: hostileRun } = await dashboard.runs.trigger(parseRoom(hostile));
      const page = await (await dashboard.request('/runs')).text();
      expect(page).toContain(`data-run-id="${runId}"`);
      expect(page).toContain(`data-run-id="${hostileRun}"`);
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(page).not.toContain('<img src=x');
      // Runs are in progress (no workers here): the list reloads itself.
      expect(page).toContain('<meta http-equiv="refresh"');
      const detail = await (await dashboard.request(`/runs/${hostileRun}`)).text();
      expect(detail).not.toContain('<img src=x');
    });

    it('filters by status', async () => {
      const completed = await (await dashboard.request('/runs?status=completed')).text();
      expect(completed).toContain('No completed runs.');
      const queued = await (await dashboard.request('/runs?status=queued')).text();
      expect(queued).toContain(`data-run-id="${runId}"`);
    });

    it('shows a queued run with its stage graph, Bull Board links and its live stream', async () => {
      const page = await (await dashboard.request(`/runs/${runId}`)).text();
      expect(page).not.toContain('http-equiv="refresh"');
      expect(page).toContain(`data-live-events="/runs/${runId}/events"`);
      expect(page).toMatch(/<script type="module" nonce="[^"]+" src="\/assets\/live.js"><\/script>/);
      expect(page).toContain(`href="/board/queue/placement/${runId}"`);
      const run = await dashboard.runs.getRun(runId);
      for (const stage of run?.stages ?? []) {
        expect(page).toContain(`href="/board/queue/${stage.queue}/${stage.jobId}"`);
      }
      expect(page.match(/class="node /g)).toHaveLength(run?.stages.length ?? -1);
      expect(page).toContain('The placed plan appears here once the run completes.');
    });

    it('answers 404 for an unknown or malformed run id', async () => {
      expect((await dashboard.request('/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await dashboard.request('/runs/not-a-run')).status).toBe(404);
    });

    it('redirects / to /runs', async () => {
      const response = await dashboard.request('/');
      expect(response.headers.get('location')).toBe('/runs');
    });
  });

  describe('Bull Board', () => {
    it('shows both queues under the configured prefix, with actions enabled', async () => {
      const body = (await (await dashboard.request('/board/api/queues')).json()) as {
        queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[];
      };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['lights', 'placement', 'schedules']);
      const [lights] = await Promise.all([dashboard.runs.queues[0].getJobCounts()]);
      expect(body.queues.find((q) => q.name === 'lights')?.counts.waiting).toBe(lights.waiting);
      expect(lights.waiting).toBeGreaterThan(0);
      expect(body.queues.every((q) => q.readOnlyMode === false)).toBe(true);
    });

    it("shows the daily scheduler's queue and counts its jobs in /metrics", async () => {
      // A firing as the scheduler's job scheduler adds it, on the dashboard's prefix.
      const schedules = new Queue(SCHEDULES_QUEUE, {
        connection: dashboard.connection,
        prefix: dashboard.prefix,
      });
      try {
        await schedules.add('daily-run', { roomPath: 'data/input/sample_grid.json' }, { delay: 3_600_000 });
        const body = (await (await dashboard.request('/board/api/queues')).json()) as {
          queues: { name: string; description?: string; counts: Record<string, number> }[];
        };
        const shown = body.queues.find((q) => q.name === 'schedules');
        expect(shown?.counts.delayed).toBe(1);
        expect(shown?.description).toMatch(/daily job scheduler/);
        const text = await (await dashboard.request('/metrics', { auth: null })).text();
        expect(text).toContain('bullmq_job_count{queue="schedules", state="delayed", service="dashboard"} 1');
      } finally {
        await schedules.close();
      }
    });

    it('shows a run as a flow with its children', async () => {
      const response = await dashboard.request(`/board/api/queues/placement/${runId}/flow`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain(`${runId}.air-supply`);
      expect(text).toContain(`${runId}.`);
    });

    it('sets the board title', async () => {
      const page = await (await dashboard.request('/board')).text();
      expect(page).toContain('<title>ceiling-grid test</title>');
    });
  });
});

const SAMPLE_PATH_TEXT = 'data/input/sample_grid.json';

describe('dashboard app, read-only', () => {
  let dashboard: DashboardHarness;
  beforeAll(async () => {
    dashboard = await startDashboard({ readOnly: true });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('marks every queue read-only in Bull Board', async () => {
    const body = (await (await dashboard.request('/board/api/queues')).json()) as {
      queues: { name: string; readOnlyMode: boolean; allowRetries: boolean }[];
    };
    expect(body.queues).toHaveLength(3);
    expect(body.queues.every((q) => q.readOnlyMode && !q.allowRetries)).toBe(true);
  });
});

describe('dashboard app, Redis away', () => {
  let dashboard: DashboardHarness;
  beforeAll(async () => {
    // Nothing listens on port 1: the connection never becomes ready.
    dashboard = await startDashboard({ redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('reports unhealthy, keeps serving metrics, and answers 503 pages instead of hanging', async () => {
    const health = await dashboard.request('/healthz', { auth: null });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable' });

    const metrics = await (await dashboard.request('/metrics', { auth: null })).text();
    expect(metrics).toMatch(/^dashboard_queue_metrics_up\{service="dashboard"\} 0$/m);
    expect(metrics).not.toContain('bullmq_job_count');

    for (const init of [undefined, form({ source: 'sample' })]) {
      const response = await dashboard.request('/runs', init);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.text()).toContain('Queue store unavailable');
    }
    const board = await dashboard.request('/board/api/queues');
    expect(board.status).toBe(503);
    expect(board.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await board.json()).toMatchObject({
      type: '/problems/store-unavailable',
      status: 503,
      detail: expect.stringMatching(/^queue store unavailable/),
    });
    // Authentication still comes first.
    expect((await dashboard.request('/runs', { auth: null })).status).toBe(401);
  });
});
