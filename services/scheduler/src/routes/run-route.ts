import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { isRunId, type RunService } from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import { runLinks } from './run-links.js';

/** `GET /api/runs/:id`: a run, each of its stages, and its result once it completed. */
export function runRoute(deps: { runs: RunService; connection: StoreConnection }): Router {
  const router = Router();
  router.get('/api/runs/:id', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) throw noSuchRun(req.params.id);
    res.json({ ...run, links: runLinks(run.runId) });
  });
  return router;
}

/** The 404 of a run id that names no stored run (never was, or expired). */
export function noSuchRun(id: string): HttpProblem {
  return new HttpProblem(PROBLEM_TYPES.notFound, `no run ${JSON.stringify(id)}; it may have expired`);
}
