import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parseRoom, runPipeline } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { createLogger, PipelineMetrics } from '../src/index.js';

const corridor = () =>
  parseRoom(JSON.parse(readFileSync(new URL('../../../data/rooms/corridor.json', import.meta.url), 'utf8')));

describe('PipelineMetrics', () => {
  it('records the RULES §7 metrics of an in-process run', async () => {
    const metrics = new PipelineMetrics({ service: 'test', processMetrics: false });
    const result = runPipeline(corridor(), { metrics });
    const text = await metrics.registry.metrics();
    for (const name of [
      'ml_model_executions_total',
      'ml_model_execution_duration_seconds',
      'ml_model_confidence_score',
      'ml_model_selected_total',
      'ml_components_placed_total',
      'pipeline_runs_total',
      'pipeline_run_duration_seconds',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain(
      `ml_model_selected_total{model_name="${result.stages.lights.selected}",service="test"} 1`,
    );
    const lights = result.placements.filter((p) => p.type === 'light').length;
    expect(text).toContain(`ml_components_placed_total{component_type="light",service="test"} ${lights}`);
    expect(text).toContain('pipeline_runs_total{status="completed",service="test"} 1');
    expect(text).toContain('pipeline_run_duration_seconds_count{service="test"} 1');
  });

  it('counts a failed run without a duration when none is given', async () => {
    const metrics = new PipelineMetrics({ service: 'test', processMetrics: false });
    metrics.recordRun('failed');
    const text = await metrics.registry.metrics();
    expect(text).toContain('pipeline_runs_total{status="failed",service="test"} 1');
    expect(text).toContain('pipeline_run_duration_seconds_count{service="test"} 0');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the service, and censors secrets', () => {
    let written = '';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        written += chunk;
        done();
      },
    });
    const logger = createLogger({ service: 'unit', destination });
    logger.info(
      { config: { API_TOKEN: 'secret-token', REDIS_URL: 'redis://:pw@host' }, password: 'pw' },
      'hello',
    );
    const line = JSON.parse(written.trim());
    expect(line).toMatchObject({ service: 'unit', msg: 'hello', password: '[redacted]' });
    expect(line.config).toEqual({ API_TOKEN: '[redacted]', REDIS_URL: '[redacted]' });
    expect(written).not.toContain('secret-token');
  });
});
