import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRoom } from '@ceiling-grid/core';
import { REPO_ROOT } from '../support/processes.js';
import { type BenchOptions, parseBenchOptions } from './bench-options.js';
import {
  type BenchFigures,
  formatReport,
  GOAL_RATIO_PAIRS,
  type Goal,
  type PhaseFigures,
  type PhaseRatios,
  RATIO_LABELS,
  RATIO_PHASES,
  type RatioPair,
} from './bench-report.js';
import { type PhaseSpec, startTopology, type Topology } from './bench-topology.js';
import { closedLoop } from './closed-loop.js';
import { mainThreadProfile, summarizeCpuProfile } from './cpu-profile-summary.js';
import { type MachineInfo, machineInfo } from './harness/machine.js';
import { optionsOrExit } from './harness/options.js';
import { cpuSnapshot, cpuSpent, logTails } from './harness/processes.js';
import { emitReport, progress } from './harness/report.js';
import { measureInProcessPipeline } from './in-process-pipeline.js';
import { redisCensus } from './redis-census.js';

/**
 * `npm run bench`: the pipeline as users see it (HTTP trigger to result readable, real worker
 * processes, real Redis) side by side with the limit it cannot beat (flows of the same shape
 * whose processors do nothing), then the in-process pipeline per room size. See
 * docs/BENCHMARKS.md.
 */
const options: BenchOptions = optionsOrExit((argv) => parseBenchOptions(argv));
const say = progress('bench');
const sample = parseRoom(JSON.parse(readFileSync(join(REPO_ROOT, 'data/input/sample_grid.json'), 'utf8')));
const machine = await machineInfo(options.redisUrl);
const logDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-bench-'));
const cpuProfDir = options.cpuProfDir ? resolve(REPO_ROOT, options.cpuProfDir) : undefined;
if (cpuProfDir) rmSync(cpuProfDir, { recursive: true, force: true });

const open = new Set<Topology>();
process.once('SIGINT', () => {
  say('interrupted: stopping the bench processes and deleting their keys');
  void Promise.allSettled([...open].map((t) => t.close())).then(() => process.exit(130));
});

const allSpecs: PhaseSpec[] = [
  { name: 'noop', workers: 'noop', trigger: 'direct' },
  ...(options.replayFlows ? [{ name: 'replayFlows', workers: 'replay', trigger: 'direct' } as const] : []),
  ...(options.pipelineFlows ? [{ name: 'pipelineFlows', workers: 'real', trigger: 'direct' } as const] : []),
  ...(options.apiNoop ? [{ name: 'noopApi', workers: 'noop', trigger: 'api' } as const] : []),
  { name: 'pipeline', workers: 'real', trigger: 'api' },
];
const specs = options.inProcessOnly
  ? []
  : allSpecs.filter((spec) => !options.phases || options.phases.includes(spec.name));
// Phases interleave across repeats, so a change in the machine's load hits every phase alike.
const measured = new Map<string, PhaseFigures[]>();
for (let round = 0; round < options.repeat; round++) {
  for (const spec of specs) {
    if (options.repeat > 1) say(`round ${round + 1} of ${options.repeat}`);
    const figures = await measurePhase(spec, machine, round === 0);
    measured.set(spec.name, [...(measured.get(spec.name) ?? []), figures]);
  }
}
const phases: Record<string, PhaseFigures> = {};
for (const [name, rounds] of measured) phases[name] = medianPhase(rounds);

let inProcess: ReturnType<typeof measureInProcessPipeline> = [];
if (options.inProcessRepeats > 0) {
  say('in-process pipeline: sample, 100×100, 300×300');
  inProcess = measureInProcessPipeline(sample, options.inProcessRepeats);
}

