import { parseRoom, type Room } from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, requestIdOf, requireStore } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import type { RunService } from '@ceiling-grid/queue';
import express, { type Request, type RequestHandler, Router } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { idempotencyKeySchema, listRunsQuerySchema, sampleRequestSchema } from '../openapi/api-schemas.js';
import { invalidInput } from '../scheduler-problems.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';
import { runLinks } from './run-links.js';

/** What the runs collection needs. */
export interface RunsRouteDeps {
  runs: RunService;
  /** The request connection: the Redis gate, and the trigger limit's counters. */
  connection: Redis;
  logger: Logger;
  registry: Registry;
  /** The room `{ "sample": true }` runs. */
  sampleRoom: Room;
  maxBodyBytes: number;
  triggerRateLimitPerMinute: number;
  /**
   * Where the trigger limit counts, shared by every replica on the same Redis and prefix.
   * Default `<queue prefix>:rate-limit:`.
   */
  rateLimitKeyPrefix?: string;
}

/**
 * The runs collection: `POST /api/runs` triggers a run (a room, or `{ "sample": true }`),
 * `GET /api/runs` lists recent ones. Thin: validation is the core's, queueing the
 * {@link RunService}'s.
 */
export function runsRoute(deps: RunsRouteDeps): Router {
  const triggered = new Counter({
    name: 'runs_triggered_total',
    help: 'Runs added through the API, by whether a new flow was created.',
    labelNames: ['created'],
    registers: [deps.registry],
  });
  const router = Router();
  router.post(
    '/api/runs',
    // The gate first: while Redis is away the answer is a 503 at once, not a limiter error.
    requireStore(deps.connection),
    triggerLimit(
      deps.triggerRateLimitPerMinute,
      new RedisRateLimitStore(
        deps.connection,
        `${deps.rateLimitKeyPrefix ?? `${deps.runs.queuePrefix}:rate-limit:`}trigger:`,
        (error) =>
          deps.logger.warn({ err: error.message }, 'trigger not counted: rate limit store unavailable'),
      ),
    ),
    requireJson,
    express.json({ limit: deps.maxBodyBytes, strict: false }),
    async (req, res) => {
      const key = req.get('Idempotency-Key');
      if (key !== undefined) {
        const checked = idempotencyKeySchema.safeParse(key);
        if (!checked.success) throw invalidInput('Idempotency-Key', checked.error.issues, 'Idempotency-Key');
      }
      const room = sampleRequestSchema.safeParse(req.body).success ? deps.sampleRoom : parseRoom(req.body);
      const { runId, created } = await deps.runs.trigger(room, {
        source: 'api',
        requestId: requestIdOf(req),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      triggered.inc({ created: String(created) });
      req.log.info(
        { runId, roomId: room.roomId, created },
        created ? 'run triggered' : 'run replayed by key',
      );
      if (!created) res.setHeader('Idempotent-Replayed', 'true');
      res
        .status(202)
        .location(`/api/runs/${runId}`)
        .json({ runId, status: 'queued', created, links: runLinks(runId) });
    },
  );
  router.get('/api/runs', requireStore(deps.connection), async (req, res) => {
    const query = listRunsQuerySchema.safeParse(req.query);
    if (!query.success) throw invalidInput('query', query.error.issues);
    const runs = await deps.runs.listRuns(query.data);
    res.json({ runs: runs.map((run) => ({ ...run, links: runLinks(run.runId) })) });
  });
  return router;
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

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(
    new HttpProblem(
      PROBLEM_TYPES.unsupportedMediaType,
      'body must be application/json (a room, or {"sample": true})',
    ),
  );
};
