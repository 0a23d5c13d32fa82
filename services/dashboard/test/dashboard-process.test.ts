import { spawn } from 'node:child_process';
import { RunService } from '@ceiling-grid/queue';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedRoom } from '../../../packages/queue/test/queue-harness.js';
import { deletePrefix } from '../../../test/support/redis-cleanup.js';
import {
  freePort,
  REPO_ROOT,
  randomPrefix,
  type ServiceProcess,
  startService,
} from '../../../test/support/service-process.js';
import { DEFAULT_DASHBOARD_PASSWORD } from '../src/dashboard-config.js';
import { basic } from './dashboard-harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Runs the dashboard's entry point to its exit; resolves with the exit code and everything printed. */
async function runToExit(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) childEnv[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/dashboard/src/main.ts'], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

describe('dashboard process', () => {
  let service: ServiceProcess | undefined;
  let prefix: string | undefined;
  afterEach(async () => {
    await service?.stop('SIGKILL');
    service = undefined;
    if (prefix) await deletePrefix(REDIS_URL, prefix);
  });

  it.each([
    ['a missing', undefined],
    ['the default', DEFAULT_DASHBOARD_PASSWORD],
    ['an empty', ''],
  ])('refuses to start in production with %s password: one line, exit 1', async (_label, password) => {
    const port = await freePort();
    const { code, output } = await runToExit({
      NODE_ENV: 'production',
      DASHBOARD_PASSWORD: password,
      DASHBOARD_PORT: String(port),
      REDIS_URL,
    });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toMatch(/^dashboard: invalid configuration: DASHBOARD_PASSWORD /);
    // It never listened.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('starts with a real password, guards its pages, and exits 0 on SIGTERM', async () => {
    prefix = randomPrefix('dash-proc');
    service = await startService('dashboard', {
      NODE_ENV: 'production',
      DASHBOARD_USER: 'ops',
      DASHBOARD_PASSWORD: 'a-real-production-secret',
      QUEUE_PREFIX: prefix,
      REDIS_URL,
    });
    expect((await fetch(`${service.baseUrl}/runs`)).status).toBe(401);
    const runs = await fetch(`${service.baseUrl}/runs`, {
      headers: { authorization: basic('ops', 'a-real-production-secret') },
    });
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain('No runs yet.');
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toContain('bullmq_job_count{queue="placement", state="waiting", service="dashboard"} 0');
    expect(metrics).toContain('bullmq_job_count{queue="schedules", state="failed", service="dashboard"} 0');
    // A live page is open (a queued run, no workers: its stream would stay open for ever).
    const connection = new Redis(REDIS_URL);
    const pending = new RunService({ connection, prefix });
    const { runId } = await pending.trigger(sharedRoom('corridor'));
    const stream = await fetch(`${service.baseUrl}/runs/${runId}/events`, {
      headers: { authorization: basic('ops', 'a-real-production-secret') },
    });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^retry: 3000/);
    // SIGTERM ends the open stream instead of waiting for it.
    expect(await service.stop('SIGTERM')).toBe(0);
    await pending.close();
    connection.disconnect();
    expect(service.output()).toContain('shut down cleanly');
    // The password never reaches the logs.
    expect(service.output()).not.toContain('a-real-production-secret');
  });
});
