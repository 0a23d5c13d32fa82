import type { QueuedRunResult } from './queued-run-result.js';

/** State of a run as its reader sees it. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** State of one job of a run. */
export type StageState =
  | 'waiting'
  | 'waiting-children'
  | 'active'
  | 'retrying'
  | 'completed'
  | 'failed'
  | 'removed';

/** One job of a run's flow, as `GET /api/runs/:id` shows it. */
export interface StageView {
  readonly stage: 'lights' | 'airSupply' | 'smokeDetectors';
  /** Light model for a light job. */
  readonly model?: string;
  readonly queue: string;
  readonly jobId: string;
  readonly state: StageState;
  readonly attemptsMade: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  /** `host:pid` of the worker that ran it. */
  readonly worker?: string;
  readonly failedReason?: string;
  readonly confidence?: number;
  readonly count?: number;
  /** For light jobs: whether this model's layout was selected. */
  readonly selected?: boolean;
}

/** What every view of a run says about it, in a list or on its own. */
export interface RunBasics {
  readonly runId: string;
  readonly status: RunStatus;
  readonly roomId: string;
  readonly roomName?: string;
  readonly source: string;
  /** `X-Request-Id` of the HTTP request that triggered the run. */
  readonly requestId?: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  /** Trigger to result, for a finished run. */
  readonly durationMs?: number;
  readonly error?: string;
}

/** A run with its stages and, once done, its result. */
export interface RunView extends RunBasics {
  readonly stages: readonly StageView[];
  readonly result?: QueuedRunResult;
}

/** A run in a list: enough to show a row. */
export interface RunListItem extends RunBasics {
  readonly selectedLightModel?: string | null;
  /** Devices placed, by kind, for a completed run. */
  readonly placed?: { readonly light: number; readonly airSupply: number; readonly smokeDetector: number };
  readonly compliant?: boolean;
}
