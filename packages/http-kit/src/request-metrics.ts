import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** Name of the request duration histogram every web service exports. */
export const HTTP_REQUEST_DURATION = 'http_request_duration_seconds';

/** From a fast cache read (a few ms) to a slow trigger under load (seconds). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route a request matched, as written in the code (`/api/runs/:id`, never the id itself),
 * so the label has a few values, not one per run. A request answered before any route matched
 * is labelled by the mount path it reached (`/api/*`: a 401 of the token check), and one that
 * reached nothing is `unmatched` (404s of scanners).
 */
export function routeLabel(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  return req.baseUrl ? `${req.baseUrl}/*` : 'unmatched';
}

/**
 * Times every request into `http_request_duration_seconds{method,route,status_code}` on the
 * service's registry, from the first middleware to the response's end (or the client's
 * hang-up). One histogram per registry, however many apps share it.
 */
export function requestDuration(registry: Registry): RequestHandler {
  const histogram =
    (registry.getSingleMetric(HTTP_REQUEST_DURATION) as Histogram | undefined) ??
    new Histogram({
      name: HTTP_REQUEST_DURATION,
      help: 'HTTP requests by method, matched route and status code, and how long each took to answer.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: BUCKETS,
      registers: [registry],
    });
  return (req, res, next) => {
    const stop = histogram.startTimer();
    res.once('close', () =>
      stop({
        method: METHODS.has(req.method) ? req.method : 'other',
        route: routeLabel(req),
        status_code: String(res.statusCode),
      }),
    );
    next();
  };
}
