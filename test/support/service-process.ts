import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Repository root, where every service runs from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The services of RULES §7, by entry point. */
export type ServiceName = 'scheduler' | 'light-worker' | 'placement-worker' | 'dashboard';

/** A service running as its own child process, as it would in its own container. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly child: ChildProcess;
  /** Port of its `/healthz` and `/metrics`. */
  readonly port: number;
  readonly baseUrl: string;
  /** Everything it printed so far (JSON log lines), for assertions and failure messages. */
  output(): string;
  /** Sends a signal and waits for the exit; resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const PORT_VARIABLE: Record<ServiceName, string> = {
  scheduler: 'SCHEDULER_PORT',
  dashboard: 'DASHBOARD_PORT',
  'light-worker': 'LIGHT_WORKER_METRICS_PORT',
  'placement-worker': 'PLACEMENT_WORKER_METRICS_PORT',
};

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

/**
 * Starts one service as a child process (`node --import tsx services/<name>/src/main.ts`) on a
 * free port with the given environment, and waits until its `/healthz` answers 200.
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, [PORT_VARIABLE[name]]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const service: ServiceProcess = {
    name,
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} during start:\n${output}`);
    try {
      const response = await fetch(`${service.baseUrl}/healthz`);
      if (response.status === 200) return service;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become healthy within ${options.timeoutMs ?? 30_000} ms:\n${output}`);
}

/** A queue prefix no other test uses: each test works in its own keyspace and cleans it up. */
export function randomPrefix(label = 'test'): string {
  return `{cg-${label}-${Math.random().toString(36).slice(2, 10)}}`;
}
