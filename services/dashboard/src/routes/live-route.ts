import { requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { type FloorService, isRunId, type RunService } from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import type { LiveEvents } from '../live-events.js';
import { streamLive } from '../live-stream.js';
import { floorLiveRegions } from '../pages/floor-page.js';
import { LIVE_SCRIPT } from '../pages/live-script.js';
import { LIVE_SCRIPT_PATH } from '../pages/page-layout.js';
import { runLiveRegion } from '../pages/run-page.js';
import { noSuchFloor } from './floors-route.js';
import { noSuchRun, runPageOptions } from './run-route.js';

/** What the live pages need. */
export interface LiveRouteDeps {
  runs: RunService;
  floors: FloorService;
  connection: StoreConnection;
  live: LiveEvents;
}

/**
 * Live status: `/runs/:id/events` and `/floors/:id/events` (server-sent events of the page's
 * regions, re-rendered as the run's or the floor's jobs change state) and the script that
 * follows them, `/assets/live.js`.
 */
export function liveRoute(deps: LiveRouteDeps): Router {
  const router = Router();
  router.get(LIVE_SCRIPT_PATH, (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(LIVE_SCRIPT);
  });
  router.get('/runs/:id/events', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const runId = req.params.id;
    const run = isRunId(runId) ? await deps.runs.getRun(runId) : undefined;
    if (!run) throw noSuchRun(runId);
    const coverage = req.query.coverage === '1' || req.query.coverage === 'true';
    const view = req.query.view === 'sheet' ? 'sheet' : 'plan';
    streamLive(req, res, deps.live, {
      ids: [runId],
      read: async () => {
        const now = await deps.runs.getRun(runId);
        if (!now) return undefined;
        const done = now.status === 'completed' || now.status === 'failed';
        return {
          regions: { 'run-live': runLiveRegion(now, runPageOptions(now, coverage, view)).value },
          done,
        };
      },
    });
  });
  router.get(
    '/floors/:id/events',
    requireStore(deps.connection),
    async (req: Request<{ id: string }>, res) => {
      const floorRunId = req.params.id;
      const floor = isRunId(floorRunId) ? await deps.floors.getFloor(floorRunId) : undefined;
      if (!floor) throw noSuchFloor(floorRunId);
      streamLive(req, res, deps.live, {
        ids: [floorRunId, ...floor.rooms.map((room) => room.runId)],
        read: async () => {
          const now = await deps.floors.getFloor(floorRunId);
          return now && { regions: floorLiveRegions(now), done: now.status === 'completed' };
        },
      });
    },
  );
  return router;
}
