/**
 * `npm run bench:start`: how long each service takes from spawn until its `/healthz` answers,
 * and the CPU time and memory that costs, started as the image starts it now (the service's
 * bundle, dist/main.bundle.mjs, plain node), from the compiled dist/main.js, and as it did before (node --import tsx on the sources, with tsx's
 * transform cache empty as in a fresh container, and warm as on a developer's second start).
 *
 *   npm run bench:start -- [--runs 7] [--services scheduler,dashboard] [--no-build] [--json]
 *
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379); works under a fresh key prefix and
 * deletes it at the end. Starts are interleaved (each round starts every service in every mode)
 * so a change in the machine's load hits every mode alike; medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, REPO_ROOT, randomPrefix, type ServiceName } from '../support/processes.js';
import { deletePrefix } from '../support/redis-keys.js';
import { optionsOrExit, parseOptions } from './harness/options.js';
import { median } from './harness/stats.js';
import {
  COMPILE_CACHE_MODES,
  measureStart,
  START_MODES,
  type StartMode,
  type StartSample,
} from './start-probe.js';
import { formatStartReport, type StartReport, summarize } from './start-report.js';

const SERVICES: readonly ServiceName[] = ['scheduler', 'dashboard', 'light-worker', 'placement-worker'];

const START_OPTIONS = {
  runs: { type: 'integer', default: 7, min: 1, max: 100, help: 'measured starts per service and mode' },
  services: {
    type: 'string',
    default: SERVICES.join(','),
    valueName: 'A,B',
    help: 'services to start',
    check: (value: string) =>
      value.split(',').every((name) => (SERVICES as readonly string[]).includes(name))
        ? undefined
        : `--services takes names among ${SERVICES.join(', ')}`,
  },
  build: { type: 'boolean', negatable: true, help: 'skip `npm run build` (dist/ must be current)' },
  json: { type: 'boolean', help: 'the figures as JSON on stdout (the table goes to stderr)' },
} as const;

const options = optionsOrExit((argv) => parseOptions('npm run bench:start --', START_OPTIONS, argv));
const services = options.services.split(',') as ServiceName[];
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = randomPrefix('start');
/** Production settings, with real secrets: the image runs with NODE_ENV=production. */
const serviceEnv = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  API_TOKEN: randomBytes(24).toString('hex'),
  DASHBOARD_PASSWORD: randomBytes(24).toString('hex'),
};

if (options.build) {
  const started = performance.now();
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  process.stderr.write(`npm run build: ${Math.round(performance.now() - started)} ms\n`);
}

const loadAtStart = loadavg()[0];
const warmCache = mkdtempSync(join(tmpdir(), 'cg-start-warm-'));
const compileCache = mkdtempSync(join(tmpdir(), 'cg-start-compile-cache-'));
// Node's compile cache came in 22.1: on older versions the image's mode is not measured.
const hasCompileCache = fillCompileCache(compileCache);
const modes = START_MODES.filter((mode) => hasCompileCache || !COMPILE_CACHE_MODES.includes(mode));
try {
  const nodeFloorMs = measureNodeFloor(options.runs);
  for (const service of services) await startOnce(service, 'tsx-warm'); // fills the warm cache
  const samples = new Map<string, StartSample[]>();
  for (let round = 0; round < options.runs; round++) {
    for (const service of services) {
      for (const mode of modes) {
        const key = `${service}/${mode}`;
        samples.set(key, [...(samples.get(key) ?? []), await startOnce(service, mode)]);
      }
    }
    process.stderr.write(`round ${round + 1}/${options.runs} done\n`);
  }
  const report: StartReport = {
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAtStart,
      loadAtEnd: loadavg()[0],
    },
    runs: options.runs,
    nodeFloorMs,
    rows: summarize(samples),
  };
  process.stderr.write(`${formatStartReport(report)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(warmCache, { recursive: true, force: true });
  rmSync(compileCache, { recursive: true, force: true });
  await deletePrefix(redisUrl, prefix);
}

/** One measured start; `tsx-cold` gets an empty TMPDIR (so an empty tsx cache), removed after. */
async function startOnce(service: ServiceName, mode: StartMode): Promise<StartSample> {
  const coldCache = mode === 'tsx-cold' ? mkdtempSync(join(tmpdir(), 'cg-start-cold-')) : undefined;
  try {
    const sample = await measureStart({
      service,
      mode,
      env: COMPILE_CACHE_MODES.includes(mode)
        ? { ...serviceEnv, NODE_COMPILE_CACHE: compileCache }
        : serviceEnv,
      port: await freePort(),
      tmpDir: coldCache ?? warmCache,
    });
    if (sample.exitCode !== 0)
      throw new Error(`${service} (${mode}) exited with ${sample.exitCode}:\n${sample.output}`);
    return sample;
  } finally {
    if (coldCache) rmSync(coldCache, { recursive: true, force: true });
  }
}

/** Fills a compile cache as the image's build does; false when this Node has none. */
function fillCompileCache(dir: string): boolean {
  const fill = spawnSync(process.execPath, ['deploy/docker/fill-compile-cache.mjs', dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  process.stderr.write(fill.stdout + fill.stderr);
  return fill.status === 0;
}

/** Median wall time of `node -e 0` to its exit: what any Node process costs before its first import. */
function measureNodeFloor(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - started);
  }
  return median(times);
}
