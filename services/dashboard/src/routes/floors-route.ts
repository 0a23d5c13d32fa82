import {
  type Floor,
  FloorValidationError,
  locateFloorIssues,
  MAX_FLOOR_ROOMS,
  parseFloor,
  renderFloorScheduleCsv,
} from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { type FloorService, isRunId, type RunService } from '@ceiling-grid/queue';
import express, { type Request, Router } from 'express';
import { sendPage } from '../page-response.js';
import { floorPage } from '../pages/floor-page.js';
import { floorsListPage } from '../pages/floors-list-page.js';
import { FLOOR_FORM, type NewFloorFormState, newFloorPage } from '../pages/new-floor-page.js';
import { sameOriginOnly } from './same-origin-only.js';

/** What the floor pages need. */
export interface FloorsRouteDeps {
  floors: FloorService;
  runs: RunService;
  connection: StoreConnection;
  title: string;
  /** Largest floor JSON accepted (FLOOR_MAX_BODY_BYTES). */
  maxFloorBodyBytes: number;
}

/**
 * The floor pages: `/floors` (the list), `/floors/new` (upload form; `POST /floors` starts the
 * floor and redirects to it, or shows the form again with every problem by room and field),
 * `/floors/:id` (progress, totals, rooms) and its schedule as CSV.
 */
export function floorsRoute(deps: FloorsRouteDeps): Router {
  const limits = { maxRooms: MAX_FLOOR_ROOMS, maxBytes: deps.maxFloorBodyBytes };
  const router = Router();
  router.get('/floors', requireStore(deps.connection), async (_req, res) => {
    const floors = await deps.floors.listFloors(50);
    sendPage(res, 200, deps.title, (context) => floorsListPage(context, floors));
  });
  router.get('/floors/new', (_req, res) => {
    sendPage(res, 200, deps.title, (context) => newFloorPage(context, limits));
  });
  router.post(
    '/floors',
    requireStore(deps.connection),
    sameOriginOnly('Runs can only be started from this dashboard.'),
    // Urlencoded JSON is up to 3 times its size (`"` is `%22`); the JSON itself is checked below.
    express.urlencoded({ extended: false, limit: deps.maxFloorBodyBytes * 3, parameterLimit: 10 }),
    async (req, res) => {
      const submitted = readForm(req.body, deps.maxFloorBodyBytes);
      if ('rejected' in submitted) {
        const status = submitted.status ?? 400;
        sendPage(res, status, deps.title, (context) => newFloorPage(context, limits, submitted.rejected));
        return;
      }
      const { floorRunId } = await deps.floors.trigger(submitted.floor, { source: 'dashboard' });
      req.log.info(
        { floorRunId, floorId: submitted.floor.floorId, rooms: submitted.floor.rooms.length },
        'floor triggered from the dashboard',
      );
      res.redirect(303, `/floors/${floorRunId}`);
    },
  );
  router.get('/floors/:id', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const floor = isRunId(req.params.id) ? await deps.floors.getFloor(req.params.id) : undefined;
    if (!floor) throw noSuchFloor(req.params.id);
    sendPage(res, 200, deps.title, (context) => floorPage(context, floor));
  });
  router.get(
    '/floors/:id/schedule.csv',
    requireStore(deps.connection),
    async (req: Request<{ id: string }>, res) => {
      const floor = isRunId(req.params.id) ? await deps.floors.getFloor(req.params.id) : undefined;
      if (!floor) throw noSuchFloor(req.params.id);
      const completed = floor.rooms.filter((room) => room.status === 'completed');
      const results = await Promise.all(completed.map((room) => deps.runs.getResult(room.runId)));
      const rooms = completed.flatMap((room, i) => {
        const result = results[i];
        return result ? [{ roomId: room.roomId, runId: room.runId, result }] : [];
      });
      res
        .type('text/csv; charset=utf-8; header=present')
        .set('Content-Disposition', `attachment; filename="${floor.floorId}-schedule.csv"`)
        .send(renderFloorScheduleCsv(rooms));
    },
  );
  return router;
}

/** The 404 of an id that names no stored floor. */
export function noSuchFloor(id: string): HttpProblem {
  return new HttpProblem(PROBLEM_TYPES.notFound, `There is no floor ${id}; it may have expired.`);
}

/** The floor a submitted form asks for, or the form state to show again with what is wrong. */
function readForm(
  body: Record<string, unknown> | undefined,
  maxBytes: number,
): { floor: Floor } | { rejected: NewFloorFormState; status?: number } {
  const value = body?.[FLOOR_FORM.floor];
  const floorText = typeof value === 'string' ? value : '';
  if (floorText.trim() === '')
    return { rejected: { floorText, error: 'Choose a floor file or paste a floor JSON.' } };
  if (Buffer.byteLength(floorText) > maxBytes)
    return {
      status: 413,
      rejected: {
        floorText: '',
        error: `The floor is ${Buffer.byteLength(floorText).toLocaleString('en')} bytes; at most ${maxBytes.toLocaleString('en')} are accepted (FLOOR_MAX_BODY_BYTES).`,
      },
    };
  let input: unknown;
  try {
    input = JSON.parse(floorText);
  } catch (error) {
    return { rejected: { floorText, error: `The floor is not valid JSON: ${(error as Error).message}` } };
  }
  try {
    return { floor: parseFloor(input) };
  } catch (error) {
    if (!(error instanceof FloorValidationError)) throw error;
    return { rejected: { floorText, issues: locateFloorIssues(input, error.issues) } };
  }
}
