/**
 * @ceiling-grid/observability — the I/O side of the core's instruments: the pino logger and
 * the prom-client metrics every process passes to the pipeline as its `StageLogger` and
 * `StageMetrics`. Used by the CLI and the queue package; the core never imports it.
 */
export * from './create-logger.js';
export * from './pipeline-metrics.js';
