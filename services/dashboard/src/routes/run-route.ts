import { renderResultSvg } from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import { isRunId, PLACEMENT_QUEUE, type RunService, type RunView } from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import { sendPage } from '../page-response.js';
import { type RunPageOptions, runPage } from '../pages/run-page.js';

/** One run's page at `/runs/:id`: stage graph, compliance, and the placed plan once done. */
export function runRoute(deps: { runs: RunService; connection: StoreConnection; title: string }): Router {
  const router = Router();
  router.get('/runs/:id', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) throw noSuchRun(req.params.id);
    const coverage = req.query.coverage === '1' || req.query.coverage === 'true';
    sendPage(res, 200, deps.title, (context) => runPage(context, run, runPageOptions(run, coverage)));
  });
  return router;
}

/** The run page's options: the plan drawn once the run has a result. */
export function runPageOptions(run: RunView, coverage: boolean): RunPageOptions {
  const planSvg = run.result
    ? inlineSvg(
        renderResultSvg(run.result, { detectorCoverage: coverage, title: run.roomName ?? run.roomId }),
      )
    : undefined;
  return { coverage, placementQueue: PLACEMENT_QUEUE, ...(planSvg ? { planSvg } : {}) };
}

/** The 404 of a run id that names no stored run. */
export function noSuchRun(id: string): HttpProblem {
  return new HttpProblem(PROBLEM_TYPES.notFound, `There is no run ${id}; it may have expired.`);
}

/** The core's standalone SVG document as an inline `<svg>` element (no XML declaration). */
export function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
}
