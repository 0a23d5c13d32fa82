import type { DeviceType, ModelRunOutcome, StageMetrics } from '@ceiling-grid/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Options of {@link PipelineMetrics}. */
export interface PipelineMetricsOptions {
  /** Value of the `service` default label on every series. */
  service: string;
  /** Also collect Node.js process metrics (heap, event loop lag, …). Default true. */
  processMetrics?: boolean;
}

/**
 * The metrics of one process, in one registry (RULES §7 names kept from the prototype): the
 * core's {@link StageMetrics} on prom-client. A service creates one and serves
 * {@link PipelineMetrics.registry} on `/metrics`.
 */
export class PipelineMetrics implements StageMetrics {
  readonly registry = new Registry();
  /** Model runs by `model_name` and `status` (`completed` | `failed`). */
  readonly modelExecutions: Counter<'model_name' | 'status'>;
  readonly modelDuration: Histogram<'model_name'>;
  /** Confidence of the last run of each model. */
  readonly modelConfidence: Gauge<'model_name'>;
  /** How often each light model's layout won the selection. */
  readonly modelSelected: Counter<'model_name'>;
  readonly componentsPlaced: Counter<'component_type'>;
  /** Finished runs by `status`; recorded where a run ends (the root job, or the CLI). */
  readonly runs: Counter<'status'>;
  /** Trigger to result, seconds. */
  readonly runDuration: Histogram;

  constructor(options: PipelineMetricsOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.modelExecutions = new Counter({
      name: 'ml_model_executions_total',
      help: 'Placement model runs, by model and outcome.',
      labelNames: ['model_name', 'status'],
      registers,
    });
    this.modelDuration = new Histogram({
      name: 'ml_model_execution_duration_seconds',
      help: 'Wall time of one placement model run.',
      labelNames: ['model_name'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.modelConfidence = new Gauge({
      name: 'ml_model_confidence_score',
      help: 'Confidence (RULES §4) of the latest run of each model.',
      labelNames: ['model_name'],
      registers,
    });
    this.modelSelected = new Counter({
      name: 'ml_model_selected_total',
      help: 'Times a light model layout was selected as the best.',
      labelNames: ['model_name'],
      registers,
    });
    this.componentsPlaced = new Counter({
      name: 'ml_components_placed_total',
      help: 'Devices placed, by kind.',
      labelNames: ['component_type'],
      registers,
    });
    this.runs = new Counter({
      name: 'pipeline_runs_total',
      help: 'Finished pipeline runs, by outcome.',
      labelNames: ['status'],
      registers,
    });
    this.runDuration = new Histogram({
      name: 'pipeline_run_duration_seconds',
      help: 'Trigger to readable result of one run.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
  }

  /** Records one model run (any stage). */
  recordModelRun(model: string, outcome: ModelRunOutcome): void {
    this.modelExecutions.inc({ model_name: model, status: outcome.ok ? 'completed' : 'failed' });
    this.modelDuration.observe({ model_name: model }, outcome.durationMs / 1000);
    if (outcome.confidence !== undefined) this.modelConfidence.set({ model_name: model }, outcome.confidence);
  }

  /** Records devices placed by one stage. */
  recordPlaced(type: DeviceType, count: number): void {
    if (count > 0) this.componentsPlaced.inc({ component_type: type }, count);
  }

  /** Records that a light model's layout won the selection. */
  recordSelected(model: string): void {
    this.modelSelected.inc({ model_name: model });
  }

  /** Records a finished run, and its trigger-to-result time when given. */
  recordRun(status: 'completed' | 'failed', durationMs?: number): void {
    this.runs.inc({ status });
    if (durationMs !== undefined) this.runDuration.observe(durationMs / 1000);
  }
}
