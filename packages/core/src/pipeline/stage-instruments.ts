import type { DeviceType } from '../room/device-type.js';

/**
 * A structured logger, fields first and then the message (pino's signature, so a pino logger
 * is one). The stages only write `info` lines; the core knows no logging library.
 */
export interface StageLogger {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
}

/** One model run as a stage reports it to {@link StageMetrics.recordModelRun}. */
export interface ModelRunOutcome {
  readonly ok: boolean;
  readonly durationMs: number;
  /** The layout's confidence (RULES §4), when the model produced one. */
  readonly confidence?: number;
}

/**
 * What the stages count (the RULES §7 series). The core only calls these methods; the
 * prom-client implementation is `PipelineMetrics` of `@ceiling-grid/observability`.
 */
export interface StageMetrics {
  /** One model run of any stage. */
  recordModelRun(model: string, outcome: ModelRunOutcome): void;
  /** Devices one stage placed. */
  recordPlaced(type: DeviceType, count: number): void;
  /** A light model's layout won the selection. */
  recordSelected(model: string): void;
  /** A run finished; `durationMs` (trigger to result) is observed when given. */
  recordRun(status: 'completed' | 'failed', durationMs?: number): void;
}

/** What a stage reports to, when the caller wants it: logs, metrics and the clock for timings. */
export interface StageInstruments {
  logger?: StageLogger;
  metrics?: StageMetrics;
  /** Milliseconds clock for stage timings. Default `performance.now`. */
  now?: () => number;
}
