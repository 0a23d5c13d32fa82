import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '../test/support/service-process.js';

/** A service (or the no-op worker) running as its own process, as in production. */
export interface BenchProcess {
  /** Label in reports: `light-worker`, `noop-placement-worker`, … */
  readonly label: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Its JSON log lines go here, not through a pipe the bench would have to drain. */
  readonly logPath: string;
  /** `performance.now()` when it was spawned, to cut start-up out of its CPU profile. */
  readonly spawnedAt: number;
  /** CPU time it used so far (user + system), in ms. */
  cpuTimeMs(): number;
  /** SIGTERM (graceful: held jobs finish) and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Options of {@link startBenchProcess}. */
export interface BenchProcessOptions {
  label: string;
  /** Entry point, relative to the repository root. */
  script: string;
  env: Record<string, string>;
  /** The variable that sets its `/healthz` port. */
  portVariable: string;
  logDir: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

/**
 * Spawns `node [nodeArgs] --import tsx <script>` from the repository root on a free port and
 * waits until its `/healthz` answers 200.
 */
export async function startBenchProcess(options: BenchProcessOptions): Promise<BenchProcess> {
  const port = await freePort();
  const logPath = join(options.logDir, `${options.label}-${port}.log`);
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, [options.portVariable]: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const spawnedAt = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid ?? -1;
  const service: BenchProcess = {
    label: options.label,
    child,
    pid,
    port,
    logPath,
    spawnedAt,
    cpuTimeMs: () => processCpuTimeMs(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${options.label} exited with ${child.exitCode} during start:\n${tail(logPath)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return service;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${options.label} did not become healthy within 60 s:\n${tail(logPath)}`);
}

/** User + system CPU time of a process from `/proc/<pid>/stat`, in ms (0 where there is no procfs). */
export function processCpuTimeMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces, so split after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** `getconf CLK_TCK`: 100 on every Linux the project targets. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The last lines of a log, for a failure message. */
export function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
