import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answersPing } from '../../scripts/redis-ping.js';
import { MissingToolError, requireTool } from '../../support/require-tool.js';

/**
 * Makes sure a Redis answers on REDIS_URL before any test runs. When nothing answers and
 * `redis-server` is installed, starts a private one on a free port for this test run and
 * points REDIS_URL at it (child test processes inherit the environment).
 */
let privateRedis: ChildProcess | undefined;
let privateDir: string | undefined;

export async function setup(): Promise<void> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await answersPing(url.hostname, Number(url.port || 6379))) {
    process.env.REDIS_URL = url.toString();
    return;
  }
  let redisServer: string;
  try {
    redisServer = requireTool('redis-server');
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    throw new MissingToolError(
      `nothing answers on ${url} (REDIS_URL), so the tests start their own; ${error.message}`,
    );
  }
  const port = 16_379 + Math.floor(Math.random() * 1000);
  privateDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-redis-'));
  privateRedis = spawn(
    redisServer,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', privateDir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    if (await answersPing('127.0.0.1', port)) {
      process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
      console.log(`[tests] started a private redis-server on port ${port}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`started redis-server on port ${port} but it never answered PING`);
}

export async function teardown(): Promise<void> {
  privateRedis?.kill('SIGTERM');
  if (privateDir) rmSync(privateDir, { recursive: true, force: true });
}
