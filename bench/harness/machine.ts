import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';

/** The machine a benchmark ran on: figures mean little without it. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly redis: string;
  /** Redis's pid when it runs on this machine (to read its CPU time), else `undefined`. */
  readonly redisPid: number | undefined;
  /** 1-minute load average when the benchmark started. */
  readonly loadAtStart: number;
}

/** Reads the CPU count and model, Node's version, and the Redis server's version and pid. */
export async function machineInfo(redisUrl: string): Promise<MachineInfo> {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const server = await redis.info('server');
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(server)?.[1]?.trim();
    const host = new URL(redisUrl).hostname;
    const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
    return {
      cpus: availableParallelism(),
      cpuModel,
      node: process.version,
      redis: field('redis_version') ?? 'unknown',
      redisPid: local ? Number(field('process_id')) || undefined : undefined,
      loadAtStart: loadavg()[0],
    };
  } finally {
    redis.disconnect();
  }
}
