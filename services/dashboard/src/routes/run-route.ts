import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import {
  type FinishedRun,
  isRunId,
  PLACEMENT_QUEUE,
  type RunService,
  type RunView,
  renderRunFile,
} from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import { sendPage } from '../page-response.js';
import { type RunPageOptions, runPage } from '../pages/run-page.js';

/**
 * One run's page at `/runs/:id`: stage graph, compliance, and once done the placed plan
 * (`?coverage=1` with the detectors' circles) or, with `?view=sheet`, the review sheet.
 */
export function runRoute(deps: { runs: RunService; connection: StoreConnection; title: string }): Router {
  const router = Router();
  router.get('/runs/:id', requireStore(deps.connection), async (req: Request<{ id: string }>, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) throw noSuchRun(req.params.id);
    const coverage = req.query.coverage === '1' || req.query.coverage === 'true';
    const view = req.query.view === 'sheet' ? 'sheet' : 'plan';
    sendPage(res, 200, deps.title, (context) => runPage(context, run, runPageOptions(run, coverage, view)));
  });
  return router;
}

/** The run page's options: the plan or the review sheet drawn once the run has a result. */
export function runPageOptions(run: RunView, coverage: boolean, view: 'plan' | 'sheet'): RunPageOptions {
  const planSvg = run.result
    ? inlineSvg(
        renderRunFile(run as FinishedRun, view === 'sheet' ? 'review-sheet.svg' : 'plan.svg', { coverage })
          .body,
      )
    : undefined;
  return { coverage, view, placementQueue: PLACEMENT_QUEUE, ...(planSvg ? { planSvg } : {}) };
}

/** The 404 of a run id that names no stored run. */
export function noSuchRun(id: string): HttpProblem {
  return new HttpProblem(PROBLEM_TYPES.notFound, `There is no run ${id}; it may have expired.`);
}

/** The core's standalone SVG document as an inline `<svg>` element (no XML declaration). */
export function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
}
