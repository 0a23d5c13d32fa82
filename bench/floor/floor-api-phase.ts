import { createRedisConnection, FloorService } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { randomPrefix } from '../../support/processes.js';
import { deletePrefix } from '../../support/redis-keys.js';
import {
  type BenchProcess,
  cpuSnapshot,
  cpuSpent,
  logTails,
  serviceSpec,
  startProcesses,
  stopAll,
} from '../harness/processes.js';
import { usedMemory } from '../harness/redis.js';
import { mb } from '../harness/report.js';
import { percentiles } from '../harness/stats.js';
import { type RedisCensus, redisCensus } from '../redis-census.js';
import type { BenchFloorInput } from './bench-floor-rooms.js';
import { type FloorPhaseFigures, utilisation } from './floor-figures.js';
import { FloorTrigger, type TriggeredFloor } from './floor-trigger.js';
import { commandDelta, commandStats } from './redis-command-stats.js';

const API_TOKEN = 'floor-bench-token-0123456789abcdef';

/** Options of {@link measureFloorApi}. */
export interface FloorApiPhaseOptions {
  readonly name: string;
  readonly redisUrl: string;
  /** The Redis server's pid, to count its CPU; `undefined` when it runs elsewhere. */
  readonly redisPid: number | undefined;
  readonly logDir: string;
  readonly lightWorkers: number;
  readonly lightConcurrency: number;
  readonly placementConcurrency: number;
  readonly floor: BenchFloorInput;
  /** An unmeasured floor first, so the workers are warm as long-lived ones are. */
  readonly warmup: BenchFloorInput | undefined;
  /** A floor run under MONITOR afterwards, to count round trips per room exactly. */
  readonly census: BenchFloorInput | undefined;
  readonly timeoutMs: number;
  readonly say: (message: string) => void;
}

/**
 * Runs the floor through the real services as separate processes on a fresh queue prefix:
 * `lightWorkers` light-worker processes, one placement-worker and the scheduler, production
 * settings. Measures the floor's wall time (trigger to the floor's parent job completed), CPU
 * per process, Redis memory and commands, and checks every room finished exactly once.
 */
export async function measureFloorApi(options: FloorApiPhaseOptions): Promise<FloorPhaseFigures> {
  const prefix = randomPrefix('floor');
  const env = {
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    LIGHT_WORKER_CONCURRENCY: String(options.lightConcurrency),
    PLACEMENT_WORKER_CONCURRENCY: String(options.placementConcurrency),
    // Production refuses an open API: the bench sends a token, as a client would.
    API_AUTH_DISABLED: 'false',
    API_TOKEN,
    DAILY_ENABLED: 'false',
    TRIGGER_RATE_LIMIT_PER_MINUTE: '1000000',
    // A 200-room floor is about 0.5 MB of JSON; the production default is 1 MB.
    MAX_BODY_BYTES: String(16 * 1_048_576),
  };
  const specs = [
    ...Array.from({ length: options.lightWorkers }, (_, i) =>
      serviceSpec('light-worker', `light-worker-${i + 1}`),
    ),
    serviceSpec('placement-worker'),
    serviceSpec('scheduler'),
  ];
  options.say(
    `${options.name}: starting ${options.lightWorkers} light workers, a placement worker and the scheduler`,
  );
  const processes = await startProcesses(specs, { env, logDir: options.logDir });
  const connection = createRedisConnection(options.redisUrl, 'worker', 'bench:floor');
  const eventsConnection = createRedisConnection(options.redisUrl, 'worker', 'bench:floor:events');
  const service = new FloorService({ connection, prefix });
  const scheduler = processes.find((p) => p.label === 'scheduler')!;
  const trigger = new FloorTrigger(scheduler.baseUrl, API_TOKEN, eventsConnection, prefix, service);
  try {
    await trigger.ready();
    return await measureRunning(options, processes, trigger, connection, prefix);
  } catch (error) {
    options.say(logTails(processes));
    throw error;
  } finally {
    await stopAll(processes);
    await trigger.close();
    await service.close();
    await Promise.all([connection.quit(), eventsConnection.quit()]);
    await deletePrefix(options.redisUrl, prefix);
  }
}

