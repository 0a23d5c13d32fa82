import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueuedRunResult } from '@ceiling-grid/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkResultIndependently } from '../support/independent-result-check.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import {
  freePort,
  randomPrefix,
  type ServiceName,
  type ServiceProcess,
  startService,
} from '../support/service-process.js';
import { environmentOf, interpolate, REPO_ROOT, readComposeFile } from './compose-file.js';
import { readEnvFile } from './env-file.js';
import {
  type PrometheusProcess,
  readPrometheusConfig,
  startPrometheus,
  withLocalTargets,
} from './prometheus-process.js';
import { type RedisExporterProcess, startRedisExporter } from './redis-exporter-process.js';

/**
 * The compose topology without Docker (issue 5): scheduler, dashboard, three light workers and
 * a placement worker as processes, each with the environment docker-compose.yml gives its
 * container from .env; one run over HTTP; then a real Prometheus with the jobs of
 * deploy/prometheus/prometheus.yml scraping every process.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROMETHEUS_DIR = join(REPO_ROOT, 'deploy/prometheus');
const dotenv = readEnvFile(join(REPO_ROOT, '.env'));
const compose = interpolate(readComposeFile(), dotenv);
const prefix = randomPrefix('topology');

/**
 * What a service's container gets from compose and .env, with only what must differ outside
 * Docker replaced: Redis is not reachable by service name, the queue prefix is this test's
 * own, the daily job stays off. startService sets the port variable to a free port.
 */
function localEnvironment(service: ServiceName): Record<string, string> {
  const { HEALTH_PORT: _onlyTheContainerHealthcheckReadsIt, ...environment } = environmentOf(
    compose.services[service],
  );
  return { ...environment, REDIS_URL, QUEUE_PREFIX: prefix, DAILY_ENABLED: 'false' };
}

const services: ServiceProcess[] = [];
let scheduler: ServiceProcess;
let prometheus: PrometheusProcess | undefined;
let prometheusDir: string | undefined;
let redisExporter: RedisExporterProcess | undefined;
let run: { runId: string; status: string; error?: string; result: QueuedRunResult } | undefined;

beforeAll(async () => {
  // Pushed one by one as they come up, so afterAll stops every process that started.
  const start = async (name: ServiceName) => {
    services.push(await startService(name, localEnvironment(name)));
  };
  await Promise.all([
    start('scheduler'),
    start('dashboard'),
    start('light-worker'),
    start('light-worker'),
    start('light-worker'),
    start('placement-worker'),
  ]);
  scheduler = services.find((s) => s.name === 'scheduler') as ServiceProcess;
}, 60_000);

afterAll(async () => {
  const prometheusCode = await prometheus?.stop();
  await redisExporter?.stop();
  if (prometheusDir) rmSync(prometheusDir, { recursive: true, force: true });
  const codes = await Promise.all(
    services.map(async (s) => [`${s.name}:${s.port}`, await s.stop('SIGTERM')]),
  );
  await deletePrefix(REDIS_URL, prefix);
  expect(codes.map(([, code]) => code)).toEqual(services.map(() => 0));
  if (prometheus) expect(prometheusCode).toBe(0);
});

