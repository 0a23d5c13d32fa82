import { randomBytes } from 'node:crypto';
import { parseRoom, type Room, RoomValidationError, renderPlanSvg, roomFromResult } from '@ceiling-grid/core';
import type { Logger } from '@ceiling-grid/observability';
import { isRunId, PLACEMENT_QUEUE, type RunService, redisHealth } from '@ceiling-grid/queue';
import type { Queue } from 'bullmq';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import { basicAuth } from './basic-auth.js';
import { BOARD_BASE_PATH, createBoardRouter } from './bull-board.js';
import type { SafeHtml } from './html.js';
import { messagePage } from './pages/message-page.js';
import { type NewRunFormState, newRunPage, RUN_FORM, type SampleRoomInfo } from './pages/new-run-page.js';
import { type PageContext, pageContentSecurityPolicy } from './pages/page-layout.js';
import { runPage } from './pages/run-page.js';
import { RUN_STATUS_FILTERS, runsListPage } from './pages/runs-list-page.js';
import { queueMetricsText } from './queue-metrics.js';

/** What the dashboard needs; `main.ts` builds these from the environment, tests from their own. */
export interface DashboardAppDeps {
  /** Triggers and reads runs (the scheduler API's code path). */
  runs: RunService;
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
}

/**
 * The dashboard (Express): Bull Board at `/board`, the run viewer at `/runs`, a trigger form,
 * `/healthz` and `/metrics`. Everything but the last two sits behind HTTP basic auth.
 */
export function createDashboardApp(deps: DashboardAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const metrics = dashboardMetrics(deps.registry);
  const sample = sampleInfo(deps.sampleRoom, deps.samplePath);

  app.use(securityHeaders);

  // --- open: probes and scrapes -------------------------------------------------------------
  app.get('/healthz', async (_req, res) => {
    const health = await redisHealth(deps.connection);
    res.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'unavailable', ...health });
  });
  app.get('/metrics', async (_req, res) => {
    let queueText = '';
    try {
      if (deps.connection.status !== 'ready') throw new Error(`redis ${deps.connection.status}`);
      queueText = await queueMetricsText(deps.queues, { service: 'dashboard' });
      metrics.queueMetricsUp.set(1);
    } catch (error) {
      metrics.queueMetricsUp.set(0);
      deps.logger.warn({ err: (error as Error).message }, 'queue metrics unavailable');
    }
    res.type(deps.registry.contentType).send((await deps.registry.metrics()) + queueText);
  });

  // --- everything else: basic auth ----------------------------------------------------------
  app.use(
    basicAuth({
      user: deps.auth.user,
      password: deps.auth.password,
      realm: `${deps.title} dashboard`,
      onReject: () => metrics.authRejected.inc(),
    }),
  );

  app.get('/', (_req, res) => res.redirect(302, '/runs'));
  // Bull Board's API waits for a Redis that never came up instead of failing: answer at once.
  app.use(`${BOARD_BASE_PATH}/api`, (_req, res, next) => {
    if (deps.connection.status === 'ready') return next();
    res.setHeader('Retry-After', '5');
    res
      .status(503)
      .json({ error: `queue store unavailable (redis ${deps.connection.status}); retry shortly` });
  });
  app.use(
    BOARD_BASE_PATH,
    createBoardRouter(deps.queues, {
      readOnly: deps.readOnly,
      title: deps.title,
      links: [
        { text: 'Run viewer', url: '/runs' },
        { text: 'New run', url: '/runs/new' },
      ],
    }),
  );

  app.get('/runs/new', (_req, res) => {
    sendPage(res, 200, (context) => newRunPage(context, sample));
  });

  app.use('/runs', requireRedis(deps.connection));

  app.get('/runs', async (req, res) => {
    const status = RUN_STATUS_FILTERS.find((s) => s === req.query.status);
    const runs = await deps.runs.listRuns({ limit: 50, ...(status ? { status } : {}) });
    sendPage(res, 200, (context) =>
      runsListPage(context, runs, { placementQueue: PLACEMENT_QUEUE, ...(status ? { status } : {}) }),
    );
  });

  app.post(
    '/runs',
    sameOriginOnly,
    express.urlencoded({ extended: false, limit: deps.maxBodyBytes, parameterLimit: 10 }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const source = body[RUN_FORM.source] === 'sample' ? 'sample' : 'room';
      const roomText = typeof body[RUN_FORM.room] === 'string' ? (body[RUN_FORM.room] as string) : '';
      const reject = (state: NewRunFormState) =>
        sendPage(res, 400, (context) => newRunPage(context, sample, state));
      let room: Room;
      if (source === 'sample') {
        room = deps.sampleRoom;
      } else {
        if (roomText.trim() === '') {
          reject({
            source,
            roomText,
            error: 'Choose a room file, paste a room JSON, or pick the sample room.',
          });
          return;
        }
        let input: unknown;
        try {
          input = JSON.parse(roomText);
        } catch (error) {
          reject({ source, roomText, error: `The room is not valid JSON: ${(error as Error).message}` });
          return;
        }
        try {
          room = parseRoom(input);
        } catch (error) {
          if (!(error instanceof RoomValidationError)) throw error;
          metrics.roomsRejected.inc();
          reject({ source, roomText, issues: error.issues });
          return;
        }
      }
      const { runId } = await deps.runs.trigger(room, { source: 'dashboard' });
      metrics.runsTriggered.inc();
      deps.logger.info({ runId, roomId: room.roomId, source }, 'run triggered from the dashboard');
      res.redirect(303, `/runs/${runId}`);
    },
  );

  app.get('/runs/:id', async (req, res) => {
    const run = isRunId(req.params.id) ? await deps.runs.getRun(req.params.id) : undefined;
    if (!run) {
      sendPage(res, 404, (context) =>
        messagePage(context, 'Run not found', `There is no run ${req.params.id}; it may have expired.`),
      );
      return;
    }
    const coverage = req.query.coverage === '1' || req.query.coverage === 'true';
    const planSvg = run.result
      ? inlineSvg(
          renderPlanSvg(roomFromResult(run.result), {
            placements: run.result.placements,
            detectorCoverage: coverage,
            title: run.roomName ?? run.roomId,
          }),
        )
      : undefined;
    sendPage(res, 200, (context) =>
      runPage(context, run, { coverage, placementQueue: PLACEMENT_QUEUE, ...(planSvg ? { planSvg } : {}) }),
    );
  });

  app.get('/runs/:id/result.json', async (req, res) => {
    const result = isRunId(req.params.id) ? await deps.runs.getResult(req.params.id) : undefined;
    if (!result) {
      res.status(404).json({ error: `no finished run ${JSON.stringify(req.params.id)}` });
      return;
    }
    res.json(result);
  });

  app.use((_req, res) => {
    sendPage(res, 404, (context) => messagePage(context, 'Page not found', 'Nothing lives at this address.'));
  });
  app.use(errorHandler(deps.logger));
  return app;

  /** Sends a run-viewer page under a fresh CSP nonce. */
  function sendPage(res: Response, status: number, page: (context: PageContext) => SafeHtml): void {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(status)
      .set('Content-Security-Policy', pageContentSecurityPolicy(nonce))
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(page({ appTitle: deps.title, nonce }).value);
  }

  function errorHandler(logger: Logger): ErrorRequestHandler {
    return (error, _req, res, _next) => {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        sendPage(res, 413, (context) =>
          messagePage(context, 'Room too large', `The form is larger than ${deps.maxBodyBytes} bytes.`),
        );
        return;
      }
      if (isRedisUnavailable(error)) {
        res.setHeader('Retry-After', '5');
        sendPage(res, 503, (context) =>
          messagePage(
            context,
            'Queue store unavailable',
            'Redis does not answer right now; try again in a few seconds.',
          ),
        );
        return;
      }
      logger.error({ err: error }, 'request failed');
      sendPage(res, 500, (context) => messagePage(context, 'Something went wrong', 'The error was logged.'));
    };
  }

  /** Answers 503 at once while Redis is away, instead of letting a page hang. */
  function requireRedis(connection: Redis): RequestHandler {
    return (_req, res, next) => {
      if (connection.status === 'ready') return next();
      res.setHeader('Retry-After', '5');
      sendPage(res, 503, (context) =>
        messagePage(
          context,
          'Queue store unavailable',
          `Redis is ${connection.status}; try again in a few seconds.`,
        ),
      );
    };
  }
}

