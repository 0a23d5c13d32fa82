import type { StoreConnection } from '@ceiling-grid/http-kit';
import type { Logger } from '@ceiling-grid/observability';
import type { Queue } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';
import { queueMetricsText } from './queue-metrics.js';

/** The dashboard's own series, beside the default process metrics already in the registry. */
export function dashboardMetrics(registry: Registry) {
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

export type DashboardMetrics = ReturnType<typeof dashboardMetrics>;

/**
 * The queues' job-count gauges for `/metrics`, read from Redis at scrape time. While Redis is
 * away the scrape still answers, without them, and `dashboard_queue_metrics_up` says 0.
 */
export function queueGauges(options: {
  queues: readonly Queue[];
  connection: StoreConnection;
  metrics: DashboardMetrics;
  logger: Logger;
}): () => Promise<string> {
  return async () => {
    try {
      if (options.connection.status !== 'ready') throw new Error(`redis ${options.connection.status}`);
      const text = await queueMetricsText(options.queues, { service: 'dashboard' });
      options.metrics.queueMetricsUp.set(1);
      return text;
    } catch (error) {
      options.metrics.queueMetricsUp.set(0);
      options.logger.warn({ err: (error as Error).message }, 'queue metrics unavailable');
      return '';
    }
  };
}
