import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { isRunId, type RunService } from '@ceiling-grid/queue';
import { type Request, Router } from 'express';

/** A finished run's result (RULES §5) as JSON, for download: `/runs/:id/result.json`. */
export function runResultRoute(deps: { runs: RunService; connection: StoreConnection }): Router {
  const router = Router();
  router.get(
    '/runs/:id/result.json',
    requireStore(deps.connection),
    async (req: Request<{ id: string }>, res) => {
      const result = isRunId(req.params.id) ? await deps.runs.getResult(req.params.id) : undefined;
      if (!result)
        throw new HttpProblem(PROBLEM_TYPES.notFound, `no finished run ${JSON.stringify(req.params.id)}`);
      res.json(result);
    },
  );
  return router;
}
