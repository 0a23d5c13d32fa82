import { Redis, type RedisOptions } from 'ioredis';
import { coalesceWrites } from './coalesced-writes.js';

/** How a connection is used, which decides how it behaves while Redis is away. */
export type ConnectionRole =
  /** Workers and blocking readers: commands wait for Redis to come back (BullMQ requires this). */
  | 'worker'
  /** Request handlers: commands fail at once while Redis is away, so the API can answer 503 instead of hanging. */
  | 'request';

/**
 * An ioredis connection for BullMQ. Reconnects forever with a capped backoff, so a Redis restart
 * never needs a process restart, and sends the commands of each event-loop turn in one socket
 * write ({@link coalesceWrites}).
 */
export function createRedisConnection(url: string, role: ConnectionRole, name?: string): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
    connectionName: name,
  };
  return coalesceWrites(new Redis(url, options));
}
