import type { Room } from '@ceiling-grid/core';
import { createHttpApp, opsRoutes } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import { type FloorService, type RunService, redisHealth, type TrustProxySetting } from '@ceiling-grid/queue';
import type { Queue } from 'bullmq';
import type express from 'express';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { basicAuth } from './basic-auth.js';
import { dashboardMetrics, queueGauges } from './dashboard-metrics.js';
import { editorScriptRoute } from './editor-script.js';
import type { LiveEvents } from './live-events.js';
import { pageProblemRenderer } from './page-response.js';
import { boardRoute } from './routes/board-route.js';
import { dailyRunRoute } from './routes/daily-run-route.js';
import { floorsRoute } from './routes/floors-route.js';
import { liveRoute } from './routes/live-route.js';
import { newRunRoute } from './routes/new-run-route.js';
import { roomImportRoute } from './routes/room-import-route.js';
import { RUN_NOT_FINISHED, runFilesRoute } from './routes/run-files-route.js';
import { runResultRoute } from './routes/run-result-route.js';
import { runRoute } from './routes/run-route.js';
import { runsListRoute } from './routes/runs-list-route.js';

/** What the dashboard needs; `main.ts` builds these from the environment, tests from their own. */
export interface DashboardAppDeps {
  /** Triggers and reads runs (the scheduler API's code path). */
  runs: RunService;
  /** Triggers and reads floors. */
  floors: FloorService;
  /** The shared reader of the queues' events, behind the live pages. */
  live: LiveEvents;
  /** The scheduler's `schedules` queue: the daily job's next run, and "Run now". */
  schedules: Queue;
  /** The queues Bull Board shows and `/metrics` counts, with the workers' prefix. */
  queues: readonly Queue[];
  /** The request connection (fails fast while Redis is away). */
  connection: Redis;
  logger: Logger;
  /** Registry served on `/metrics`, the queue gauges appended. */
  registry: Registry;
  /** The room the form's "sample" choice runs, and where it came from. */
  sampleRoom: Room;
  samplePath: string;
  auth: { user: string; password: string };
  readOnly: boolean;
  title: string;
  maxBodyBytes: number;
  /** Largest floor upload (FLOOR_MAX_BODY_BYTES). */
  maxFloorBodyBytes: number;
  /** Express's `trust proxy` (`TRUST_PROXY`); default `false`. */
  trustProxy?: TrustProxySetting;
}

/**
 * The dashboard: Bull Board at `/board`, the run viewer at `/runs`, a trigger form, `/healthz`
 * and `/metrics`. Everything but the last two sits behind HTTP basic auth. One module per
 * resource on the http-kit, which brings request ids, access logs, the request histogram and
 * problems (as pages for a browser).
 */
export function createDashboardApp(deps: DashboardAppDeps): express.Express {
  const metrics = dashboardMetrics(deps.registry);
  const title = deps.title;
  return createHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    renderProblem: pageProblemRenderer(title),
    problemTypes: [RUN_NOT_FINISHED],
    notFoundDetail: () => 'Nothing lives at this address.',
    trustProxy: deps.trustProxy ?? false,
    routes: [
      securityHeaders,
      opsRoutes({
        registry: deps.registry,
        health: () => redisHealth(deps.connection),
        extraMetrics: queueGauges({ ...deps, metrics }),
      }),
      basicAuth({
        user: deps.auth.user,
        password: deps.auth.password,
        realm: `${title} dashboard`,
        onReject: () => metrics.authRejected.inc(),
      }),
      liveRoute(deps),
      dailyRunRoute(deps),
      runsListRoute(deps),
      boardRoute(deps),
      newRunRoute({ ...deps, metrics }),
      roomImportRoute(deps),
      editorScriptRoute(),
      runRoute(deps),
      runResultRoute(deps),
      runFilesRoute(deps),
      floorsRoute(deps),
    ],
  });
}

/** Headers every response carries; pages add their own CSP. */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
  });
  next();
};
