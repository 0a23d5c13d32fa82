import type { Redis } from 'ioredis';
import {
  type PrivateRedis,
  type PrivateRedisOptions,
  startPrivateRedis,
} from '../../support/private-redis.js';
import { deletePrefix, keysUnder } from '../../support/redis-keys.js';

export { keysUnder };

/** The Redis a bench runs against: one it was given, or a private one it started. */
export interface BenchRedis {
  readonly url: string;
  /** The private server, when the bench started one. */
  readonly private: PrivateRedis | undefined;
  /** Deletes `prefix`'s keys from a shared Redis (a private one goes whole), then stops a private one. */
  close(prefix?: string): Promise<void>;
}

/**
 * `url` when given; else a private redis-server on a free loopback port with `privateOptions`
 * (the machine's redis-server: a missing one fails with how to install it).
 */
export async function openBenchRedis(
  url: string | undefined,
  privateOptions: PrivateRedisOptions,
): Promise<BenchRedis> {
  if (url) {
    return {
      url,
      private: undefined,
      close: async (prefix) => {
        if (prefix) await deletePrefix(url, prefix);
      },
    };
  }
  const server = await startPrivateRedis(privateOptions);
  return { url: server.url, private: server, close: () => server.close() };
}

/** `used_memory` of the server, bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(info.match(/used_memory:(\d+)/)?.[1] ?? 0);
}

/** The `count` biggest keys under `prefix` (without it), in kB. */
export async function largestKeys(redis: Redis, prefix: string, count = 4): Promise<Record<string, number>> {
  const sizes: [string, number][] = [];
  for (const key of await keysUnder(redis, prefix)) {
    const bytes = (await redis.memory('USAGE', key, 'SAMPLES', 0)) as number | null;
    sizes.push([key.slice(prefix.length + 1), bytes ?? 0]);
  }
  sizes.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(sizes.slice(0, count).map(([key, bytes]) => [key, +(bytes / 1024).toFixed(1)]));
}
