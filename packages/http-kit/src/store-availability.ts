import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';
import { PROBLEM_TYPES } from './problem-types.js';

/** What the kit needs of a Redis connection (ioredis's `status`: `ready`, `connecting`, `end`, …). */
export interface StoreConnection {
  readonly status: string;
}

/** How long a client should wait before trying again while Redis is away, seconds. */
export const STORE_UNAVAILABLE_RETRY_SECONDS = 5;
/** …and while Redis is full: freeing memory takes an operator, or finished runs expiring. */
export const STORE_FULL_RETRY_SECONDS = 30;

/** The 503 of a request that needs Redis while it is away. */
export function storeUnavailable(status: string): HttpProblem {
  return new HttpProblem(
    PROBLEM_TYPES.storeUnavailable,
    `queue store unavailable (redis ${status}); retry shortly`,
    { retryAfterSeconds: STORE_UNAVAILABLE_RETRY_SECONDS },
  );
}

/**
 * Answers 503 at once while Redis is away, instead of letting the request wait on a connection
 * that fails fast anyway (or, for libraries that queue commands, hangs). Put it on every route
 * that reads or writes runs.
 */
export function requireStore(connection: StoreConnection): RequestHandler {
  return (_req, _res, next) => {
    if (connection.status === 'ready') return next();
    next(storeUnavailable(connection.status));
  };
}

/**
 * The problem a Redis error means, if it means one: the connection went away mid-request
 * (503, retry shortly), or Redis is at `maxmemory` under `noeviction` and refuses writes
 * (503, retry later). Inside a MULTI the OOM arrives as EXECABORT with the OOM among the
 * previous errors.
 */
export function storeProblem(error: unknown): HttpProblem | undefined {
  const message = error instanceof Error ? error.message : '';
  if (
    /enableOfflineQueue|Connection is closed|ECONNREFUSED|max retries per request|Stream isn't writeable/i.test(
      message,
    )
  ) {
    return new HttpProblem(PROBLEM_TYPES.storeUnavailable, 'queue store unavailable; retry shortly', {
      retryAfterSeconds: STORE_UNAVAILABLE_RETRY_SECONDS,
    });
  }
  const previous = (error as { previousErrors?: { message?: string }[] } | null)?.previousErrors ?? [];
  if ([message, ...previous.map((e) => e.message ?? '')].some((m) => /^OOM /.test(m))) {
    return new HttpProblem(
      PROBLEM_TYPES.storeFull,
      'queue store full (Redis maxmemory reached); nothing was enqueued, retry later',
      { retryAfterSeconds: STORE_FULL_RETRY_SECONDS },
    );
  }
  return undefined;
}
