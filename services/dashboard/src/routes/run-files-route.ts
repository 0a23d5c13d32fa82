import { HttpProblem, type ProblemType, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import {
  type FinishedRun,
  isRunId,
  type RunFileKind,
  type RunService,
  renderRunFile,
  runFileDisposition,
  runFileUnavailable,
} from '@ceiling-grid/queue';
import { type Request, Router } from 'express';
import { noSuchRun } from './run-route.js';

/** The 409 of a file asked of a run that has not completed (or failed). */
export const RUN_NOT_FINISHED: ProblemType = {
  slug: 'run-not-finished',
  status: 409,
  title: 'Run not finished',
  description:
    "A run's plan, review sheet, DXF drawing and device schedule exist once the run completes, and never " +
    'for a run that failed; the run page shows when it is done.',
};

/** The run viewer's download buttons, in order; the JSON is `/runs/:id/result.json`. */
export const DOWNLOAD_FILES: readonly RunFileKind[] = [
  'plan.svg',
  'review-sheet.svg',
  'plan.dxf',
  'schedule.csv',
];

/**
 * A finished run's files as downloads: `/runs/:id/plan.svg` (`?coverage=1` with the detectors'
 * circles), `review-sheet.svg`, `plan.dxf` and `schedule.csv`, each an attachment named after
 * the room and run, drawn by the queue package's `renderRunFile` exactly as the API's are.
 */
export function runFilesRoute(deps: { runs: RunService; connection: StoreConnection }): Router {
  const router = Router();
  for (const kind of DOWNLOAD_FILES) {
    router.get(
      `/runs/:id/${kind}`,
      requireStore(deps.connection),
      async (req: Request<{ id: string }>, res) => {
        const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
        if (!run) throw noSuchRun(req.params.id);
        const unavailable = runFileUnavailable(run, kind);
        if (unavailable) throw new HttpProblem(RUN_NOT_FINISHED, `${capitalised(unavailable)}.`);
        const coverage = req.query.coverage === '1' || req.query.coverage === 'true';
        const file = renderRunFile(run as FinishedRun, kind, { coverage });
        res
          .type(file.contentType)
          .set('Content-Disposition', runFileDisposition(file, true))
          .set('Cache-Control', 'no-store')
          .send(file.body);
      },
    );
  }
  return router;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
