import { HttpProblem, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
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
import { SCHEDULER_PROBLEMS } from '../scheduler-problems.js';
import { noSuchRun } from './run-route.js';

/** The files the API serves under `/api/runs/:id/`, and whether each is a download. */
const API_FILES: readonly { kind: RunFileKind; attachment: boolean }[] = [
  { kind: 'plan.svg', attachment: false },
  { kind: 'review-sheet.svg', attachment: false },
  { kind: 'plan.dxf', attachment: true },
  { kind: 'schedule.csv', attachment: true },
];

/**
 * A finished run's files: `plan.svg` (`?coverage=true` draws the detectors' circles) and
 * `review-sheet.svg` to look at, `plan.dxf` and `schedule.csv` to download (as attachments
 * named after the room and run). A 409 problem while the run is queued or running, or when
 * it failed; drawn by the queue package's {@link renderRunFile}, as the run viewer's are.
 */
export function runFilesRoute(deps: { runs: RunService; connection: StoreConnection }): Router {
  const router = Router();
  for (const { kind, attachment } of API_FILES) {
    router.get(
      `/api/runs/:id/${kind}`,
      requireStore(deps.connection),
      async (req: Request<{ id: string }>, res) => {
        const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
        if (!run) throw noSuchRun(req.params.id);
        const unavailable = runFileUnavailable(run, kind);
        if (unavailable) throw new HttpProblem(SCHEDULER_PROBLEMS.runNotFinished, unavailable);
        const coverage = req.query.coverage === 'true' || req.query.coverage === '1';
        const file = renderRunFile(run as FinishedRun, kind, { coverage });
        res
          .type(file.contentType)
          .set('Content-Disposition', runFileDisposition(file, attachment))
          .send(file.body);
      },
    );
  }
  return router;
}
