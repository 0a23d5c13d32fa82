import { parseRoom, type Room, RoomValidationError, toRoomInput } from '@ceiling-grid/core';
import { requestIdOf, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { isRunId, type RunService } from '@ceiling-grid/queue';
import express, { Router } from 'express';
import type { DashboardMetrics } from '../dashboard-metrics.js';
import { sendPage } from '../page-response.js';
import { type NewRunFormState, newRunPage, RUN_FORM, type SampleRoomInfo } from '../pages/new-run-page.js';
import { noSuchRun } from './run-route.js';
import { sameOriginOnly } from './same-origin-only.js';

/** What the trigger form needs. */
export interface NewRunRouteDeps {
  runs: RunService;
  connection: StoreConnection;
  metrics: DashboardMetrics;
  /** The room the form's "sample" choice runs, and where it came from. */
  sampleRoom: Room;
  samplePath: string;
  title: string;
  maxBodyBytes: number;
}

/**
 * The trigger form: `GET /runs/new` shows it (with `?from=<runId>`, holding that run's room to
 * edit), `POST /runs` starts the run and redirects to it, or shows the form again with every
 * problem of the room named and nothing started.
 */
export function newRunRoute(deps: NewRunRouteDeps): Router {
  const sample = sampleInfo(deps.sampleRoom, deps.samplePath);
  const router = Router();
  const storeForRunRoom = requireStore(deps.connection);
  router.get(
    '/runs/new',
    (req, res, next) => (req.query.from === undefined ? next() : storeForRunRoom(req, res, next)),
    async (req, res) => {
      const from = typeof req.query.from === 'string' ? req.query.from : undefined;
      if (from === undefined) {
        sendPage(res, 200, deps.title, (context) => newRunPage(context, sample));
        return;
      }
      const room = isRunId(from) ? await deps.runs.getRunRoom(from) : undefined;
      if (!room) throw noSuchRun(from);
      const state: NewRunFormState = {
        source: 'room',
        roomText: `${JSON.stringify(toRoomInput(room), null, 2)}\n`,
        loadedFrom: `the room of run ${from}`,
      };
      sendPage(res, 200, deps.title, (context) => newRunPage(context, sample, state));
    },
  );
  router.post(
    '/runs',
    requireStore(deps.connection),
    sameOriginOnly('Runs can only be started from this dashboard.'),
    express.urlencoded({ extended: false, limit: deps.maxBodyBytes, parameterLimit: 10 }),
    async (req, res) => {
      const submitted = readForm(req.body, deps.sampleRoom);
      if ('rejected' in submitted) {
        if (submitted.rejected.issues) deps.metrics.roomsRejected.inc();
        sendPage(res, 400, deps.title, (context) => newRunPage(context, sample, submitted.rejected));
        return;
      }
      const { room, source } = submitted;
      const { runId } = await deps.runs.trigger(room, { source: 'dashboard', requestId: requestIdOf(req) });
      deps.metrics.runsTriggered.inc();
      req.log.info({ runId, roomId: room.roomId, source }, 'run triggered from the dashboard');
      res.redirect(303, `/runs/${runId}`);
    },
  );
  return router;
}

/** The room a submitted form asks for, or the form state to show again with what is wrong. */
function readForm(
  body: Record<string, unknown> | undefined,
  sampleRoom: Room,
): { room: Room; source: 'room' | 'sample' } | { rejected: NewRunFormState } {
  const fields = body ?? {};
  const source = fields[RUN_FORM.source] === 'sample' ? 'sample' : 'room';
  if (source === 'sample') return { room: sampleRoom, source };
  const roomText = typeof fields[RUN_FORM.room] === 'string' ? (fields[RUN_FORM.room] as string) : '';
  if (roomText.trim() === '') {
    return {
      rejected: {
        source,
        roomText,
        error: 'Choose a room file, paste a room JSON, or pick the sample room.',
      },
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(roomText);
  } catch (error) {
    return {
      rejected: { source, roomText, error: `The room is not valid JSON: ${(error as Error).message}` },
    };
  }
  try {
    return { room: parseRoom(input), source };
  } catch (error) {
    if (!(error instanceof RoomValidationError)) throw error;
    return { rejected: { source, roomText, issues: error.issues } };
  }
}

/** The sample room as the New run page describes it. */
export function sampleInfo(room: Room, path: string): SampleRoomInfo {
  return {
    name: room.name ?? room.roomId,
    path,
    size: `${room.cols} × ${room.rows} tiles of ${room.cellSize} ${room.units}`,
    room: toRoomInput(room),
  };
}