// Each goal ratio compares real processors with no-op ones on the same trigger path, and the
// strictest one real runs over HTTP against bare flows; the replay ratio is there for scale.
const ratios: NonNullable<BenchFigures['ratios']> = {};
const goals: Goal[] = [];
for (const key of Object.keys(RATIO_PHASES) as RatioPair[]) {
  const [real, noop] = RATIO_PHASES[key];
  if (!phases[real] || !phases[noop]) continue;
  const r = phaseRatios(phases[real], phases[noop]);
  ratios[key] = r;
  if (!GOAL_RATIO_PAIRS.includes(key)) continue;
  goals.push(
    {
      name: `throughput at ${options.inFlight} in flight, ${RATIO_LABELS[key]}`,
      value: r.runsPerSecondLoaded,
      target: '≥ 0.8',
      met: r.runsPerSecondLoaded >= 0.8,
    },
    {
      name: `p50 at 1 in flight, ${RATIO_LABELS[key]}`,
      value: r.p50Serial,
      target: '≤ 2',
      met: r.p50Serial <= 2,
    },
  );
}
// The in-process goals: milliseconds per run on the synthetic rooms.
for (const [room, limitMs] of [
  ['100×100', 250],
  ['300×300', 5000],
] as const) {
  const figure = inProcess.find((x) => x.room === room);
  if (figure) {
    goals.push({
      name: `${room} in-process ms`,
      value: figure.medianMs,
      target: `< ${limitMs}`,
      met: figure.medianMs < limitMs,
    });
  }
}

const figures: BenchFigures = {
  machine: { ...machine, loadAtEnd: loadavg()[0] },
  settings: {
    room: `sample room ${sample.roomId}`,
    roomTiles: `${sample.rows}×${sample.cols}`,
    runs: options.runs,
    serialRuns: options.serialRuns,
    inFlight: options.inFlight,
    warmupRuns: options.warmupRuns,
    repeat: options.repeat,
    lightConcurrency: options.lightConcurrency,
    placementConcurrency: options.placementConcurrency,
    cpuProfiling: cpuProfDir !== undefined,
  },
  phases,
  ratios,
  goals,
  inProcess,
};
// Progress went to stderr; the table goes to stdout, unless stdout carries the JSON.
emitReport(options.json, figures, `\n${formatReport(figures)}`);
rmSync(logDir, { recursive: true, force: true });
process.exit(0);

/**
 * One phase's figures over repeated measurements: the 1-in-flight figures of the round with the
 * median p50, the loaded figures and CPU of the round with the median throughput, the census,
 * payload and profiles of the first round (the only one measured with them), and every round's
 * headline figures.
 */
function medianPhase(rounds: readonly PhaseFigures[]): PhaseFigures {
  if (rounds.length === 1) return rounds[0];
  const middle = (key: (p: PhaseFigures) => number) =>
    [...rounds].sort((a, b) => key(a) - key(b))[Math.floor((rounds.length - 1) / 2)];
  const serial = middle((p) => p.serial.p50Ms);
  const loaded = middle((p) => p.loaded.runsPerSecond);
  return {
    ...rounds[0],
    serial: serial.serial,
    timeline: serial.timeline,
    loaded: loaded.loaded,
    cpuMsPerRun: loaded.cpuMsPerRun,
    rounds: rounds.map((p) => ({
      serialRunsPerSecond: p.serial.runsPerSecond,
      serialP50Ms: p.serial.p50Ms,
      loadedRunsPerSecond: p.loaded.runsPerSecond,
      loadedP50Ms: p.loaded.p50Ms,
      loadedP99Ms: p.loaded.p99Ms,
    })),
  };
}

/** `a ÷ b` for each throughput and latency figure. */
function phaseRatios(a: PhaseFigures, b: PhaseFigures): PhaseRatios {
  return {
    runsPerSecondSerial: a.serial.runsPerSecond / b.serial.runsPerSecond,
    runsPerSecondLoaded: a.loaded.runsPerSecond / b.loaded.runsPerSecond,
    p50Serial: a.serial.p50Ms / b.serial.p50Ms,
    p99Serial: a.serial.p99Ms / b.serial.p99Ms,
    p50Loaded: a.loaded.p50Ms / b.loaded.p50Ms,
    p99Loaded: a.loaded.p99Ms / b.loaded.p99Ms,
  };
}

