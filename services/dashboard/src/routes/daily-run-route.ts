import { HttpProblem, PROBLEM_TYPES, requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { runDailyJobNow } from '../daily-job.js';
import { sameOriginOnly } from './same-origin-only.js';

const fromThisDashboard = sameOriginOnly('Runs can only be started from this dashboard.');

/**
 * `POST /runs/daily`: the runs page's "Run now" button. Adds one job of the daily job
 * scheduler (the scheduler's worker turns it into a run, as at DAILY_CRON) and redirects to
 * that run once it exists, else to the runs list. Same-origin posts only, like every form here.
 */
export function dailyRunRoute(deps: { schedules: Queue; connection: StoreConnection }): Router {
  const router = Router();
  router.post('/runs/daily', requireStore(deps.connection), fromThisDashboard, async (req, res) => {
    const started = await runDailyJobNow(deps.schedules);
    if (!started)
      throw new HttpProblem(
        PROBLEM_TYPES.notFound,
        'No daily job is scheduled (DAILY_ENABLED is false, or the scheduler has not started yet).',
      );
    req.log.info({ jobId: started.jobId, runId: started.runId }, 'daily job run now from the dashboard');
    res.redirect(303, started.runId ? `/runs/${started.runId}` : '/runs');
  });
  return router;
}
