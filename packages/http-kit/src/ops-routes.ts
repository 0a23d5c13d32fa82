import { Router } from 'express';
import type { Registry } from 'prom-client';

/** What a service says about itself on `/healthz`; `ok: false` answers 503. */
export interface HealthReport {
  readonly ok: boolean;
  readonly [detail: string]: unknown;
}

/** Options of {@link opsRoutes}. */
export interface OpsRoutesOptions {
  health: () => Promise<HealthReport>;
  /** Served on `/metrics`. */
  registry: Registry;
  /**
   * More Prometheus text appended to the registry's (the queue gauges BullMQ exports itself).
   * Must not throw: a scrape that fails loses every series, so report its own trouble in a gauge.
   */
  extraMetrics?: () => Promise<string>;
}

/**
 * `GET /healthz` (200 `{status: "ok", …}` or 503 `{status: "unavailable", …}`, for probes
 * and load balancers) and `GET /metrics` (Prometheus text). Both open: put them before any
 * authentication.
 */
export function opsRoutes(options: OpsRoutesOptions): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const health = await options.health();
    res
      .status(health.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: health.ok ? 'ok' : 'unavailable', ...health });
  });
  router.get('/metrics', async (_req, res) => {
    const extra = options.extraMetrics ? await options.extraMetrics() : '';
    res.type(options.registry.contentType).send((await options.registry.metrics()) + extra);
  });
  return router;
}
