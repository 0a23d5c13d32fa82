import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PORT_VARIABLE, REPO_ROOT, type ServiceName } from '../support/processes.js';

/**
 * How a service is started:
 * - `compiled`: `node services/<name>/dist/main.js` (after `npm run build`);
 * - `compiled-cache`: the same with Node's compile cache filled beforehand
 *   (deploy/docker/fill-compile-cache.mjs, NODE_COMPILE_CACHE); Node >= 22.1;
 * - `bundled`: `node services/<name>/dist/main.bundle.mjs`, the service and the packages it
 *   imports in one file (scripts/bundle-services.ts, part of `npm run build`), what the image runs;
 * - `bundled-cache`: the same with the compile cache filled; Node >= 22.1;
 * - `tsx-cold`: `node --import tsx services/<name>/src/main.ts` with an empty tsx cache, what the
 *   previous image ran at every container start (its /tmp is a fresh tmpfs);
 * - `tsx-warm`: the same with tsx's transform cache already filled (a developer's second start).
 */
export type StartMode = 'bundled' | 'bundled-cache' | 'compiled' | 'compiled-cache' | 'tsx-cold' | 'tsx-warm';

/** Every start mode, in the order the bench reports them. */
export const START_MODES: readonly StartMode[] = [
  'tsx-cold',
  'tsx-warm',
  'compiled',
  'compiled-cache',
  'bundled',
  'bundled-cache',
];

/** The modes that run with Node's compile cache filled beforehand. */
export const COMPILE_CACHE_MODES: readonly StartMode[] = ['compiled-cache', 'bundled-cache'];

/** Options of {@link measureStart}. */
export interface StartProbeOptions {
  readonly service: ServiceName;
  readonly mode: StartMode;
  /** The service's settings (REDIS_URL, QUEUE_PREFIX, …), set over a copy of this process's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Its `/healthz` port (set in the service's own port variable). */
  readonly port: number;
  /**
   * TMPDIR of the child, where tsx keeps its transform cache: a fresh directory for `tsx-cold`,
   * one kept across starts for `tsx-warm`. Unset: this process's.
   */
  readonly tmpDir?: string;
  /** How long it may take to answer `/healthz` with 200. Default 30 s. */
  readonly timeoutMs?: number;
  /** Run against the ready service (its base URL) before SIGTERM, after the figures are taken. */
  readonly whileReady?: (baseUrl: string) => Promise<void>;
}

/** One start of one service, from spawn to a clean exit. */
export interface StartSample {
  /** From spawn until `/healthz` first answered 200. */
  readonly readyMs: number;
  /** CPU time (user + system, all threads) the process had used when `/healthz` answered. */
  readonly cpuMs: number;
  /** Resident memory when `/healthz` answered. */
  readonly rssMb: number;
  /** The body `/healthz` answered with. */
  readonly health: string;
  /** Exit code after SIGTERM (0: graceful), null when a signal killed it. */
  readonly exitCode: number | null;
  /** Everything it printed. */
  readonly output: string;
}

/** The node arguments that start a service in a mode. */
export function startArguments(service: ServiceName, mode: StartMode): string[] {
  if (mode === 'bundled' || mode === 'bundled-cache') return [`services/${service}/dist/main.bundle.mjs`];
  return mode === 'compiled' || mode === 'compiled-cache'
    ? [`services/${service}/dist/main.js`]
    : ['--import', 'tsx', `services/${service}/src/main.ts`];
}

/**
 * The environment of a measured child: this process's, without NODE_OPTIONS (a test runner's
 * loaders would change what is measured, and the image sets none), plus the service's settings.
 */
export function childEnvironment(options: StartProbeOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'NODE_OPTIONS') env[key] = value;
  }
  Object.assign(env, options.env, { [PORT_VARIABLE[options.service]]: String(options.port) });
  if (options.tmpDir !== undefined) env.TMPDIR = options.tmpDir;
  return env;
}

/**
 * Starts a service from the repository root, polls its `/healthz` every 5 ms until it answers
 * 200, reads its CPU time and memory from /proc at that moment, then sends SIGTERM and waits for
 * the exit. Throws with its output when it exits early or does not become healthy in time.
 */
export async function measureStart(options: StartProbeOptions): Promise<StartSample> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, startArguments(options.service, options.mode), {
    cwd: REPO_ROOT,
    env: childEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const label = `${options.service} (${options.mode})`;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${label} exited with ${child.exitCode} during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not answer /healthz in time:\n${output}`);
    }
    const health = await healthz(options.port);
    if (health?.status === 200) {
      const readyMs = performance.now() - spawnedAt;
      const usage = processUsage(child.pid ?? -1);
      try {
        await options.whileReady?.(`http://127.0.0.1:${options.port}`);
      } finally {
        child.kill('SIGTERM');
      }
      const exitCode = await exited;
      return { readyMs, ...usage, health: health.body, exitCode, output };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** GET /healthz once; undefined while nothing listens. */
function healthz(port: number): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2000 },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', () => resolve(undefined));
      },
    );
    request.on('error', () => resolve(undefined));
    request.on('timeout', () => request.destroy());
  });
}

/** Linux reports CPU time in /proc in USER_HZ ticks, 100 a second on every architecture. */
const TICKS_PER_SECOND = 100;

/** CPU time and resident memory of a live process, from /proc (zeros elsewhere). */
function processUsage(pid: number): { cpuMs: number; rssMb: number } {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuMs, rssMb: rssKb / 1024 };
  } catch {
    return { cpuMs: 0, rssMb: 0 };
  }
}
