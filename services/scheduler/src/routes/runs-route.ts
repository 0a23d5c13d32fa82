import { parseRoom, type Room } from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, requestIdOf, requireStore } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import type { RunService } from '@ceiling-grid/queue';
import express, { type RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { idempotencyKeySchema, listRunsQuerySchema, sampleRequestSchema } from '../openapi/api-schemas.js';
import { invalidInput } from '../scheduler-problems.js';
import { runLinks } from './run-links.js';
import { triggerGate } from './trigger-gate.js';

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
    ...triggerGate(deps),
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

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(
    new HttpProblem(
      PROBLEM_TYPES.unsupportedMediaType,
      'body must be application/json (a room, or {"sample": true})',
    ),
  );
};
