import type { Redis } from 'ioredis';

/** Whether Redis answers on this connection, for `/healthz`. */
export async function redisHealth(connection: Redis): Promise<{ ok: boolean; redis: string }> {
  if (connection.status !== 'ready') return { ok: false, redis: connection.status };
  try {
    await Promise.race([
      connection.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
    ]);
    return { ok: true, redis: 'ready' };
  } catch {
    return { ok: false, redis: 'not answering' };
  }
}
