import type { PayloadSizes, TriggerKind, WorkerKind } from './bench-topology.js';
import type { LoopFigures } from './closed-loop.js';
import type { CpuProfileSummary } from './cpu-profile-summary.js';
import type { MachineInfo } from './harness/machine.js';
import { alignTable, fixed } from './harness/report.js';
import type { InProcessFigure } from './in-process-pipeline.js';
import type { RedisCensus } from './redis-census.js';
import type { RunTimeline } from './run-timeline.js';

/** Everything measured about one phase (one kind of system). */
export interface PhaseFigures {
  readonly name: string;
  readonly workers: WorkerKind;
  readonly trigger: TriggerKind;
  /** One run in flight. */
  readonly serial: LoopFigures;
  /** `inFlight` runs in flight. */
  readonly loaded: LoopFigures;
  /** CPU time per run of each process (`bench` is the harness, `redis-server` is shared). */
  readonly cpuMsPerRun: {
    readonly serial: Readonly<Record<string, number>>;
    readonly loaded: Readonly<Record<string, number>>;
  };
  /** Where the latency of a run goes at 1 in flight (medians, ms). */
  readonly timeline: RunTimeline;
  readonly census?: RedisCensus;
  readonly payload?: PayloadSizes;
  /** Exit codes of the processes after SIGTERM (0 = clean). */
  readonly exitCodes: Readonly<Record<string, number>>;
  /** Headline figures of every round, with `--repeat`. */
  readonly rounds?: readonly {
    readonly serialRunsPerSecond: number;
    readonly serialP50Ms: number;
    readonly loadedRunsPerSecond: number;
    readonly loadedP50Ms: number;
    readonly loadedP99Ms: number;
  }[];
  /** Main-thread CPU profiles (with `--cpu-prof`), over the measured window (ms after the profile began). */
  readonly profiles?: Readonly<
    Record<
      string,
      CpuProfileSummary & { readonly file: string; readonly windowMs: readonly [number, number] }
    >
  >;
}

/** One phase's figures divided by another's. */
export interface PhaseRatios {
  readonly runsPerSecondSerial: number;
  readonly runsPerSecondLoaded: number;
  readonly p50Serial: number;
  readonly p99Serial: number;
  readonly p50Loaded: number;
  readonly p99Loaded: number;
}

/** A goal of issue 7 and whether this run met it. */
export interface Goal {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly met: boolean;
}

/** All figures of `npm run bench`, as `--json` prints them. */
export interface BenchFigures {
  readonly machine: MachineInfo & { readonly loadAtEnd: number };
  readonly settings: {
    readonly room: string;
    readonly roomTiles: string;
    readonly runs: number;
    readonly serialRuns: number;
    readonly inFlight: number;
    readonly warmupRuns: number;
    readonly repeat: number;
    readonly lightConcurrency: number;
    readonly placementConcurrency: number;
    readonly cpuProfiling: boolean;
  };
  readonly phases: Readonly<Record<string, PhaseFigures>>;
  /**
   * Real processors ÷ no-op ones, for each figure (the goals of issue 7): `flows` with both fed
   * flows directly (the queue limit), `api` with both behind the scheduler's HTTP API, and
   * `apiVsFlows` real runs over HTTP against bare no-op flows (the strictest pairing). Besides
   * them, `replay`: replayed runs ÷ no-op flows, the ratio with the models' compute at zero.
   */
  readonly ratios: Partial<Record<RatioPair, PhaseRatios>>;
  readonly goals: readonly Goal[];
  readonly inProcess: readonly InProcessFigure[];
}

/** The pairs of phases whose ratios are reported. */
export type RatioPair = 'replay' | 'flows' | 'api' | 'apiVsFlows';

/** Each pair's phases: the measured one, then the no-op one it is divided by. */
export const RATIO_PHASES: Readonly<Record<RatioPair, readonly [string, string]>> = {
  replay: ['replayFlows', 'noop'],
  flows: ['pipelineFlows', 'noop'],
  api: ['pipeline', 'noopApi'],
  apiVsFlows: ['pipeline', 'noop'],
};

