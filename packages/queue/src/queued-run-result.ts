import type { AirSupplyStageOutput, LightCandidate, RunResult } from '@ceiling-grid/core';

/** What a light job returns: its candidate and the worker that computed it. */
export interface LightJobResult extends LightCandidate {
  readonly worker: string;
}

/** What the air-supply job returns: the stage output and who computed each part. */
export interface AirSupplyJobResult extends AirSupplyStageOutput {
  readonly workers: Omit<RunWorkers, 'smokeDetectors'>;
}

/** Which worker (`host:pid`) ran each stage of a queued run. */
export interface RunWorkers {
  readonly lights: Readonly<Record<string, string>>;
  readonly airSupply: string;
  readonly smokeDetectors: string;
}

/** A queued run's result: RULES §5 plus the workers that produced it. */
export interface QueuedRunResult extends RunResult {
  readonly workers: RunWorkers;
}
