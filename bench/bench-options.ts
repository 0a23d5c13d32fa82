import { type OptionValues, parseOptions } from './harness/options.js';

/** What `npm run bench` measures and how much of it. */
export interface BenchOptions {
  readonly redisUrl: string;
  /** Runs measured with `inFlight` runs in flight. */
  readonly runs: number;
  /** Times each phase is measured (interleaved, fresh processes each time); medians are reported. */
  readonly repeat: number;
  /** Runs measured one at a time. */
  readonly serialRuns: number;
  /** Runs kept in flight in the loaded phase. */
  readonly inFlight: number;
  /** Unmeasured runs before each phase's measurements, so JIT and connections are warm. */
  readonly warmupRuns: number;
  /** Runs watched with MONITOR to count Redis commands per run; 0 skips the census. */
  readonly censusRuns: number;
  /** Also measure no-op workers behind the real scheduler API (how much the HTTP path costs). Default on. */
  readonly apiNoop: boolean;
  /**
   * Also measure workers that replay a real run's results and Redis calls without computing
   * them, fed flows directly (what the payloads cost, apart from the models' compute). Default on.
   */
  readonly replayFlows: boolean;
  /** Also measure the real workers fed flows directly, as the no-op flows are (what the processors cost, no HTTP). Default on. */
  readonly pipelineFlows: boolean;
  /** Only these phases (by name), when given; `undefined` = every phase the other options allow. */
  readonly phases: readonly string[] | undefined;
  /** Only the in-process pipeline: no Redis, no processes. */
  readonly inProcessOnly: boolean;
  /** Repeats per room size of the in-process pipeline (median reported); 0 skips it. */
  readonly inProcessRepeats: number;
  /** Directory for `--cpu-prof` profiles of the service processes; `undefined` = no profiling. */
  readonly cpuProfDir: string | undefined;
  /** Worker concurrency (production default 2, as in `.env`). */
  readonly lightConcurrency: number;
  readonly placementConcurrency: number;
  /** Figures as one JSON object on stdout; the human table goes to stderr. */
  readonly json: boolean;
}

/** The phases `npm run bench` knows, in the order it measures them. */
export const PHASE_NAMES: readonly string[] = ['noop', 'replayFlows', 'pipelineFlows', 'noopApi', 'pipeline'];

const phaseList = (value: string) => value.split(',').filter(Boolean);

/** The command line of `npm run bench`, declared once (harness/options.ts parses it and writes the usage). */
const BENCH_OPTIONS = {
  runs: { type: 'integer', default: 300, quick: 60, min: 1, help: 'runs measured at --in-flight' },
  'serial-runs': { type: 'integer', default: 50, quick: 10, min: 1, help: 'runs measured one at a time' },
  'in-flight': { type: 'integer', default: 100, min: 1, help: 'runs kept in flight in the loaded phase' },
  repeat: {
    type: 'integer',
    default: 1,
    min: 1,
    help: 'measure every phase N times, interleaved; report medians',
  },
  warmup: { type: 'integer', default: 100, quick: 20, min: 0, help: 'unmeasured runs before each phase' },
  census: { type: 'integer', default: 10, quick: 5, min: 0, help: 'runs watched with MONITOR (0 skips)' },
  'api-noop': {
    type: 'boolean',
    negatable: true,
    help: 'skip the no-op workers behind the real scheduler API',
  },
  'replay-flows': { type: 'boolean', negatable: true, help: 'skip the workers replaying real results' },
  'pipeline-flows': { type: 'boolean', negatable: true, help: 'skip the real workers fed flows directly' },
  phases: {
    type: 'string',
    valueName: 'A,B',
    help: `only these phases, comma-separated: ${PHASE_NAMES.join(', ')}`,
    check: (value: string) => {
      const names = phaseList(value);
      const unknown = names.filter((name) => !PHASE_NAMES.includes(name));
      return names.length === 0 || unknown.length > 0
        ? `--phases takes names among ${PHASE_NAMES.join(', ')} (got ${JSON.stringify(value)})`
        : undefined;
    },
  },
  'in-process': {
    type: 'integer',
    default: 5,
    quick: 1,
    min: 0,
    help: 'repeats per room size in process (0 skips)',
  },
  'in-process-only': { type: 'boolean', help: 'only the in-process pipeline (no Redis, no processes)' },
  'cpu-prof': {
    type: 'string',
    optionalValue: 'bench/profiles',
    valueName: 'DIR',
    help: 'write V8 CPU profiles of the service processes there, and summarize them',
  },
  'light-concurrency': { type: 'integer', default: 2, min: 1, help: 'light worker concurrency, as in .env' },
  'placement-concurrency': { type: 'integer', default: 2, min: 1, help: 'placement worker concurrency' },
  quick: { type: 'boolean', help: 'a fast smoke run (the smaller defaults)' },
  json: { type: 'boolean', help: 'all figures as one JSON object on stdout (tables on stderr)' },
} as const;

/** Parses the command line of `npm run bench`. Throws a UsageError with the usage on a bad argument. */
export function parseBenchOptions(argv: readonly string[], env = process.env): BenchOptions {
  const o: OptionValues<typeof BENCH_OPTIONS> = parseOptions('npm run bench --', BENCH_OPTIONS, argv);
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    runs: o.runs,
    serialRuns: o['serial-runs'],
    repeat: o.repeat,
    inFlight: o['in-flight'],
    warmupRuns: o.warmup,
    censusRuns: o.census,
    apiNoop: o['api-noop'],
    replayFlows: o['replay-flows'],
    pipelineFlows: o['pipeline-flows'],
    phases: o.phases === undefined ? undefined : phaseList(o.phases),
    inProcessOnly: o['in-process-only'],
    inProcessRepeats: o['in-process'],
    cpuProfDir: o['cpu-prof'],
    lightConcurrency: o['light-concurrency'],
    placementConcurrency: o['placement-concurrency'],
    json: o.json,
  };
}
