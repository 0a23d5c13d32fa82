import { renderResultSvg } from '@ceiling-grid/core';
import { HttpProblem, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { isRunId, type RunService } from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import { SCHEDULER_PROBLEMS } from '../scheduler-problems.js';
import { noSuchRun } from './run-route.js';

/** `GET /api/runs/:id/plan.svg`: the placed plan of a finished run. */
export function planRoute(deps: { runs: RunService; connection: StoreConnection }): Router {
  const router = Router();
  router.get(
    '/api/runs/:id/plan.svg',
    requireStore(deps.connection),
    async (req: Request<{ id: string }>, res) => {
      const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
      if (!run) throw noSuchRun(req.params.id);
      if (!run.result) {
        throw new HttpProblem(
          SCHEDULER_PROBLEMS.runNotFinished,
          `run ${run.runId} is ${run.status}; its plan exists once it completes`,
        );
      }
      const coverage = req.query.coverage === 'true' || req.query.coverage === '1';
      res.type('image/svg+xml').send(renderResultSvg(run.result, { detectorCoverage: coverage }));
    },
  );
  return router;
}
