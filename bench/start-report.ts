import { median } from './harness/stats.js';
import { START_MODES, type StartMode, type StartSample } from './start-probe.js';

/** Start-up figures of one service in one mode, over every measured start. */
export interface StartRow {
  readonly service: string;
  readonly mode: StartMode;
  /** Spawn until `/healthz` answered 200: median, fastest and slowest start. */
  readonly readyMs: { readonly median: number; readonly min: number; readonly max: number };
  /** CPU time used by then (median). */
  readonly cpuMs: number;
  /** Resident memory by then (median). */
  readonly rssMb: number;
}

/** What `npm run bench:start` measured, and where. */
export interface StartReport {
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    /** 1-minute load average before the first and after the last start. */
    readonly loadAtStart: number;
    readonly loadAtEnd: number;
  };
  readonly runs: number;
  /** Median wall time of `node -e 0`: Node's own start, the floor of any service's. */
  readonly nodeFloorMs: number;
  readonly rows: readonly StartRow[];
}

/** The goal of issue 15: a service's cold start from the image's command under 0.3 s. */
export const START_GOAL_MS = 300;

/** One row per `service/mode` key of the samples, in the order the keys were first measured. */
export function summarize(samples: ReadonlyMap<string, readonly StartSample[]>): StartRow[] {
  return [...samples].map(([key, list]) => {
    const [service, mode] = key.split('/') as [string, StartMode];
    const ready = list.map((sample) => sample.readyMs);
    return {
      service,
      mode,
      readyMs: { median: median(ready), min: Math.min(...ready), max: Math.max(...ready) },
      cpuMs: median(list.map((sample) => sample.cpuMs)),
      rssMb: median(list.map((sample) => sample.rssMb)),
    };
  });
}

/** The report as a Markdown table (the form docs/BENCHMARKS.md quotes), with the goal's verdict. */
export function formatStartReport(report: StartReport): string {
  const { machine } = report;
  const lines = [
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAtStart.toFixed(1)} → ${machine.loadAtEnd.toFixed(1)}; ${report.runs} starts per row, interleaved; medians`,
    `node -e 0 (Node's own start): ${Math.round(report.nodeFloorMs)} ms`,
    '',
    '| service | start | ready (median, min–max) | CPU to ready | RSS at ready |',
    '|---|---|---|---|---|',
  ];
  const ordered = [...report.rows].sort(
    (a, b) => a.service.localeCompare(b.service) || START_MODES.indexOf(a.mode) - START_MODES.indexOf(b.mode),
  );
  for (const row of ordered) {
    const { median: mid, min, max } = row.readyMs;
    lines.push(
      `| ${row.service} | ${row.mode} | ${ms(mid)} (${ms(min)}–${ms(max)}) | ${ms(row.cpuMs)} | ${row.rssMb.toFixed(0)} MB |`,
    );
  }
  lines.push('', ...verdicts(report.rows));
  return lines.join('\n');
}

/** Per service: the image's start (bundled, with the compile cache where measured) against the old image's (tsx, empty cache), and the goal. */
function verdicts(rows: readonly StartRow[]): string[] {
  const find = (service: string, mode: StartMode) =>
    rows.find((r) => r.service === service && r.mode === mode);
  return [...new Set(rows.map((row) => row.service))].flatMap((service) => {
    const compiled =
      find(service, 'bundled-cache') ??
      find(service, 'bundled') ??
      find(service, 'compiled-cache') ??
      find(service, 'compiled');
    const cold = find(service, 'tsx-cold');
    if (!compiled || !cold) return [];
    const met = compiled.readyMs.median < START_GOAL_MS ? 'meets' : 'misses';
    return [
      `${service}: ${compiled.mode} ${ms(compiled.readyMs.median)} vs tsx cold ${ms(cold.readyMs.median)} (${(cold.readyMs.median / compiled.readyMs.median).toFixed(1)}× faster, CPU ${ms(cold.cpuMs)} → ${ms(compiled.cpuMs)}); ${met} the ${START_GOAL_MS} ms goal`,
    ];
  });
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