async function measureRunning(
  options: FloorApiPhaseOptions,
  processes: readonly BenchProcess[],
  trigger: FloorTrigger,
  redis: Redis,
  prefix: string,
): Promise<FloorPhaseFigures> {
  if (options.warmup) {
    options.say(`${options.name}: warm-up floor of ${options.warmup.rooms.length} rooms`);
    await trigger.wait((await trigger.trigger(options.warmup)).floorRunId, options.timeoutMs);
  }
  const sampled = [
    ...processes.map((p) => ({ label: p.label, pid: p.pid })),
    { label: 'bench', pid: process.pid },
    ...(options.redisPid ? [{ label: 'redis-server', pid: options.redisPid }] : []),
  ];
  const rooms = options.floor.rooms.length;
  options.say(`${options.name}: the floor of ${rooms} rooms`);
  const memoryBefore = await usedMemory(redis);
  const statsBefore = await commandStats(redis);
  let memoryPeak = memoryBefore;
  const sampler = setInterval(() => {
    usedMemory(redis).then(
      (bytes) => {
        memoryPeak = Math.max(memoryPeak, bytes);
      },
      () => undefined,
    );
  }, 250);
  trigger.resetRuns();
  const t0 = cpuSnapshot(sampled);
  const startedAt = Date.now();
  let triggered: TriggeredFloor;
  try {
    triggered = await trigger.trigger(options.floor);
    await trigger.wait(triggered.floorRunId, options.timeoutMs);
  } finally {
    clearInterval(sampler);
  }
  const t1 = cpuSnapshot(sampled);
  const wallMs = t1.at - t0.at;
  const statsAfter = await commandStats(redis);
  const memoryAfter = await usedMemory(redis);
  const view = await trigger.view(triggered);
  const completions = [...trigger.runCompletions().values()];
  const census = options.census ? await censusFloor(options, trigger, prefix) : undefined;
  const cpu = cpuSpent(t0, t1);
  const finishTimes = completions.map((times) => times[0] - startedAt);
  return {
    name: options.name,
    path: triggered.via,
    processes: processes.filter((p) => p.label !== 'scheduler').length,
    lightWorkers: options.lightWorkers,
    concurrency: { light: options.lightConcurrency, placement: options.placementConcurrency },
    rooms,
    completed: view?.progress.completed ?? 0,
    failed: view?.progress.failed ?? 0,
    lost: rooms - (view?.progress.finished ?? 0),
    finishedTwice: completions.filter((times) => times.length > 1).length,
    wallMs: Math.round(wallMs),
    roomsPerSecond: +(rooms / (wallMs / 1000)).toFixed(2),
    roomFinishedMs: {
      first: finishTimes.length > 0 ? Math.min(...finishTimes) : null,
      ...percentiles(finishTimes),
    },
    cpuMsPerRoom: roundAll(cpuSpent(t0, t1, rooms)),
    utilisation: utilisation(cpu, wallMs),
    redis: {
      usedMemoryMb: { before: mb(memoryBefore), peak: mb(memoryPeak), after: mb(memoryAfter) },
      commandsPerRoom: commandDelta(statsBefore, statsAfter, rooms),
      ...(census ? { census: censusFigures(census) } : {}),
    },
  };
}

/** A small floor under MONITOR: Redis round trips and commands per room, exactly. */
async function censusFloor(options: FloorApiPhaseOptions, trigger: FloorTrigger, prefix: string) {
  const floor = options.census!;
  options.say(`${options.name}: ${floor.rooms.length} rooms under MONITOR`);
  return redisCensus(options.redisUrl, prefix, async () => {
    await trigger.wait((await trigger.trigger(floor)).floorRunId, options.timeoutMs);
    return floor.rooms.length;
  });
}

function censusFigures(census: RedisCensus) {
  return {
    rooms: census.runs,
    roundTripsPerRoom: +census.roundTripsPerRun.toFixed(1),
    scriptCommandsPerRoom: +census.scriptCommandsPerRun.toFixed(1),
    argumentKbPerRoom: +(census.argumentBytesPerRun / 1024).toFixed(1),
    byCommand: Object.fromEntries(
      census.byCommand.slice(0, 10).map((c) => [c.command, +c.perRun.toFixed(1)]),
    ),
  };
}

function roundAll(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [label, value] of Object.entries(values)) {
    out[label] = Math.round(value * 10) / 10;
    total += value;
  }
  out.total = Math.round(total * 10) / 10;
  return out;
}
