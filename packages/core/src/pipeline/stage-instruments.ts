import type { Logger } from 'pino';
import type { PipelineMetrics } from '../observability/pipeline-metrics.js';

/** What a stage reports to, when the caller wants it: logs, metrics and the clock for timings. */
export interface StageInstruments {
  logger?: Logger;
  metrics?: PipelineMetrics;
  /** Milliseconds clock for stage timings. Default `performance.now`. */
  now?: () => number;
}
