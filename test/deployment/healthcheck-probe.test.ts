import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './compose-file.js';

const PROBE = join(REPO_ROOT, 'deploy/docker/healthcheck.mjs');

/** Runs the container health probe as Docker would, with the given environment; resolves its exit code. */
function runProbe(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROBE], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A local server whose /healthz answers with the status in `state.status`; records the paths asked. */
function startServer(state: { status: number; paths: string[] }): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      state.paths.push(request.url ?? '');
      response.statusCode = request.url === '/healthz' ? state.status : 404;
      response.end('{}');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('deploy/docker/healthcheck.mjs', () => {
  const state = { status: 200, paths: [] as string[] };
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = await startServer(state);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('exits 0 when /healthz on HEALTH_PORT answers 200', async () => {
    state.status = 200;
    state.paths.length = 0;
    expect((await runProbe({ HEALTH_PORT: String(port) })).code).toBe(0);
    expect(state.paths).toEqual(['/healthz']);
  });

  it('exits 1 when /healthz answers 503 (for example Redis away)', async () => {
    state.status = 503;
    const result = await runProbe({ HEALTH_PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('503');
  });

  it('exits 1 when nothing listens on HEALTH_PORT', async () => {
    const closed = await startServer({ status: 200, paths: [] });
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await runProbe({ HEALTH_PORT: String(closedPort) })).code).toBe(1);
  });

  it('exits 1 when the service hangs past the timeout', async () => {
    const hanging = createServer(() => {}); // never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', () => resolve()));
    const hangingPort = (hanging.address() as AddressInfo).port;
    const result = await runProbe({ HEALTH_PORT: String(hangingPort), HEALTH_TIMEOUT_MS: '200' });
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
    expect(result.code).toBe(1);
  });

  it.each(['', 'abc', '0', '70000'])('exits 1 with a message on HEALTH_PORT=%j', async (value) => {
    const result = await runProbe({ HEALTH_PORT: value });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HEALTH_PORT/);
  });
});
