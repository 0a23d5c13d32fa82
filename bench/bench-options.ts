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

const USAGE = `usage: npm run bench -- [options]
  --runs N              runs measured at --in-flight (default 300; --quick 60)
  --serial-runs N       runs measured one at a time (default 50; --quick 10)
  --in-flight K         runs kept in flight in the loaded phase (default 100)
  --repeat N            measure every phase N times, interleaved, and report the median (default 1)
  --warmup N            unmeasured runs before each phase (default 100; --quick 20)
  --census N            runs watched with MONITOR to count Redis commands (default 10; 0 skips)
  --no-api-noop         skip the phase of no-op workers behind the real scheduler API
  --no-replay-flows     skip the phase of workers replaying real results without computing them
  --no-pipeline-flows   skip the phase of real workers fed flows directly (no scheduler)
  --phases A,B          only these phases: noop, replayFlows, pipelineFlows, noopApi, pipeline
  --in-process N        repeats per room size of the in-process pipeline (default 5; 0 skips)
  --in-process-only     only the in-process pipeline
  --cpu-prof [DIR]      write V8 CPU profiles of the service processes and summarize them
  --light-concurrency N, --placement-concurrency N   (default 2 each, as in .env)
  --quick               a fast smoke run
  --json                all figures as one JSON object on stdout (tables on stderr)`;

/** Parses the command line of `npm run bench`. Throws with the usage on a bad argument. */
export function parseBenchOptions(argv: readonly string[], env = process.env): BenchOptions {
  const quick = argv.includes('--quick');
  const options = {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    runs: quick ? 60 : 300,
    serialRuns: quick ? 10 : 50,
    repeat: 1,
    inFlight: 100,
    warmupRuns: quick ? 20 : 100,
    censusRuns: quick ? 5 : 10,
    apiNoop: true,
    replayFlows: true,
    pipelineFlows: true,
    phases: undefined as string[] | undefined,
    inProcessOnly: false,
    inProcessRepeats: quick ? 1 : 5,
    cpuProfDir: undefined as string | undefined,
    lightConcurrency: 2,
    placementConcurrency: 2,
    json: false,
  };
  const integer = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) {
      throw new Error(`${flag} needs an integer ≥ ${min} (got ${value ?? 'nothing'})\n${USAGE}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--quick':
        break;
      case '--json':
        options.json = true;
        break;
      case '--in-process-only':
        options.inProcessOnly = true;
        break;
      case '--no-api-noop':
        options.apiNoop = false;
        break;
      case '--no-replay-flows':
        options.replayFlows = false;
        break;
      case '--no-pipeline-flows':
        options.pipelineFlows = false;
        break;
      case '--phases': {
        const names = (argv[++i] ?? '').split(',').filter(Boolean);
        const unknown = names.filter((n) => !PHASE_NAMES.includes(n));
        if (names.length === 0 || unknown.length > 0) {
          throw new Error(
            `--phases takes names among ${PHASE_NAMES.join(', ')} (got ${JSON.stringify(argv[i] ?? '')})\n${USAGE}`,
          );
        }
        options.phases = names;
        break;
      }
      case '--runs':
        options.runs = integer(arg, argv[++i], 1);
        break;
      case '--serial-runs':
        options.serialRuns = integer(arg, argv[++i], 1);
        break;
      case '--repeat':
        options.repeat = integer(arg, argv[++i], 1);
        break;
      case '--in-flight':
        options.inFlight = integer(arg, argv[++i], 1);
        break;
      case '--warmup':
        options.warmupRuns = integer(arg, argv[++i], 0);
        break;
      case '--census':
        options.censusRuns = integer(arg, argv[++i], 0);
        break;
      case '--in-process':
        options.inProcessRepeats = integer(arg, argv[++i], 0);
        break;
      case '--light-concurrency':
        options.lightConcurrency = integer(arg, argv[++i], 1);
        break;
      case '--placement-concurrency':
        options.placementConcurrency = integer(arg, argv[++i], 1);
        break;
      case '--cpu-prof': {
        const next = argv[i + 1];
        options.cpuProfDir = next !== undefined && !next.startsWith('--') ? argv[++i] : 'bench/profiles';
        break;
      }
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  return options;
}
