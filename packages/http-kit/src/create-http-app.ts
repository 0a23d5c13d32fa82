import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ProblemType } from './problem.js';
import { problemDocsRoute } from './problem-docs-route.js';
import {
  type ErrorMapper,
  notFoundHandler,
  type ProblemRenderer,
  problemErrorHandler,
} from './problem-responses.js';
import { PROBLEM_TYPES } from './problem-types.js';
import { requestContext } from './request-context.js';
import { requestDuration } from './request-metrics.js';

/** One piece of an app: a router of one resource's routes, or a middleware (headers, auth). */
export type RouteModule = Router | RequestHandler;

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  logger: Logger;
  /** Where `http_request_duration_seconds` is registered (the registry `/metrics` serves). */
  registry: Registry;
  /** The app, in order: security headers, `opsRoutes`, authentication, one module per resource. */
  routes: readonly RouteModule[];
  /** The app's own problem types, served at `/problems/<slug>` beside the generic ones. */
  problemTypes?: readonly ProblemType[];
  /** Turns the app's own errors into problems. */
  mapError?: ErrorMapper;
  /** Writes problems another way for some requests (the dashboard's HTML pages). */
  renderProblem?: ProblemRenderer;
  /** The detail of a 404 for an address no route serves. */
  notFoundDetail?: (req: Request) => string;
  /**
   * Express's `trust proxy`: which proxies' `X-Forwarded-For` gives `req.ip` (the rate
   * limit's key, the access log's `ip`). Default `false`: the peer is the client, and a
   * forwarded header is ignored, since any client can send one.
   */
  trustProxy?: boolean | number | readonly string[];
}

/**
 * An Express app with the plumbing every web service shares, written once: request ids and
 * access logs (pino-http), the request duration histogram, the routes given, then a problem
 * for any address they do not serve, and every error as an RFC 9457 problem.
 */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const trust = options.trustProxy ?? false;
  app.set('trust proxy', Array.isArray(trust) ? [...trust] : trust);
  app.use(requestContext(options.logger), requestDuration(options.registry));
  for (const route of options.routes) app.use(route);
  app.use(problemDocsRoute([...Object.values(PROBLEM_TYPES), ...(options.problemTypes ?? [])]));
  app.use(notFoundHandler(options.notFoundDetail ?? ((req) => `nothing lives at ${req.path}`)));
  app.use(
    problemErrorHandler({
      logger: options.logger,
      ...(options.mapError ? { mapError: options.mapError } : {}),
      ...(options.renderProblem ? { renderProblem: options.renderProblem } : {}),
    }),
  );
  return app;
}
