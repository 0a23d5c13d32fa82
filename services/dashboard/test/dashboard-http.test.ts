import { parseRoom } from '@ceiling-grid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardHarness, form, startDashboard } from './dashboard-harness.js';

/**
 * The dashboard on the http-kit: problems as pages for a browser and as RFC 9457 JSON for
 * everyone else, request ids carried into the runs the form starts, the request histogram.
 */
const HTML = { accept: 'text/html,application/xhtml+xml' };
const JSON_ONLY = { accept: 'application/json' };

// biome-ignore lint/suspicious/noExplicitAny: problem bodies are asserted field by field
async function problem(response: Response, status: number, type: string): Promise<any> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = await response.json();
  expect(body).toMatchObject({
    type: `/problems/${type}`,
    status,
    requestId: response.headers.get('x-request-id'),
  });
  return body;
}

describe('dashboard over HTTP', () => {
  let dashboard: DashboardHarness;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('answers 401 as a problem with the basic-auth challenge, for browsers too', async () => {
    const response = await dashboard.request('/runs', { auth: null, headers: HTML });
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await problem(response, 401, 'unauthorized')).detail).toMatch(/DASHBOARD_USER/);
  });

  it('answers an unknown address with a page for a browser and a problem for a JSON client', async () => {
    const page = await dashboard.request('/no-such-page', { headers: HTML });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    expect(await page.text()).toContain('<h1>Not found</h1>');
    await problem(await dashboard.request('/no-such-page', { headers: JSON_ONLY }), 404, 'not-found');
  });

  it('answers 404 for an unknown run page as a page, and for its result.json as a problem', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const page = await dashboard.request(`/runs/${id}`, { headers: HTML });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain(`There is no run ${id}; it may have expired.`);
    await problem(await dashboard.request(`/runs/${id}/result.json`, { headers: HTML }), 404, 'not-found');
  });

  it("answers a run's downloads with 404 for an unknown run and 409 while it is queued, as problems", async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const room = parseRoom({ roomId: 'queued-room', cellSize: 2, layout: ['....', '....'] });
    const { runId } = await dashboard.runs.trigger(room, { source: 'api' });
    for (const file of ['plan.svg', 'review-sheet.svg', 'plan.dxf', 'schedule.csv']) {
      await problem(await dashboard.request(`/runs/${id}/${file}`, { headers: JSON_ONLY }), 404, 'not-found');
      const queued = await problem(
        await dashboard.request(`/runs/${runId}/${file}`, { headers: JSON_ONLY }),
        409,
        'run-not-finished',
      );
      expect(queued.detail).toMatch(
        new RegExp(`^Run ${runId} is queued; its .* exists once it completes\\.$`),
      );
    }
    // A browser gets the same as a page, and the problem type is described.
    const page = await dashboard.request(`/runs/${runId}/plan.dxf`, { headers: HTML });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('its drawing exists once it completes');
    expect((await dashboard.request('/problems/run-not-finished')).status).toBe(200);
  });

  it('refuses a cross-site post with 403', async () => {
    const init = form({ source: 'sample' });
    const response = await dashboard.request('/runs', {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...JSON_ONLY, 'sec-fetch-site': 'cross-site' },
    });
    await problem(response, 403, 'forbidden');
  });

  it('carries the request id of the form post into the run it starts', async () => {
    const init = form({ source: 'sample' });
    const response = await dashboard.request('/runs', {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-request-id': 'form-post-77' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('x-request-id')).toBe('form-post-77');
    const runId = (response.headers.get('location') ?? '').replace('/runs/', '');
    expect((await dashboard.runs.getRun(runId))?.requestId).toBe('form-post-77');
  });

  it('times requests into the histogram by route, Bull Board routes included', async () => {
    await dashboard.request('/runs');
    await dashboard.request('/board/api/queues');
    const text = await (await dashboard.request('/metrics', { auth: null })).text();
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{service="dashboard",method="GET",route="\/runs",status_code="200"\} \d+$/m,
    );
    expect(text).toContain('route="/board/api/queues"');
  });
});

describe('dashboard over HTTP, Redis away', () => {
  let dashboard: DashboardHarness;
  beforeAll(async () => {
    dashboard = await startDashboard({ redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('answers 503 with Retry-After: a page for a browser, a problem for a JSON client', async () => {
    const page = await dashboard.request('/runs', { headers: HTML });
    expect([page.status, page.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await page.text()).toContain('<h1>Queue store unavailable</h1>');
    const json = await dashboard.request('/runs', { headers: JSON_ONLY });
    expect(json.headers.get('retry-after')).toBe('5');
    await problem(json, 503, 'store-unavailable');
  });
});
