import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, where every service runs from. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A queue prefix nobody else uses: each test or bench phase works in its own keyspace and cleans it up. */
export function randomPrefix(label = 'test'): string {
  return `{cg-${label}-${Math.random().toString(36).slice(2, 10)}}`;
}

/** Options of {@link startNodeProcess}. */
export interface NodeProcessOptions {
  /** Its name in messages and log file names. */
  readonly label: string;
  /** Entry point, relative to the repository root; run as `node [nodeArgs] --import tsx <script>`. */
  readonly script: string;
  /** Set over this process's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The variable that sets its `/healthz` port (a free one is chosen). */
  readonly portVariable: string;
  /**
   * Where its output goes: kept in memory by default; with a directory, appended to
   * `<logDir>/<label>-<port>.log` instead (a long run's logs would not fit in memory).
   */
  readonly logDir?: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** How long it may take to answer `/healthz` with 200. Default 30 s. */
  readonly timeoutMs?: number;
}

/** A service (or a stand-in) running as its own child process, as it would in its own container. */
export interface NodeProcess {
  readonly label: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Port of its `/healthz` (and `/metrics`). */
  readonly port: number;
  readonly baseUrl: string;
  /** `performance.now()` when it was spawned (to cut start-up out of a CPU profile). */
  readonly spawnedAt: number;
  /** Its log file, when it writes to one. */
  readonly logPath: string | undefined;
  /** Everything it printed so far (JSON log lines), for assertions and failure messages. */
  output(): string;
  /** Sends a signal (default SIGTERM: graceful) and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawns `node [nodeArgs] --import tsx <script>` from the repository root on a free port and
 * waits until its `/healthz` answers 200; kills it and throws with its output when it exits or
 * does not answer in time.
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const port = await freePort();
  const logPath = options.logDir ? join(options.logDir, `${options.label}-${port}.log`) : undefined;
  const log = logPath ? openSync(logPath, 'a') : undefined;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, [options.portVariable]: String(port) },
    stdio: ['ignore', log ?? 'pipe', log ?? 'pipe'],
  });
  if (log !== undefined) closeSync(log);
  let memory = '';
  const keep = (chunk: Buffer) => {
    memory += chunk;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started: NodeProcess = {
    label: options.label,
    child,
    pid: child.pid ?? -1,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    spawnedAt: performance.now(),
    logPath,
    output: () => (logPath ? readText(logPath) : memory),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${options.label} exited with ${child.exitCode} during start:\n${started.output()}`);
    }
    try {
      const response = await fetch(`${started.baseUrl}/healthz`);
      if (response.status === 200) return started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${options.label} did not become healthy within ${timeoutMs} ms:\n${started.output()}`);
}

/** The services of RULES §7, by entry point. */
export type ServiceName = 'scheduler' | 'light-worker' | 'placement-worker' | 'dashboard';

/** A service running as its own child process, as it would in its own container. */
export interface ServiceProcess extends NodeProcess {
  readonly name: ServiceName;
}

/** The variable that sets each service's `/healthz` (and `/metrics`) port. */
export const PORT_VARIABLE: Readonly<Record<ServiceName, string>> = {
  scheduler: 'SCHEDULER_PORT',
  dashboard: 'DASHBOARD_PORT',
  'light-worker': 'LIGHT_WORKER_METRICS_PORT',
  'placement-worker': 'PLACEMENT_WORKER_METRICS_PORT',
};

/**
 * Starts one service (`node --import tsx services/<name>/src/main.ts`) on a free port with the
 * given environment (`LOG_LEVEL=info` unless it says otherwise) and waits until its `/healthz`
 * answers 200. Its output is kept in memory, or written under `logDir` when given.
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: Pick<NodeProcessOptions, 'timeoutMs' | 'logDir' | 'nodeArgs'> & { label?: string } = {},
): Promise<ServiceProcess> {
  const started = await startNodeProcess({
    label: options.label ?? name,
    script: `services/${name}/src/main.ts`,
    env: { LOG_LEVEL: 'info', ...env },
    portVariable: PORT_VARIABLE[name],
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.logDir !== undefined ? { logDir: options.logDir } : {}),
    ...(options.nodeArgs !== undefined ? { nodeArgs: options.nodeArgs } : {}),
  });
  return { ...started, name };
}

/**
 * Sends SIGTERM to every process still running, leaving out those a test killed or that exited,
 * and resolves with the ones it stopped and their exit codes (0 for a graceful stop).
 */
export async function stopRunning<P extends NodeProcess>(
  processes: readonly P[],
): Promise<{ stopped: P[]; codes: (number | null)[] }> {
  const stopped = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  const codes = await Promise.all(stopped.map((p) => p.stop('SIGTERM')));
  return { stopped, codes };
}

/** The last lines of a process's output, for a failure message. */
export function lastLines(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n') || '(no output)';
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