/** Starts one phase's processes, measures it, stops them, and summarizes their profiles. */
async function measurePhase(spec: PhaseSpec, info: MachineInfo, firstRound: boolean): Promise<PhaseFigures> {
  say(`${spec.name}: starting ${spec.workers} workers${spec.trigger === 'api' ? ' and the scheduler' : ''}`);
  const topology = await startTopology(spec, {
    redisUrl: options.redisUrl,
    room: sample,
    logDir,
    lightConcurrency: options.lightConcurrency,
    placementConcurrency: options.placementConcurrency,
    cpuProfDir: firstRound ? cpuProfDir : undefined,
  });
  open.add(topology);
  let measured: Awaited<ReturnType<typeof measureRunning>>;
  let codes: number[] = [];
  try {
    measured = await measureRunning(topology, info, firstRound);
  } catch (error) {
    say(logTails(topology.processes));
    throw error;
  } finally {
    open.delete(topology);
    codes = await topology.close();
  }
  const exitCodes = Object.fromEntries(topology.processes.map((p, i) => [p.label, codes[i]]));
  const profiles = cpuProfDir && firstRound ? profileSummaries(topology, measured.window) : undefined;
  return { ...measured.figures, exitCodes, ...(profiles ? { profiles } : {}) };
}

/** The measurements of a running phase: warm-up, 1 in flight, K in flight, the census and payloads. */
async function measureRunning(topology: Topology, info: MachineInfo, firstRound: boolean) {
  const { spec } = topology;
  const sampled = [
    ...topology.processes.map((p) => ({ label: p.label, pid: p.pid })),
    { label: 'bench', pid: process.pid },
    ...(info.redisPid ? [{ label: 'redis-server', pid: info.redisPid }] : []),
  ];
  if (options.warmupRuns > 0) {
    say(`${spec.name}: ${options.warmupRuns} warm-up runs`);
    await closedLoop(options.warmupRuns, Math.min(10, options.inFlight), topology.runOnce);
  }
  const t0 = cpuSnapshot(sampled);
  say(`${spec.name}: ${options.serialRuns} runs, 1 in flight`);
  topology.takeRecords();
  const serial = await closedLoop(options.serialRuns, 1, topology.runOnce);
  const t1 = cpuSnapshot(sampled);
  const serialRecords = topology.takeRecords();
  say(`${spec.name}: ${options.runs} runs, ${options.inFlight} in flight`);
  const loaded = await closedLoop(options.runs, options.inFlight, topology.runOnce);
  const t2 = cpuSnapshot(sampled);
  const window: [number, number] = [t0.at, t2.at];
  let census: PhaseFigures['census'];
  if (options.censusRuns > 0 && firstRound) {
    say(`${spec.name}: ${options.censusRuns} runs under MONITOR`);
    census = await redisCensus(options.redisUrl, topology.prefix, async () => {
      await closedLoop(options.censusRuns, 1, topology.runOnce);
      return options.censusRuns;
    });
  }
  const lastRunId = topology.lastRunId();
  const figures: Omit<PhaseFigures, 'exitCodes' | 'profiles'> = {
    name: spec.name,
    workers: spec.workers,
    trigger: spec.trigger,
    serial,
    loaded,
    cpuMsPerRun: { serial: cpuSpent(t0, t1, serial.runs), loaded: cpuSpent(t1, t2, loaded.runs) },
    timeline: await topology.timeline(serialRecords),
    ...(census ? { census } : {}),
    ...(lastRunId ? { payload: await topology.payloadSizes(lastRunId) } : {}),
  };
  return { figures, window };
}

/** Each process's main-thread CPU profile over the measured window (ms after it was spawned). */
function profileSummaries(topology: Topology, window: readonly [number, number]) {
  const profiles: Record<string, NonNullable<PhaseFigures['profiles']>[string]> = {};
  for (const p of topology.processes) {
    const dir = join(cpuProfDir!, topology.spec.name, p.label);
    const file = existsSync(dir) ? mainThreadProfile(readdirSync(dir)) : undefined;
    if (!file) continue;
    const path = join(dir, file);
    const from = window[0] - p.spawnedAt;
    const to = window[1] - p.spawnedAt;
    profiles[p.label] = { ...summarizeCpuProfile(path, from, to), file: path, windowMs: [from, to] };
  }
  return profiles;
}
