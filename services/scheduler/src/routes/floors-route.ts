import {
  type Floor,
  FloorValidationError,
  locateFloorIssues,
  parseFloor,
  renderFloorScheduleCsv,
} from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, requestIdOf, requireStore } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import { type FloorService, isRunId, type RunService } from '@ceiling-grid/queue';
import express, { type Request, type RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { idempotencyKeySchema, listFloorsQuerySchema } from '../openapi/api-schemas.js';
import { invalidInput } from '../scheduler-problems.js';
import { floorLinks } from './floor-links.js';
import { runLinks } from './run-links.js';
import { triggerGate } from './trigger-gate.js';

/** Largest floor body by default: 300 rooms of 100 × 100 tiles are about 3.5 MB of JSON. */
export const DEFAULT_FLOOR_MAX_BODY_BYTES = 8 * 1_048_576;

/** What the floors resource needs. */
export interface FloorsRouteDeps {
  floors: FloorService;
  runs: RunService;
  /** The request connection: the Redis gate, and the trigger limit's counters. */
  connection: Redis;
  logger: Logger;
  registry: Registry;
  /** Largest `POST /api/floors` body (FLOOR_MAX_BODY_BYTES). Default 8 MiB. */
  maxFloorBodyBytes?: number;
  triggerRateLimitPerMinute: number;
  /** Where the trigger limit counts (the runs route's counters: one budget); default `<queue prefix>:rate-limit:`. */
  rateLimitKeyPrefix?: string;
}

/**
 * Floors (RULES §2 "Floors"): `POST /api/floors` queues a floor as one flow, `GET /api/floors`
 * lists recent ones, `GET /api/floors/:id` gives every room's state and the totals, and
 * `GET /api/floors/:id/schedule.csv` every device of every finished room.
 */
export function floorsRoute(deps: FloorsRouteDeps): Router {
  const triggered = new Counter({
    name: 'floors_triggered_total',
    help: 'Floors added through the API, by whether a new flow was created.',
    labelNames: ['created'],
    registers: [deps.registry],
  });
  const router = Router();
  router.post(
    '/api/floors',
    // A floor counts as one trigger, in the budget POST /api/runs uses.
    ...triggerGate(deps),
    requireJson,
    express.json({ limit: deps.maxFloorBodyBytes ?? DEFAULT_FLOOR_MAX_BODY_BYTES, strict: false }),
    triggerFloor(deps.floors, triggered),
  );
  router.get('/api/floors', requireStore(deps.connection), async (req, res) => {
    const query = listFloorsQuerySchema.safeParse(req.query);
    if (!query.success) throw invalidInput('query', query.error.issues);
    const floors = await deps.floors.listFloors(query.data.limit);
    res.json({ floors: floors.map((floor) => ({ ...floor, links: floorLinks(floor.floorRunId) })) });
  });
  router.get('/api/floors/:id', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const floor = isRunId(req.params.id) ? await deps.floors.getFloor(req.params.id) : undefined;
    if (!floor) throw noSuchFloor(req.params.id);
    res.json({
      ...floor,
      rooms: floor.rooms.map((room) => ({ ...room, links: runLinks(room.runId) })),
      links: floorLinks(floor.floorRunId),
    });
  });
  router.get('/api/floors/:id/schedule.csv', requireStore(deps.connection), floorSchedule(deps));
  return router;
}

/** `POST /api/floors`: validate the whole floor, queue it as one flow, answer 202. */
function triggerFloor(floors: FloorService, triggered: Counter): RequestHandler {
  return async (req, res) => {
    const key = req.get('Idempotency-Key');
    if (key !== undefined) {
      const checked = idempotencyKeySchema.safeParse(key);
      if (!checked.success) throw invalidInput('Idempotency-Key', checked.error.issues, 'Idempotency-Key');
    }
    const floor = readFloor(req.body);
    const { floorRunId, created, runIds } = await floors.trigger(floor, {
      source: 'api',
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    });
    triggered.inc({ created: String(created) });
    req.log.info(
      {
        floorRunId,
        floorId: floor.floorId,
        rooms: floor.rooms.length,
        created,
        requestId: requestIdOf(req),
      },
      created ? 'floor triggered' : 'floor replayed by key',
    );
    if (!created) res.setHeader('Idempotent-Replayed', 'true');
    res
      .status(202)
      .location(`/api/floors/${floorRunId}`)
      .json({
        floorRunId,
        floorId: floor.floorId,
        status: 'queued',
        created,
        rooms: runIds.length,
        links: floorLinks(floorRunId),
      });
  };
}

/** `GET /api/floors/:id/schedule.csv`: every device of every completed room. */
function floorSchedule(deps: FloorsRouteDeps): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const floor = isRunId(req.params.id) ? await deps.floors.getFloor(req.params.id) : undefined;
    if (!floor) throw noSuchFloor(req.params.id);
    const completed = floor.rooms.filter((room) => room.status === 'completed');
    const results = await Promise.all(completed.map((room) => deps.runs.getResult(room.runId)));
    const csv = renderFloorScheduleCsv(
      completed.flatMap((room, i) => {
        const result = results[i];
        return result ? [{ roomId: room.roomId, runId: room.runId, result }] : [];
      }),
    );
    res
      .type('text/csv; charset=utf-8; header=present')
      .set('Content-Disposition', `attachment; filename="${safeFileName(floor.floorId)}-schedule.csv"`)
      .send(csv);
  };
}

/**
 * The floor of a body, or a 400 naming every bad room and field (each error also gives the
 * room's `roomId` as submitted, where it is about one room).
 */
function readFloor(body: unknown): Floor {
  try {
    return parseFloor(body);
  } catch (error) {
    if (!(error instanceof FloorValidationError)) throw error;
    const errors = locateFloorIssues(body, error.issues).map(({ roomIndex: _index, ...issue }) => issue);
    const rooms = new Set(errors.flatMap((e) => (e.path.startsWith('rooms[') ? [e.path.split(']')[0]] : [])));
    throw new HttpProblem(
      PROBLEM_TYPES.invalidRequest,
      `invalid floor (${rooms.size} ${rooms.size === 1 ? 'room' : 'rooms'} with problems; nothing was queued): ${error.message}`,
      { errors },
    );
  }
}

/** The 404 of an id that names no stored floor (never was, or expired). */
export function noSuchFloor(id: string): HttpProblem {
  return new HttpProblem(PROBLEM_TYPES.notFound, `no floor ${JSON.stringify(id)}; it may have expired`);
}

/** A floor id (`[A-Za-z0-9._-]`) is already safe in a quoted file name; this keeps it so. */
function safeFileName(floorId: string): string {
  return floorId.replace(/[^A-Za-z0-9._-]/g, '_');
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(
    new HttpProblem(
      PROBLEM_TYPES.unsupportedMediaType,
      'body must be application/json (a floor: {"floorId", "name", "rooms": [room, …]})',
    ),
  );
};
