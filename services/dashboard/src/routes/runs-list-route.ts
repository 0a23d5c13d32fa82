import { requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { PLACEMENT_QUEUE, type RunService } from '@ceiling-grid/queue';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { readDailyJob } from '../daily-job.js';
import { sendPage } from '../page-response.js';
import { RUN_STATUS_FILTERS, runsListPage } from '../pages/runs-list-page.js';

/** The runs list at `/runs` (`?status=` filters), which is also the home page. */
export function runsListRoute(deps: {
  runs: RunService;
  connection: StoreConnection;
  title: string;
  /** The scheduler's `schedules` queue, for the daily job's next run. */
  schedules: Queue;
}): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/runs'));
  router.get('/runs', requireStore(deps.connection), async (req, res) => {
    const status = RUN_STATUS_FILTERS.find((s) => s === req.query.status);
    const [runs, daily] = await Promise.all([
      deps.runs.listRuns({ limit: 50, ...(status ? { status } : {}) }),
      readDailyJob(deps.schedules),
    ]);
    sendPage(res, 200, deps.title, (context) =>
      runsListPage(context, runs, {
        placementQueue: PLACEMENT_QUEUE,
        daily: daily ?? null,
        ...(status ? { status } : {}),
      }),
    );
  });
  return router;
}
