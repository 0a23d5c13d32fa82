import { HttpProblem, PROBLEM_TYPES, requireStore } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import type { RunService } from '@ceiling-grid/queue';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

/** What the trigger gate needs: the runs route's and the floors route's common part. */
export interface TriggerGateDeps {
  runs: Pick<RunService, 'queuePrefix'>;
  /** The request connection: the Redis gate, and the trigger limit's counters. */
  connection: Redis;
  logger: Logger;
  triggerRateLimitPerMinute: number;
  /** Where the trigger limit counts; default `<queue prefix>:rate-limit:`. */
  rateLimitKeyPrefix?: string;
}

/**
 * What every trigger (`POST /api/runs`, `POST /api/floors`) passes first: the Redis gate, so
 * that while Redis is away the answer is a 503 at once rather than a limiter error; then one
 * per-client trigger budget counted in Redis, shared by runs, floors and every replica.
 */
export function triggerGate(deps: TriggerGateDeps): RequestHandler[] {
  const store = new RedisRateLimitStore(
    deps.connection,
    `${deps.rateLimitKeyPrefix ?? `${deps.runs.queuePrefix}:rate-limit:`}trigger:`,
    (error) => deps.logger.warn({ err: error.message }, 'trigger not counted: rate limit store unavailable'),
  );
  return [requireStore(deps.connection), triggerLimit(deps.triggerRateLimitPerMinute, store)];
}

/**
 * Triggers per client (`req.ip`, see `TRUST_PROXY`) per minute, counted in Redis so that
 * replicas share one budget; past it a 429 problem with `Retry-After`. A trigger Redis cannot
 * count (full, or gone since the gate) goes through uncounted and logged: the route behind
 * fails it for the same cause, with the right problem (507, 503).
 */
export function triggerLimit(perMinute: number, store: Store): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store,
    // TRUST_PROXY is deliberate configuration, documented; a forwarded header it does not
    // trust is ignored by design, not a misconfiguration to print on the console.
    validate: { trustProxy: false, xForwardedForHeader: false },
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(
        new HttpProblem(PROBLEM_TYPES.tooManyRequests, `too many runs triggered; try again in ${seconds} s`, {
          retryAfterSeconds: seconds,
        }),
      );
    },
  });
}