/** The pairs issue 7 sets goals on: real processors against no-op ones. */
export const GOAL_RATIO_PAIRS: readonly RatioPair[] = ['flows', 'api', 'apiVsFlows'];

/** How the report names each pair. */
export const RATIO_LABELS: Record<RatioPair, string> = {
  replay: 'replayed flows ÷ no-op flows',
  flows: 'pipeline flows ÷ no-op flows',
  api: 'pipeline via API ÷ no-op via API',
  apiVsFlows: 'pipeline via API ÷ no-op flows',
};

const LABELS: Record<string, string> = {
  noop: 'no-op flows',
  replayFlows: 'replayed flows',
  pipelineFlows: 'pipeline flows',
  noopApi: 'no-op via API',
  pipeline: 'pipeline via API',
};

/** The human report: the side-by-side table, where the time goes, the goals. */
export function formatReport(f: BenchFigures): string {
  const lines: string[] = [];
  const phases = Object.values(f.phases);
  const s = f.settings;
  lines.push(
    `ceiling-grid queue benchmark — ${s.room} (${s.roomTiles} tiles), warm-up ${s.warmupRuns} runs per phase` +
      (s.repeat > 1 ? `, every phase measured ${s.repeat} times (medians; rounds below)` : ''),
    `machine: ${f.machine.cpus} × ${f.machine.cpuModel}, Node ${f.machine.node}, Redis ${f.machine.redis}; ` +
      `load ${f.machine.loadAtStart.toFixed(2)} at start, ${f.machine.loadAtEnd.toFixed(2)} at end`,
    `topology: 1 light-worker (concurrency ${s.lightConcurrency}), 1 placement-worker (concurrency ${s.placementConcurrency}); ` +
      `LOG_LEVEL=info, NODE_ENV=production${s.cpuProfiling ? '; CPU PROFILING ON (figures are slower)' : ''}`,
    '',
  );
  if (phases.length > 0) {
    const ratioSets: [string, PhaseRatios][] = [];
    const short: Record<RatioPair, string> = {
      replay: 'replay ratio',
      flows: 'flows ratio',
      api: 'API ratio',
      apiVsFlows: 'API/flows',
    };
    for (const key of Object.keys(RATIO_PHASES) as RatioPair[]) {
      const set = f.ratios[key];
      if (set) ratioSets.push([short[key], set]);
    }
    const header = ['', ...phases.map((p) => LABELS[p.name] ?? p.name), ...ratioSets.map(([label]) => label)];
    const row = (
      label: string,
      value: (p: PhaseFigures) => number,
      digits: number,
      ratio: keyof PhaseRatios,
    ) => [
      label,
      ...phases.map((p) => fixed(value(p), digits)),
      ...ratioSets.map(([, set]) => fixed(set[ratio], 2)),
    ];
    const k = s.inFlight;
    const table = [
      header,
      row(
        `runs/s, 1 in flight (${s.serialRuns} runs)`,
        (p) => p.serial.runsPerSecond,
        1,
        'runsPerSecondSerial',
      ),
      row('p50 ms, 1 in flight', (p) => p.serial.p50Ms, 1, 'p50Serial'),
      row('p99 ms, 1 in flight', (p) => p.serial.p99Ms, 1, 'p99Serial'),
      row(`runs/s, ${k} in flight (${s.runs} runs)`, (p) => p.loaded.runsPerSecond, 1, 'runsPerSecondLoaded'),
      row(`p50 ms, ${k} in flight`, (p) => p.loaded.p50Ms, 1, 'p50Loaded'),
      row(`p99 ms, ${k} in flight`, (p) => p.loaded.p99Ms, 1, 'p99Loaded'),
    ];
    table.push(['latency at 1 in flight, medians (ms, job timestamps):']);
    const segments: [Exclude<keyof RunTimeline, 'modelsMs'>, string][] = [
      ['triggerToAdded', 'trigger → flow in Redis'],
      ['addedToLightsStart', '→ first light job starts'],
      ['lights', 'three light jobs'],
      ['lightsToAirSupply', '→ air-supply job starts'],
      ['airSupply', 'air-supply job'],
      ['airSupplyToRoot', '→ root job starts'],
      ['root', 'root (smoke-detector) job'],
      ['rootToRead', '→ result read'],
    ];
    for (const [key, label] of segments)
      table.push(['  ' + label, ...phases.map((p) => fixed(p.timeline[key], 1))]);
    if (phases.some((p) => p.timeline.modelsMs)) {
      table.push([
        "models' own time at 1 in flight, medians (ms, the result's durationMs, checks left out):",
      ]);
      for (const [key, label] of [
        ['lights', '  three light models'],
        ['airSupply', '  air supply'],
        ['smokeDetectors', '  smoke detectors'],
      ] as const) {
        table.push([label, ...phases.map((p) => fixed(p.timeline.modelsMs?.[key], 2))]);
      }
    }
    const processes = unique(phases.flatMap((p) => Object.keys(p.cpuMsPerRun.loaded)));
    table.push([`CPU ms per run, ${k} in flight:`]);
    for (const name of processes) {
      table.push(['  ' + name, ...phases.map((p) => fixed(p.cpuMsPerRun.loaded[name], 2))]);
    }
    const total = (p: PhaseFigures) => Object.values(p.cpuMsPerRun.loaded).reduce((sum, ms) => sum + ms, 0);
    table.push(
      ['  all of them', ...phases.map((p) => fixed(total(p), 2))],
      // On a CPU-bound box no phase can beat this, however well its processes overlap.
      [
        `runs/s ceiling: ${f.machine.cpus} cores ÷ CPU per run`,
        ...phases.map((p) => fixed((f.machine.cpus * 1000) / total(p), 0)),
      ],
    );
    const [noop, replay, real] = ['noop', 'replayFlows', 'pipelineFlows'].map((name) => f.phases[name]);
    if (noop && replay && real) {
      // Replayed runs move a real run's payloads without computing them, so they split the gap.
      table.push(
        [`CPU ms per run the processors add, ${k} in flight:`],
        ['  payloads, job logs, progress (replayed − no-op)', fixed(total(replay) - total(noop), 2)],
        ["  the models' compute (pipeline − replayed)", fixed(total(real) - total(replay), 2)],
      );
    }
    if (phases.some((p) => p.census)) {
      table.push(
        [
          `Redis round trips per run (${phases.find((p) => p.census)?.census?.runs} runs, 1 in flight)`,
          ...phases.map((p) => fixed(p.census?.roundTripsPerRun, 1)),
        ],
        [
          'Redis commands inside Lua scripts per run',
          ...phases.map((p) => fixed(p.census?.scriptCommandsPerRun, 1)),
        ],
        [
          'Redis argument kB per run',
          ...phases.map((p) => fixed((p.census?.argumentBytesPerRun ?? Number.NaN) / 1024, 1)),
        ],
      );
    }
    if (phases.some((p) => p.payload)) {
      table.push(
        ['job data bytes: root/air/light', ...phases.map((p) => bytes3(p.payload?.dataBytes))],
        ['returnvalue bytes: root/air/light', ...phases.map((p) => bytes3(p.payload?.returnBytes))],
        ['GET /api/runs/:id bytes', ...phases.map((p) => fixed(p.payload?.runViewBytes, 0))],
        [
          'event streams placement+lights: entries, kB',
          ...phases.map((p) => {
            const e = p.payload?.eventStreams;
            return e
              ? `${e.placement.entries + e.lights.entries}, ${((e.placement.bytes + e.lights.bytes) / 1024).toFixed(0)}`
              : '–';
          }),
        ],
      );
    }
    if (phases.some((p) => p.rounds)) {
      table.push(['rounds (runs/s and p50 ms at 1 in flight | at ' + k + ' in flight):']);
      const count = Math.max(...phases.map((p) => p.rounds?.length ?? 0));
      for (let i = 0; i < count; i++) {
        table.push([
          `  round ${i + 1}`,
          ...phases.map((p) => {
            const r = p.rounds?.[i];
            return r
              ? `${r.serialRunsPerSecond.toFixed(1)}, ${r.serialP50Ms.toFixed(1)} | ${r.loadedRunsPerSecond.toFixed(1)}, ${r.loadedP50Ms.toFixed(0)}`
              : '–';
          }),
        ]);
      }
    }
    lines.push(...alignTable(table), '');
  }
  if (phases.some((p) => p.census)) {
    lines.push('Redis round trips per run, by command (MONITOR; lua:<name> is one BullMQ script call):');
    const commands = unique(phases.flatMap((p) => p.census?.byCommand.map((c) => c.command) ?? []));
    const table = [['', ...phases.map((p) => LABELS[p.name] ?? p.name)]];
    for (const command of commands) {
      table.push([
        '  ' + command,
        ...phases.map((p) => fixed(p.census?.byCommand.find((c) => c.command === command)?.perRun ?? 0, 2)),
      ]);
    }
    table.push(['inside Lua scripts, top 12:']);
    const inner = unique(
      phases.flatMap((p) => p.census?.byScriptCommand.slice(0, 12).map((c) => c.command) ?? []),
    );
    for (const command of inner) {
      table.push([
        '  ' + command,
        ...phases.map((p) =>
          fixed(p.census?.byScriptCommand.find((c) => c.command === command)?.perRun ?? 0, 2),
        ),
      ]);
    }
    table.push(['by client:']);
    for (const p of phases) {
      for (const c of p.census?.byClient ?? []) table.push([`  ${p.name} ${c.client}`, fixed(c.perRun, 2)]);
    }
    lines.push(...alignTable(table), '');
  }
  for (const p of phases) {
    for (const [process, profile] of Object.entries(p.profiles ?? {})) {
      lines.push(
        `CPU profile ${p.name}/${process}: main thread busy ${profile.busyMs.toFixed(0)} ms in the measured window (${profile.file})`,
      );
      lines.push(
        `  by package (self): ${profile.packages.map((x) => `${x.name} ${pct(x.share)}`).join(', ')}`,
      );
      lines.push('  top functions (self):');
      for (const fn of profile.functions.slice(0, 8))
        lines.push(`  ${pct(fn.share).padStart(7)}  ${fn.name}`);
      lines.push('  own code (inclusive):');
      for (const fn of profile.ownCodeInclusive.slice(0, 8)) {
        lines.push(`  ${pct(fn.share).padStart(7)}  ${fn.name}`);
      }
    }
  }
  if (f.inProcess.length > 0) {
    const table = [
      [
        'in-process runPipeline',
        'tiles',
        'median ms',
        'min ms',
        'light models ms (each)',
        'air ms',
        'smoke ms',
        'status',
        'result kB',
      ],
    ];
    for (const x of f.inProcess) {
      table.push([
        `  ${x.room} (median of ${x.repeats})`,
        String(x.tiles),
        fixed(x.medianMs, 1),
        fixed(x.minMs, 1),
        Object.entries(x.lightModelsMs)
          .map(([model, ms]) => `${model} ${fixed(ms, 1)}`)
          .join(', '),
        fixed(x.stagesMs.airSupply, 1),
        fixed(x.stagesMs.smokeDetectors, 1),
        x.status,
        fixed(x.resultBytes / 1024, 1),
      ]);
    }
    lines.push(...alignTable(table), '');
  }
  if (f.goals.length > 0) {
    lines.push('goals (issue 7):');
    for (const g of f.goals) {
      lines.push(`  ${g.met ? 'met    ' : 'NOT MET'}  ${g.name}: ${fixed(g.value, 2)} (target ${g.target})`);
    }
    const replay = f.ratios.replay;
    if (replay) {
      lines.push(
        `  for scale, with the models' compute at zero (${RATIO_LABELS.replay}): ` +
          `throughput ${fixed(replay.runsPerSecondLoaded, 2)}, p50 at 1 in flight ${fixed(replay.p50Serial, 2)}`,
      );
    }
  }
  return lines.join('\n');
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function bytes3(b: { root: number; airSupply: number; light: number } | undefined): string {
  return b ? `${b.root}/${b.airSupply}/${b.light}` : '–';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
