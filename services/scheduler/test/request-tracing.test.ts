import { PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { type ListeningSchedulerApp, startSchedulerUnderTest } from './listen-scheduler-app.js';

/**
 * A request can be followed: its `X-Request-Id` (the client's, or a fresh one) comes back in
 * the answer, stands on the access log line and on the trigger's log line, and travels with
 * the run into the jobs' data and the run view. Every request is timed into the route-labelled
 * histogram.
 */
const TOKEN = 'tracing-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;

beforeAll(async () => {
  ({ harness, app } = await startSchedulerUnderTest({ apiToken: TOKEN, harness: { workers: false } }));
});
afterAll(async () => {
  await app.close();
  await harness.close();
});

const logLines = () =>
  app
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('X-Request-Id', () => {
  it('round-trips: echoed, logged, in every job of the run, and on the run', async () => {
    const requestId = 'client-trace-0042';
    const response = await fetch(`${app.base}/api/runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': requestId },
      body: '{"sample":true}',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const { runId } = (await response.json()) as { runId: string };

    const jobs = await harness.queue(PLACEMENT_QUEUE).getJobs(['waiting-children', 'waiting']);
    const ofRun = jobs.filter((job) => job.data.runId === runId);
    expect(ofRun).toHaveLength(2);
    for (const job of ofRun) expect(job.data.requestId).toBe(requestId);

    const run = (await (await fetch(`${app.base}/api/runs/${runId}`, { headers: auth })).json()) as {
      requestId: string;
    };
    expect(run.requestId).toBe(requestId);

    const lines = logLines().filter((line) => line.requestId === requestId);
    expect(lines.map((line) => line.msg)).toEqual(['run triggered', 'POST /api/runs 202']);
    expect(lines[0].runId).toBe(runId);
    expect(lines[1]).toMatchObject({ req: { method: 'POST', url: '/api/runs' }, res: { statusCode: 202 } });
  });

  it('is generated when none comes, and comes back on errors too (in the header and the problem)', async () => {
    const response = await fetch(`${app.base}/api/runs/not-a-run`, { headers: auth });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(((await response.json()) as { requestId: string }).requestId).toBe(id);
    const unauthorized = await fetch(`${app.base}/api/runs`, { headers: { 'x-request-id': 'no-token-1' } });
    expect(unauthorized.headers.get('x-request-id')).toBe('no-token-1');
  });
});

describe('http_request_duration_seconds', () => {
  it('counts each request under its route pattern, method and status', async () => {
    const metricsBefore = await (await fetch(`${app.base}/metrics`)).text();
    const count = (text: string, labels: string) =>
      Number(
        new RegExp(
          `^http_request_duration_seconds_count\\{service="scheduler",${labels}\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1] ?? 0,
      );
    const route = 'method="GET",route="/api/runs/:id",status_code="404"';
    await fetch(`${app.base}/api/runs/00000000-0000-4000-8000-000000000000`, { headers: auth });
    await fetch(`${app.base}/api/runs/00000000-0000-4000-8000-000000000001`, { headers: auth });
    const text = await (await fetch(`${app.base}/metrics`)).text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(count(text, route) - count(metricsBefore, route)).toBe(2);
    expect(count(text, 'method="POST",route="/api/runs",status_code="202"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.005",service="scheduler",method="GET",route=/m,
    );
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001');
  });
});
