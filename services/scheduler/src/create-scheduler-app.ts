import { parseRoom, type Room, RoomValidationError, renderPlanSvg, roomFromResult } from '@ceiling-grid/core';
import type { Logger } from '@ceiling-grid/observability';
import {
  constantTimeEqual,
  IdempotencyConflictError,
  isRunId,
  type RunService,
  redisHealth,
} from '@ceiling-grid/queue';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import {
  buildOpenApiDocument,
  idempotencyKeySchema,
  listRunsQuerySchema,
  sampleRequestSchema,
} from './api-schemas.js';

/** What the scheduler API needs. */
export interface SchedulerAppDeps {
  runs: RunService;
  /** The request connection (fails fast while Redis is away). */
  connection: Redis;
  logger: Logger;
  registry: Registry;
  /** The room `{ "sample": true }` runs. */
  sampleRoom: Room;
  /** Bearer token; `undefined` turns the check off (local development). */
  apiToken: string | undefined;
  maxBodyBytes: number;
  triggerRateLimitPerMinute: number;
}

/**
 * The scheduler's REST API (Express): trigger runs, read runs and their plans, OpenAPI,
 * health and metrics. Thin: validation is the core's, queueing is {@link RunService}'s.
 */
export function createSchedulerApp(deps: SchedulerAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  const triggered = new Counter({
    name: 'runs_triggered_total',
    help: 'Runs added through the API, by whether a new flow was created.',
    labelNames: ['created'],
    registers: [deps.registry],
  });

  app.get('/healthz', async (_req, res) => {
    const health = await redisHealth(deps.connection);
    res.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'unavailable', ...health });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const openApi = buildOpenApiDocument();

  app.use('/api', bearerAuth(deps.apiToken));
  app.use('/api', requireRedis(deps.connection));

  const triggerLimit = rateLimit({
    windowMs: 60_000,
    limit: deps.triggerRateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json({ error: `too many runs triggered; try again in ${seconds} s` });
    },
  });

  app.post(
    '/api/runs',
    triggerLimit,
    requireJson,
    express.json({ limit: deps.maxBodyBytes, strict: false }),
    async (req, res) => {
      const key = req.get('Idempotency-Key');
      if (key !== undefined && !idempotencyKeySchema.safeParse(key).success) {
        res.status(400).json({
          error: 'invalid Idempotency-Key',
          issues: [{ path: 'Idempotency-Key', message: 'must be 1–200 characters' }],
        });
        return;
      }
      const room = sampleRequestSchema.safeParse(req.body).success ? deps.sampleRoom : parseRoom(req.body);
      const { runId, created } = await deps.runs.trigger(room, {
        source: 'api',
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      triggered.inc({ created: String(created) });
      deps.logger.info(
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

  app.get('/api/runs', async (req, res) => {
    const query = listRunsQuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({
        error: 'invalid query',
        issues: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const runs = await deps.runs.listRuns(query.data);
    res.json({ runs: runs.map((run) => ({ ...run, links: runLinks(run.runId) })) });
  });

  app.get('/api/runs/:id', async (req, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) {
      res.status(404).json({ error: `no run ${JSON.stringify(req.params.id)}` });
      return;
    }
    res.json({ ...run, links: runLinks(run.runId) });
  });

  app.get('/api/runs/:id/plan.svg', async (req, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) {
      res.status(404).json({ error: `no run ${JSON.stringify(req.params.id)}` });
      return;
    }
    if (!run.result) {
      res.status(409).json({ error: `run ${run.runId} is ${run.status}; its plan exists once it completes` });
      return;
    }
    const svg = renderPlanSvg(roomFromResult(run.result), {
      placements: run.result.placements,
      detectorCoverage: req.query.coverage === 'true' || req.query.coverage === '1',
    });
    res.type('image/svg+xml').send(svg);
  });

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such endpoint; see /api/openapi.json' });
  });
  app.use(errorHandler(deps.logger));
  return app;
}

function runLinks(runId: string) {
  return {
    self: `/api/runs/${runId}`,
    plan: `/api/runs/${runId}/plan.svg`,
    result: `/api/runs/${runId}#result`,
  };
}

/** Bearer token check, constant time; off when no token is configured (local development only). */
function bearerAuth(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token === undefined) return next();
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (presented && constantTimeEqual(presented, token)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="ceiling-grid"');
    res.status(401).json({ error: 'missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)' });
  };
}

/** Answers 503 at once while Redis is away, instead of letting a request hang. */
function requireRedis(connection: Redis): RequestHandler {
  return (_req, res, next) => {
    if (connection.status === 'ready') return next();
    res.setHeader('Retry-After', '5');
    res.status(503).json({ error: `queue store unavailable (redis ${connection.status}); retry shortly` });
  };
}

const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  res.status(415).json({ error: 'body must be application/json (a room, or {"sample": true})' });
};

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof RoomValidationError) {
      res.status(400).json({ error: `invalid room: ${error.message}`, issues: error.issues });
      return;
    }
    if (error instanceof IdempotencyConflictError) {
      res.status(409).json({ error: error.message });
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json({ error: `body larger than ${(error as { limit?: number }).limit} bytes` });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({ error: `body is not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(415).json({ error: (error as Error).message });
      return;
    }
    if (isRedisUnavailable(error)) {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: 'queue store unavailable; retry shortly' });
      return;
    }
    if (isRedisFull(error)) {
      // Short on purpose: the error object carries every queued command (scripts, job data).
      logger.warn('queue store full (Redis maxmemory with noeviction): run refused');
      res.setHeader('Retry-After', '30');
      res.status(503).json({ error: 'queue store full (Redis maxmemory reached); retry later' });
      return;
    }
    logger.error({ err: error }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}

/**
 * Redis at `maxmemory` under `noeviction` refuses writes with OOM; inside the trigger's
 * MULTI that surfaces as EXECABORT with the OOM among the previous errors.
 */
function isRedisFull(error: unknown): boolean {
  const messages = [
    error instanceof Error ? error.message : '',
    ...((error as { previousErrors?: { message?: string }[] }).previousErrors ?? []).map(
      (e) => e.message ?? '',
    ),
  ];
  return messages.some((message) => /^OOM /.test(message));
}

function isRedisUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /enableOfflineQueue|Connection is closed|ECONNREFUSED|max retries per request|Stream isn't writeable/i.test(
    message,
  );
}
