import { describe, expect, it } from 'vitest';
import { PHASE_NAMES, parseBenchOptions } from '../../bench/bench-options.js';
import { UsageError } from '../../bench/harness/options.js';

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

  it('takes --name=value, the quick defaults, and --cpu-prof with or without a folder', () => {
    expect(parseBenchOptions(['--runs=7', '--quick'], {})).toMatchObject({
      runs: 7,
      serialRuns: 10,
      warmupRuns: 20,
    });
    expect(parseBenchOptions(['--cpu-prof'], {}).cpuProfDir).toBe('bench/profiles');
    expect(parseBenchOptions(['--cpu-prof', 'out', '--json'], {})).toMatchObject({
      cpuProfDir: 'out',
      json: true,
    });
    expect(parseBenchOptions(['--cpu-prof', '--json'], {}).cpuProfDir).toBe('bench/profiles');
  });

  it('answers --help with the usage, as a request rather than an error', () => {
    let thrown: unknown;
    try {
      parseBenchOptions(['--help'], {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).help).toBe(true);
    expect((thrown as UsageError).message).toMatch(/^usage: npm run bench -- \[options\]\n {2}--runs N/);
  });
});
