/**
 * `npm run bench -- --floor`: a seeded floor of 200 rooms of mixed sizes and types through the
 * API with 1 and with 2 light-worker processes, and the same rooms through the in-process CLI
 * split over 2 processes, in one run (issue 16 item 6; docs/BENCHMARKS.md "Floors").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFloor, floorTiles } from './floor/bench-floor-rooms.js';
import { measureFloorApi } from './floor/floor-api-phase.js';
import { measureFloorCli } from './floor/floor-cli-phase.js';
import type { FloorPhaseFigures } from './floor/floor-figures.js';
import { formatFloorReport } from './floor/floor-report.js';
import { machineInfo } from './harness/machine.js';
import { optionsOrExit, parseOptions } from './harness/options.js';
import { openBenchRedis } from './harness/redis.js';
import { emitReport, progress } from './harness/report.js';

const concurrencyList = (value: string) => value.split(',').filter(Boolean).map(Number);

/** The command line of `npm run bench -- --floor`, declared once (harness/options.ts parses it). */
const FLOOR_OPTIONS = {
  floor: { type: 'boolean', help: 'this bench (the floor of issue 16)' },
  rooms: { type: 'integer', default: 200, quick: 20, min: 2, max: 500, help: 'rooms on the floor' },
  seed: { type: 'integer', default: 1, min: 0, help: 'seed of the floor (same seed, same rooms)' },
  warmup: { type: 'integer', default: 20, quick: 4, min: 0, help: 'rooms of an unmeasured floor first' },
  census: {
    type: 'integer',
    default: 10,
    quick: 3,
    min: 0,
    help: 'rooms of a floor under MONITOR (0 skips)',
  },
  'cli-processes': {
    type: 'integer',
    default: 2,
    min: 1,
    max: 16,
    help: 'CLI processes the rooms are split over',
  },
  'light-concurrency': { type: 'integer', default: 2, min: 1, max: 64, help: 'jobs per light-worker' },
  'placement-concurrency': {
    type: 'integer',
    default: 2,
    min: 1,
    max: 64,
    help: 'jobs per placement-worker',
  },
  concurrencies: {
    type: 'string',
    valueName: 'LIST',
    check: (value: string) =>
      concurrencyList(value).every((n) => Number.isInteger(n) && n >= 1 && n <= 64)
        ? undefined
        : `--concurrencies needs integers from 1 to 64, comma-separated (got ${JSON.stringify(value)})`,
    help: 'also run the 2-worker floor at each of these concurrencies (light and placement)',
  },
  'timeout-seconds': { type: 'integer', default: 1200, min: 10, help: 'longest one floor may take' },
  'redis-url': { type: 'string', valueName: 'URL', help: 'a Redis to use (default: a private redis-server)' },
  quick: { type: 'boolean', help: 'a smoke run: small floors' },
  json: { type: 'boolean', help: 'every figure as one JSON object on stdout; the table on stderr' },
} as const;

const options = optionsOrExit((argv) => parseOptions('npm run bench -- --floor', FLOOR_OPTIONS, argv));
const say = progress('floor');
const floor = benchFloor(options.rooms, options.seed);
// Warm-up and census floors come from other seeds: rooms no phase has seen computed.
const warmup =
  options.warmup > 0 ? benchFloor(options.warmup, options.seed + 1000, 'bench-warmup') : undefined;
const census =
  options.census > 0 ? benchFloor(options.census, options.seed + 2000, 'bench-census') : undefined;
const redis = await openBenchRedis(options['redis-url'], { appendOnly: false });
const machine = await machineInfo(redis.url);
const logDir = mkdtempSync(join(tmpdir(), 'ceiling-grid-floor-bench-'));
say(
  `floor of ${floor.rooms.length} rooms, ${floorTiles(floor)} tiles; redis ${redis.private ? 'private' : redis.url}`,
);
process.once('SIGINT', () => {
  say('interrupted');
  void redis.close().then(() => process.exit(130));
});

const api = (name: string, lightWorkers: number, light: number, placement: number, withCensus: boolean) =>
  measureFloorApi({
    name,
    redisUrl: redis.url,
    redisPid: redis.private?.pid ?? machine.redisPid,
    logDir,
    lightWorkers,
    lightConcurrency: light,
    placementConcurrency: placement,
    floor,
    warmup,
    census: withCensus ? census : undefined,
    timeoutMs: options['timeout-seconds'] * 1000,
    say,
  });

const phases: FloorPhaseFigures[] = [];
try {
  const light = options['light-concurrency'];
  const placement = options['placement-concurrency'];
  phases.push(await api('api-1-worker', 1, light, placement, false));
  phases.push(await api('api-2-workers', 2, light, placement, true));
  phases.push(
    await measureFloorCli({ name: 'cli', floor, processes: options['cli-processes'], logDir, say }),
  );
  for (const c of concurrencyList(options.concurrencies ?? ''))
    phases.push(await api(`api-2-workers-c${c}`, 2, c, c, false));
} finally {
  await redis.close();
}

const byName = (name: string) => phases.find((phase) => phase.name === name);
const ratio = (byName('api-2-workers')?.wallMs ?? Number.NaN) / (byName('cli')?.wallMs ?? Number.NaN);
const figures = {
  machine: { ...machine, loadAtEnd: loadavg()[0] },
  settings: {
    rooms: floor.rooms.length,
    tiles: floorTiles(floor),
    seed: options.seed,
    warmupRooms: warmup?.rooms.length ?? 0,
    censusRooms: census?.rooms.length ?? 0,
    redis: redis.private ? 'private redis-server, no persistence' : redis.url,
  },
  phases,
  goals: [
    {
      name: 'floor through the API (2 light workers) ÷ in-process CLI (2 processes), wall time',
      value: +ratio.toFixed(3),
      target: '≤ 1.3',
      met: ratio <= 1.3,
    },
    ...phases.map((phase) => ({
      name: `${phase.name}: every room finished, none lost`,
      value: `${phase.completed + phase.failed}/${phase.rooms}, lost ${phase.lost}`,
      target: `${phase.rooms}/${phase.rooms}, lost 0`,
      met: phase.completed + phase.failed === phase.rooms && phase.lost === 0 && !phase.finishedTwice,
    })),
  ],
};
emitReport(options.json, figures, `\n${formatFloorReport(figures)}`);
rmSync(logDir, { recursive: true, force: true });
process.exit(figures.goals.slice(1).every((goal) => goal.met) ? 0 : 1);
