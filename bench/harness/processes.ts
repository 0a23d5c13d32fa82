import { readFileSync } from 'node:fs';
import {
  lastLines,
  type NodeProcess,
  PORT_VARIABLE,
  type ServiceName,
  startNodeProcess,
} from '../../support/processes.js';

/** A process of the system under test (a service or a stand-in worker), logging to a file. */
export type BenchProcess = NodeProcess;

/** One process to start: its label in reports, entry point and `/healthz` port variable. */
export interface ProcessSpec {
  readonly label: string;
  readonly script: string;
  readonly portVariable: string;
  /** Set over the common environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The spec of a real service (`services/<name>/src/main.ts`), labelled by its name unless told. */
export function serviceSpec(name: ServiceName, label: string = name): ProcessSpec {
  return { label, script: `services/${name}/src/main.ts`, portVariable: PORT_VARIABLE[name] };
}

/** What every process of one start shares. */
export interface StartOptions {
  readonly env: Readonly<Record<string, string>>;
  /** Each process logs to `<logDir>/<label>-<port>.log`. */
  readonly logDir: string;
  /** Extra node flags per process (`--cpu-prof`), by label. */
  readonly nodeArgs?: (label: string) => readonly string[];
}

/**
 * Starts every process side by side and waits until each answers `/healthz`. When one fails to
 * start, stops the others and throws with its log's last lines: nothing is left running.
 */
export async function startProcesses(
  specs: readonly ProcessSpec[],
  options: StartOptions,
): Promise<BenchProcess[]> {
  const started = await Promise.allSettled(
    specs.map((spec) =>
      startNodeProcess({
        label: spec.label,
        script: spec.script,
        portVariable: spec.portVariable,
        env: { ...options.env, ...spec.env },
        logDir: options.logDir,
        nodeArgs: options.nodeArgs?.(spec.label) ?? [],
        timeoutMs: 60_000,
      }),
    ),
  );
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await stopAll(running);
    throw failed.reason;
  }
  return running;
}

/** SIGTERM to each (held jobs finish) and their exit codes, -1 for one killed by a signal. */
export async function stopAll(processes: readonly BenchProcess[]): Promise<number[]> {
  const codes = await Promise.all(processes.map((p) => p.stop('SIGTERM')));
  return codes.map((code) => code ?? -1);
}

/** The last lines of each process's log, for a failure message. */
export function logTails(processes: readonly BenchProcess[]): string {
  return processes.map((p) => `--- ${p.label} log (last lines)\n${lastLines(p.output())}`).join('\n');
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

/** CPU time of each labelled process at one moment. */
export interface CpuSnapshot {
  /** `performance.now()` when it was taken. */
  readonly at: number;
  readonly ms: Readonly<Record<string, number>>;
}

/** The CPU time so far of each process (this one too, when listed with `process.pid`). */
export function cpuSnapshot(processes: readonly { label: string; pid: number }[]): CpuSnapshot {
  return {
    at: performance.now(),
    ms: Object.fromEntries(processes.map(({ label, pid }) => [label, processCpuTimeMs(pid)])),
  };
}

/** CPU ms each process spent between two snapshots, divided by `per` (runs, say). */
export function cpuSpent(from: CpuSnapshot, to: CpuSnapshot, per = 1): Record<string, number> {
  return Object.fromEntries(
    Object.keys(to.ms).map((label) => [label, (to.ms[label] - (from.ms[label] ?? 0)) / per]),
  );
}

/** Each process's CPU use between two snapshots as a percentage of one core, and their total. */
export function cpuPercent(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const wallMs = to.at - from.at;
  const spent = cpuSpent(from, to);
  const out: Record<string, number> = {};
  let total = 0;
  for (const [label, ms] of Object.entries(spent)) {
    out[label] = Math.round((ms / wallMs) * 100);
    total += (ms / wallMs) * 100;
  }
  out.total = Math.round(total);
  return out;
}