/** The dashboard's own series, beside the default process metrics already in the registry. */
function dashboardMetrics(registry: Registry) {
  const registers = [registry];
  return {
    runsTriggered: new Counter({
      name: 'dashboard_runs_triggered_total',
      help: 'Runs started from the dashboard form.',
      registers,
    }),
    roomsRejected: new Counter({
      name: 'dashboard_rooms_rejected_total',
      help: 'Rooms the dashboard form rejected as invalid (nothing enqueued).',
      registers,
    }),
    authRejected: new Counter({
      name: 'dashboard_auth_rejected_total',
      help: 'Requests answered 401 for missing or wrong credentials.',
      registers,
    }),
    queueMetricsUp: new Gauge({
      name: 'dashboard_queue_metrics_up',
      help: '1 when the last scrape could read the queue gauges from Redis, else 0.',
      registers,
    }),
  };
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

/**
 * Refuses a form post from another site: the browser sends cached basic-auth credentials with
 * cross-site requests too, so without this any page could start runs on a logged-in operator's
 * behalf.
 */
const sameOriginOnly: RequestHandler = (req, res, next) => {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  // An opaque origin (`null`: sandboxed frame, data: URL) is foreign too.
  const foreignOrigin =
    origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== req.get('host'));
  if (crossSite || foreignOrigin) {
    res.status(403).type('text/plain').send('403 Forbidden: runs can only be started from this dashboard.\n');
    return;
  }
  next();
};

/** The core's standalone SVG document as an inline `<svg>` element (no XML declaration). */
export function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
}

function sampleInfo(room: Room, path: string): SampleRoomInfo {
  return {
    name: room.name ?? room.roomId,
    path,
    size: `${room.cols} × ${room.rows} tiles of ${room.cellSize} ${room.units}`,
  };
}

function isRedisUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /enableOfflineQueue|Connection is closed|ECONNREFUSED|max retries per request|Stream isn't writeable/i.test(
    message,
  );
}
