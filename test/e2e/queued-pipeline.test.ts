import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResultIndependently } from '../support/independent-result-check.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import { randomPrefix, type ServiceProcess, startService } from '../support/service-process.js';

/**
 * The production topology as real processes: one scheduler, two light workers, one placement
 * worker, a real Redis. Runs go in over HTTP and come back through the API.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'e2e-token-0123456789abcdef';
const ROOMS_DIR = fileURLToPath(new URL('../../data/rooms/', import.meta.url));
const ROOMS = [
  'office-open-plan',
  'office-l-shaped',
  'corridor',
  'classroom-metric',
  'existing-devices',
  'legacy-matrix',
];

const prefix = randomPrefix('e2e');
const env = {
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  API_TOKEN: TOKEN,
  DAILY_ENABLED: 'false',
  JOB_BACKOFF_MS: '50',
  LIGHT_WORKER_CONCURRENCY: '2',
};
let services: ServiceProcess[] = [];
let scheduler: ServiceProcess;

beforeAll(async () => {
  services = await Promise.all([
    startService('scheduler', env),
    startService('light-worker', env),
    startService('light-worker', env),
    startService('placement-worker', env),
  ]);
  scheduler = services[0];
}, 60_000);

afterAll(async () => {
  const codes = await Promise.all(services.map((service) => service.stop('SIGTERM')));
  await deletePrefix(REDIS_URL, prefix);
  expect(codes).toEqual([0, 0, 0, 0]);
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${scheduler.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
  });

describe('queued pipeline across processes', () => {
  it('completes 20 runs triggered over HTTP, each compliant, with both light workers taking jobs', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) =>
      readFileSync(`${ROOMS_DIR}${ROOMS[i % ROOMS.length]}.json`, 'utf8'),
    );
    const triggered = await Promise.all(bodies.map((body) => api('/api/runs', { method: 'POST', body })));
    expect(triggered.map((r) => r.status)).toEqual(Array(20).fill(202));
    const runIds = await Promise.all(
      triggered.map(async (r) => ((await r.json()) as { runId: string }).runId),
    );
    expect(new Set(runIds).size).toBe(20);

    const results = await Promise.all(runIds.map((runId) => waitForRun(runId)));
    const lightWorkers = new Set<string>();
    for (const run of results) {
      expect(run.status, run.error).toBe('completed');
      expect(checkResultIndependently(run.result)).toEqual({
        lighting: true,
        airSupply: true,
        smokeDetection: true,
      });
      for (const worker of Object.values(run.result.workers.lights as Record<string, string>))
        lightWorkers.add(worker);
      for (const stage of run.stages) expect(stage.worker).toMatch(/:\d+$/);
    }
    const lightServices = services.filter((s) => s.name === 'light-worker');
    const pids = lightServices.map((s) => String(s.child.pid));
    expect([...lightWorkers].map((w) => w.split(':').pop()).sort()).toEqual(pids.sort());
    // Light models run in worker threads; their runs still count in each process's registry.
    let executions = 0;
    for (const service of lightServices) {
      const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
      for (const match of text.matchAll(
        /^ml_model_executions_total\{[^}]*status="completed"[^}]*\} (\d+)$/gm,
      )) {
        executions += Number(match[1]);
      }
    }
    expect(executions).toBe(20 * 3);
  }, 120_000);
});

// biome-ignore lint/suspicious/noExplicitAny: the run is asserted field by field
async function waitForRun(runId: string): Promise<any> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const run = (await (await api(`/api/runs/${runId}`)).json()) as { status: string };
    if (run.status === 'completed' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}
