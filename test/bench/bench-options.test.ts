import { describe, expect, it } from 'vitest';
import { PHASE_NAMES, parseBenchOptions } from '../../bench/bench-options.js';

describe('npm run bench options', () => {
  it('measures every phase, after 100 warm-up runs, by default', () => {
    const options = parseBenchOptions([], {});
    expect(options).toMatchObject({
      phases: undefined,
      replayFlows: true,
      pipelineFlows: true,
      apiNoop: true,
      warmupRuns: 100,
    });
    expect(PHASE_NAMES).toEqual(['noop', 'replayFlows', 'pipelineFlows', 'noopApi', 'pipeline']);
  });

  it('takes a list of phases and rejects names it does not know, naming them', () => {
    expect(parseBenchOptions(['--phases', 'noop,pipelineFlows'], {}).phases).toEqual([
      'noop',
      'pipelineFlows',
    ]);
    expect(() => parseBenchOptions(['--phases', 'noop,pipelines'], {})).toThrow(
      /--phases takes names among noop, replayFlows, pipelineFlows, noopApi, pipeline \(got "noop,pipelines"\)/,
    );
    expect(() => parseBenchOptions(['--phases'], {})).toThrow(/--phases takes names/);
  });

  it('skips the replay and pipeline-flows phases on request and rejects bad numbers', () => {
    expect(parseBenchOptions(['--no-pipeline-flows'], {}).pipelineFlows).toBe(false);
    expect(parseBenchOptions(['--no-replay-flows'], {}).replayFlows).toBe(false);
    expect(() => parseBenchOptions(['--runs', '0'], {})).toThrow(/--runs needs an integer ≥ 1 \(got 0\)/);
    expect(() => parseBenchOptions(['--bogus'], {})).toThrow(/unknown argument "--bogus"/);
  });
});