describe('compose topology as local processes', () => {
  it('runs the sample room triggered over HTTP, on the worker processes, and the result meets RULES §4', async () => {
    expect(services.map((s) => s.name).sort()).toEqual([
      'dashboard',
      'light-worker',
      'light-worker',
      'light-worker',
      'placement-worker',
      'scheduler',
    ]);
    // API_AUTH_DISABLED=true in .env: no token.
    const triggered = await fetch(`${scheduler.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sample: true }),
    });
    expect(triggered.status).toBe(202);
    const { runId } = (await triggered.json()) as { runId: string };

    run = await waitForRun(runId);
    expect(run.status, run.error).toBe('completed');
    // SAMPLE_GRID_PATH from .env is the room that ran.
    const sample = JSON.parse(readFileSync(join(REPO_ROOT, dotenv.SAMPLE_GRID_PATH), 'utf8')) as {
      roomId: string;
    };
    expect(run.result.roomId).toBe(sample.roomId);
    expect(checkResultIndependently(run.result)).toEqual({
      lighting: true,
      airSupply: true,
      smokeDetection: true,
    });

    // Every stage ran in one of this test's processes (worker identity is host:pid).
    const pids = (name: ServiceName) =>
      services.filter((s) => s.name === name).map((s) => String(s.child.pid));
    const pidOf = (identity: string) => identity.split(':').pop();
    const lightWorkers = Object.values(run.result.workers.lights).map(pidOf);
    expect(lightWorkers.length).toBeGreaterThan(0);
    for (const pid of lightWorkers) expect(pids('light-worker')).toContain(pid);
    expect(pidOf(run.result.workers.airSupply)).toBe(pids('placement-worker')[0]);
    expect(pidOf(run.result.workers.smokeDetectors)).toBe(pids('placement-worker')[0]);
  }, 30_000);

  it("grep <runId> over the services' logs finds every stage of the run, on every worker that touched it", () => {
    const finished = run;
    if (!finished) throw new Error('the first test left no run');
    /** The JSON log lines of one process that name this run. */
    const linesOf = (service: ServiceProcess) =>
      service
        .output()
        .split('\n')
        .filter((line) => line.includes(finished.runId))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const byPid = new Map(services.map((s) => [String(s.child.pid), s]));
    const processOf = (identity: string) => byPid.get(identity.split(':').pop() ?? '') as ServiceProcess;

    expect(linesOf(scheduler).some((line) => line.msg === 'run triggered')).toBe(true);
    // Each light model's job logged its finish on the worker that ran it, with the job's identity.
    for (const [model, identity] of Object.entries(finished.result.workers.lights)) {
      const line = linesOf(processOf(identity)).find(
        (l) => l.msg === 'light model finished' && l.model === model,
      );
      expect(line, `${model} on ${identity}`).toMatchObject({
        runId: finished.runId,
        queue: 'lights',
        stage: 'lights',
        jobId: expect.any(String),
        attempt: expect.any(Number),
      });
    }
    const placement = linesOf(processOf(finished.result.workers.airSupply)).map((l) => l.msg);
    expect(placement).toEqual(
      expect.arrayContaining(['light layout selected', 'airSupply placed', 'smokeDetectors placed']),
    );
    // No line of this run's stages lacks the job's identity.
    for (const service of services.filter((s) => s.name.endsWith('worker'))) {
      for (const line of linesOf(service).filter((l) => typeof l.stage === 'string')) {
        expect(line, JSON.stringify(line)).toMatchObject({
          jobId: expect.any(String),
          queue: expect.any(String),
        });
      }
    }
  });

  it('a real Prometheus with the deployed jobs scrapes every process, all targets up, series labelled by service', async () => {
    const port = await freePort();
    const address = (s: ServiceProcess) => `127.0.0.1:${s.port}`;
    const targets: Record<string, string[]> = { prometheus: [`127.0.0.1:${port}`] };
    for (const s of services) targets[s.name] = [...(targets[s.name] ?? []), address(s)];
    redisExporter = await startRedisExporter(REDIS_URL, await freePort());
    targets.redis = [redisExporter.address];
    // Throws when a job of the deployed file has no process here or a process has no job there.
    const config = withLocalTargets(readPrometheusConfig(join(PROMETHEUS_DIR, 'prometheus.yml')), targets);
    expect(config.scrape_configs.map((job) => job.job_name).sort()).toEqual(Object.keys(targets).sort());

    prometheusDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-prometheus-'));
    prometheus = await startPrometheus({ dir: prometheusDir, config, rulesFrom: PROMETHEUS_DIR, port });
    const expected = Object.entries(targets)
      .flatMap(([job, instances]) => instances.map((instance) => `${job} ${instance}`))
      .sort();
    expect(expected).toHaveLength(8); // six application processes, the Redis exporter and Prometheus

    const active = await poll(
      'every target up',
      () => prometheus?.targets(),
      (list) => list.length === expected.length && list.every((t) => t.health === 'up'),
    );
    expect(active.map((t) => `${t.labels.job} ${t.labels.instance}`).sort()).toEqual(expected);
    for (const target of active) expect(target.scrapeUrl).toBe(`http://${target.labels.instance}/metrics`);

    const up = await prometheus.query('up');
    expect(up.map((s) => `${s.metric.job} ${s.metric.instance} ${s.value[1]}`).sort()).toEqual(
      expected.map((target) => `${target} 1`),
    );

    // Redis memory and clients, which the RedisMemoryHigh alert and the Grafana panel read.
    const [used] = await prometheus.query('redis_memory_used_bytes');
    expect(Number(used.value[1])).toBeGreaterThan(0);
    const [clients] = await prometheus.query('redis_connected_clients');
    expect(Number(clients.value[1])).toBeGreaterThanOrEqual(services.length);

    // Each process labels its own series with the service it is: the same name as its job.
    const started = await prometheus.query('process_start_time_seconds{job!~"prometheus|redis"}');
    expect(started.map((s) => `${s.metric.service} ${s.metric.instance}`).sort()).toEqual(
      expected.filter((t) => !t.startsWith('prometheus ') && !t.startsWith('redis ')),
    );
    for (const series of started) expect(series.metric.service).toBe(series.metric.job);

    // Devices placed: counted by the placement worker (it selects the light layout and places
    // the rest), equal to the run's placements by kind, since it has run only this one run.
    const placed = await poll(
      'ml_components_placed_total',
      () => prometheus?.query('ml_components_placed_total'),
      (list) => list.length > 0,
    );
    const byKind = (list: Array<[string, number]>) =>
      Object.fromEntries(list.sort(([a], [b]) => a.localeCompare(b)));
    const placedKinds = new Map<string, number>();
    for (const p of run?.result.placements ?? []) placedKinds.set(p.type, (placedKinds.get(p.type) ?? 0) + 1);
    expect(byKind(placed.map((s) => [s.metric.component_type, Number(s.value[1])]))).toEqual(
      byKind([...placedKinds]),
    );
    for (const series of placed) {
      expect(series.metric).toMatchObject({ job: 'placement-worker', service: 'placement-worker' });
    }

    // BullMQ's own completed counters (the workers record metrics): this test ran one run, whose
    // flow completes one job per light model on \`lights\` and two (air supply, detectors) on
    // \`placement\`; the dashboard counts the daily scheduler's \`schedules\` queue too, idle here.
    const completed = await poll(
      'bullmq_job_completed_total',
      () => prometheus?.query('max by (queue) (bullmq_job_completed_total)'),
      (list) =>
        list.length === 3 &&
        list.every((series) => series.metric.queue === 'schedules' || Number(series.value[1]) > 0),
    );
    const lightModels = Object.keys(run?.result.workers.lights ?? {}).length;
    expect(lightModels).toBe(3);
    expect(Object.fromEntries(completed.map((s) => [s.metric.queue, Number(s.value[1])]))).toEqual({
      lights: lightModels,
      placement: 2,
      schedules: 0,
    });

    // The deployed alert rules load and evaluate without error against these series.
    const alertNames = (
      parse(readFileSync(join(PROMETHEUS_DIR, 'alerts.yml'), 'utf8')) as {
        groups: Array<{ rules: Array<{ alert: string }> }>;
      }
    ).groups.flatMap((g) => g.rules.map((r) => r.alert));
    const rules = await poll(
      'rules evaluated',
      () => prometheus?.rules(),
      (list) => list.length === alertNames.length && list.every((r) => r.health !== 'unknown'),
    );
    expect(rules.map((r) => `${r.name} ${r.health} ${r.lastError ?? ''}`.trim()).sort()).toEqual(
      alertNames.map((name) => `${name} ok`).sort(),
    );
  }, 30_000);
});

async function waitForRun(
  runId: string,
): Promise<{ runId: string; status: string; error?: string; result: QueuedRunResult }> {
  return poll(
    `run ${runId} finished`,
    async () =>
      (await fetch(`${scheduler.baseUrl}/api/runs/${runId}`)).json() as Promise<NonNullable<typeof run>>,
    (view) => view.status === 'completed' || view.status === 'failed',
  );
}

/** Calls `read` every 200 ms until `done` holds; throws with the last value after 20 s. */
async function poll<T>(
  what: string,
  read: () => Promise<T | undefined> | undefined,
  done: (value: T) => boolean,
) {
  const deadline = Date.now() + 20_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last !== undefined && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not within 20 s; last ${JSON.stringify(last)}\n${prometheus?.output() ?? ''}`);
}
