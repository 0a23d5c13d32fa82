import { requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { PLACEMENT_QUEUE, type RunService } from '@ceiling-grid/queue';
import { Router } from 'express';
import { sendPage } from '../page-response.js';
import { RUN_STATUS_FILTERS, runsListPage } from '../pages/runs-list-page.js';

/** The runs list at `/runs` (`?status=` filters), which is also the home page. */
export function runsListRoute(deps: {
  runs: RunService;
  connection: StoreConnection;
  title: string;
}): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/runs'));
  router.get('/runs', requireStore(deps.connection), async (req, res) => {
    const status = RUN_STATUS_FILTERS.find((s) => s === req.query.status);
    const runs = await deps.runs.listRuns({ limit: 50, ...(status ? { status } : {}) });
    sendPage(res, 200, deps.title, (context) =>
      runsListPage(context, runs, { placementQueue: PLACEMENT_QUEUE, ...(status ? { status } : {}) }),
    );
  });
  return router;
}
