import type { Room } from '@ceiling-grid/core';
import { createHttpApp, opsRoutes } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import { type FloorService, type RunService, redisHealth, type TrustProxySetting } from '@ceiling-grid/queue';
import type express from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { apiDocsRoute } from './routes/api-docs-route.js';
import { bearerAuth } from './routes/bearer-auth.js';
import { floorsRoute } from './routes/floors-route.js';
import { roomsFromDxfRoute } from './routes/rooms-from-dxf-route.js';
import { runFilesRoute } from './routes/run-files-route.js';
import { runRoute } from './routes/run-route.js';
import { runsRoute } from './routes/runs-route.js';
import { SCHEDULER_PROBLEM_TYPES, schedulerErrorProblem } from './scheduler-problems.js';

/** What the scheduler API needs. */
export interface SchedulerAppDeps {
  runs: RunService;
  /** Triggers and reads floors (one flow of runs each). */
  floors: FloorService;
  /** The request connection (fails fast while Redis is away). */
  connection: Redis;
  logger: Logger;
  registry: Registry;
  /** The room `{ "sample": true }` runs. */
  sampleRoom: Room;
  /** Bearer token; `undefined` turns the check off (local development). */
  apiToken: string | undefined;
  maxBodyBytes: number;
  /** Largest floor body (FLOOR_MAX_BODY_BYTES). Default 8 MiB. */
  maxFloorBodyBytes?: number;
  triggerRateLimitPerMinute: number;
  /** Where the trigger limit counts in Redis; default `<queue prefix>:rate-limit:`. */
  rateLimitKeyPrefix?: string;
  /** Express's `trust proxy` (`TRUST_PROXY`); default `false`. */
  trustProxy?: TrustProxySetting;
}

/**
 * The scheduler's REST API: trigger runs, read runs and their plans, the OpenAPI document and
 * its docs, health and metrics. One module per resource on the http-kit, which brings request
 * ids, access logs, the request histogram and problem details.
 */
export function createSchedulerApp(deps: SchedulerAppDeps): express.Express {
  return createHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    problemTypes: SCHEDULER_PROBLEM_TYPES,
    mapError: schedulerErrorProblem,
    notFoundDetail: (req) => `no route ${req.method} ${req.path}; see /api/openapi.json`,
    trustProxy: deps.trustProxy ?? false,
    routes: [
      helmet(),
      opsRoutes({ registry: deps.registry, health: () => redisHealth(deps.connection) }),
      apiDocsRoute(),
      bearerAuth(deps.apiToken),
      runsRoute(deps),
      runRoute(deps),
      runFilesRoute(deps),
      floorsRoute(deps),
      roomsFromDxfRoute(),
    ],
  });
}
