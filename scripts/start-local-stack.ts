/**
 * `npm start`: the whole local stack as separate processes (scheduler, dashboard, light-worker,
 * placement-worker) against REDIS_URL, the same topology as `docker compose up` without Docker.
 * Reads `.env` when present (the process environment wins). When nothing answers on REDIS_URL
 * and redis-server is installed, starts a private one for this session and says so.
 * Ctrl-C stops everything gracefully. Logs print readably (pino-pretty); LOG_FORMAT=json keeps
 * the services' JSON lines as production writes them.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { prettyLogLine } from './pretty-log-line.js';
import { answersPing } from './redis-ping.js';

const SERVICES = ['scheduler', 'dashboard', 'light-worker', 'placement-worker'] as const;
const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];

const fileEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
const env: Record<string, string> = {
  ...(fileEnv as Record<string, string>),
  ...(process.env as Record<string, string>),
};
// The compose file's service name does not resolve outside Docker: locally Redis is on this machine.
if (!process.env.REDIS_URL && /^rediss?:\/\/redis(:|\/|$)/.test(env.REDIS_URL ?? '')) {
  env.REDIS_URL = env.REDIS_URL.replace('//redis', '//127.0.0.1');
}
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
if (env.NODE_ENV !== 'production') env.API_AUTH_DISABLED ??= 'true';

const format = env.LOG_FORMAT === 'json' ? (line: string) => line : prettyLogLine(process.stdout.isTTY);
const children: ChildProcess[] = [];
let stopping = false;

async function main(): Promise<void> {
  const redis = new URL(env.REDIS_URL);
  if (!(await answersPing(redis.hostname, Number(redis.port || 6379)))) {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      console.error(
        `nothing answers on ${env.REDIS_URL} and redis-server is not installed: apt-get install -y redis-server`,
      );
      process.exit(1);
    }
    const port = Number(redis.port || 6379);
    const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-redis-'));
    console.log(
      `[stack] nothing answers on ${env.REDIS_URL}: starting a private redis-server on port ${port} (data in ${dir}, append-only)`,
    );
    children.push(
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--appendonly',
          'yes',
          '--dir',
          dir,
          '--maxmemory-policy',
          'noeviction',
        ],
        {
          stdio: 'ignore',
        },
      ),
    );
    for (let i = 0; i < 50 && !(await answersPing('127.0.0.1', port)); i++) await sleep(100);
  }
  SERVICES.forEach((service, i) => {
    // Own process group: Ctrl-C reaches only this script, which relays one SIGTERM to each service
    // (a service takes a second signal as "exit now", which would skip its graceful shutdown).
    const child = spawn(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const label = `${COLOURS[i % COLOURS.length]}${service.padEnd(16)}\x1b[0m`;
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`${label} ${format(line)}\n`);
      });
    }
    child.on('exit', (code, signal) => {
      process.stdout.write(`${label} exited (${signal ?? code})\n`);
      if (!stopping) shutdown(1);
    });
    children.push(child);
  });
  const api = `http://127.0.0.1:${env.SCHEDULER_PORT ?? 3000}`;
  console.log(
    `[stack] scheduler ${api}  ·  dashboard http://127.0.0.1:${env.DASHBOARD_PORT ?? 8080}/runs (user ${env.DASHBOARD_USER ?? 'admin'})\n` +
      `[stack] trigger a run: curl -X POST ${api}/api/runs -H 'content-type: application/json' -d '{"sample":true}'\n` +
      '[stack] Ctrl-C stops everything',
  );
}

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  console.log('[stack] stopping…');
  const services = children.slice(1);
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), services.length > 0 ? 30_000 : 0).unref();
  Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
  ).then(() => process.exit(code));
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await main();
