import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';

/**
 * One hit: INCR the client's counter, and on the window's first hit PEXPIRE it to the window,
 * in one script so that no counter is ever left without an expiry. Returns the hits and the
 * milliseconds left in the window.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
`;

/** Takes back one hit without creating a counter or dropping its expiry. */
const DECREMENT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
return 0
`;

/**
 * An `express-rate-limit` store in Redis, so every replica of the API counts against one
 * budget per client: a fixed window per client, one key `<prefix><client>` that expires
 * with its window. Keys carry the queue prefix, hash tag included, so they live beside the
 * queues (and in their Redis Cluster slot).
 */
export class RedisRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  /**
   * @param connection the request connection (fails fast while Redis is away)
   * @param prefix key prefix, e.g. `{ceiling-grid}:rate-limit:trigger:`
   * @param onError told when a hit could not be counted (Redis away or full): the request is
   *   then let through uncounted, since the route behind answers 503 or 507 for the same cause
   */
  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [hits, ttl] = await Promise.all([
      this.connection.get(this.prefix + key),
      this.connection.pttl(this.prefix + key),
    ]);
    if (hits === null) return undefined;
    return { totalHits: Number(hits), resetTime: new Date(Date.now() + Math.max(0, ttl)) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const [hits, ttl] = (await this.connection.eval(
        INCREMENT_SCRIPT,
        1,
        this.prefix + key,
        this.windowMs,
      )) as [number, number];
      return { totalHits: hits, resetTime: new Date(Date.now() + ttl) };
    } catch (error) {
      this.onError(error as Error);
      return { totalHits: 0, resetTime: new Date(Date.now() + this.windowMs) };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.connection.eval(DECREMENT_SCRIPT, 1, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.connection.del(this.prefix + key);
  }
}
