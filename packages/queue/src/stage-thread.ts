import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import {
  type AirSupplyStageOutput,
  type LightCandidate,
  type LightModelName,
  runAirSupplyStage,
  runLightModel,
  runSmokeDetectorStage,
  type SolverBudget,
  type StageInstruments,
} from '@ceiling-grid/core';
import { type InstrumentCall, recordingInstrument } from './instrument-recorder.js';
import { decodeRoom, type EncodedRoom } from './room-codec.js';

/** What the pool tells each of its threads when it starts it. */
export interface StageThreadData {
  /** This thread's niceness (StageThreadPoolOptions.niceness); 0 leaves it as it is. */
  readonly niceness: number;
}

const niceness = (workerData as StageThreadData | null)?.niceness ?? 0;
if (niceness > 0) {
  try {
    // With no pid: this thread only, on Linux. Lowering one's own priority needs no privilege.
    setPriority(niceness);
  } catch {
    // not supported here: the thread computes at the process's priority
  }
}

/** One stage of one job, as sent to a worker thread. */
export type StageTask =
  | {
      readonly stage: 'light';
      readonly room: EncodedRoom;
      readonly model: LightModelName;
      readonly solver?: Partial<SolverBudget>;
    }
  | {
      readonly stage: 'airSupply';
      readonly room: EncodedRoom;
      readonly candidates: readonly LightCandidate[];
      readonly solver?: Partial<SolverBudget>;
    }
  | {
      readonly stage: 'smokeDetectors';
      readonly room: EncodedRoom;
      readonly air: AirSupplyStageOutput;
      readonly runId: string;
      readonly solver?: Partial<SolverBudget>;
    };

/** What a thread sends back: the stage's output or its error, and the instrument calls it made. */
export interface StageThreadResult {
  readonly output?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
  readonly logs: readonly InstrumentCall[];
  readonly metrics: readonly InstrumentCall[];
}

/**
 * Runs one stage in a worker thread (the pool's entry point): the same core stage function the
 * processors call inline, with recording instruments whose calls the main thread replays.
 */
export default function runStageTask(task: StageTask): StageThreadResult {
  const logs: InstrumentCall[] = [];
  const metrics: InstrumentCall[] = [];
  const instruments: StageInstruments = {
    logger: recordingInstrument(logs),
    metrics: recordingInstrument(metrics),
  };
  const solver = task.solver ? { solver: task.solver } : {};
  try {
    const room = decodeRoom(task.room);
    let output: unknown;
    if (task.stage === 'light') output = runLightModel(room, task.model, instruments, solver);
    else if (task.stage === 'airSupply')
      output = runAirSupplyStage(room, task.candidates, instruments, solver);
    else output = runSmokeDetectorStage(room, task.air, { runId: task.runId, ...solver }, instruments);
    return { output, logs, metrics };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { error: { name, message }, logs, metrics };
  }
}
