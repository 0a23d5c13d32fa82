import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NoLightLayoutError, type StageInstruments } from '@ceiling-grid/core';
import { Piscina } from 'piscina';
import { replayInstrumentCalls } from './instrument-recorder.js';
import type { StageTask, StageThreadData, StageThreadResult } from './stage-thread.js';

/** Options of {@link StageThreadPool}. */
export interface StageThreadPoolOptions {
  /** Threads at most: the worker's concurrency, so every job it holds can compute at once. */
  readonly threads: number;
  /** Rooms with at least this many tiles compute in a thread; 0 keeps every room inline. */
  readonly minTiles: number;
  /** Idle threads exit after this long. Default 60 s. */
  readonly idleTimeoutMs?: number;
  /**
   * Niceness of the compute threads, 0 (the process's own priority, the default) to 19. On
   * Linux a thread's priority is its own, so a positive value lowers only the compute: the main
   * thread, which answers `/healthz`, renews locks and handles SIGTERM, runs first when it wakes.
   */
  readonly niceness?: number;
}

/**
 * Worker threads for the stages of big rooms. A 500 × 500 room computes for seconds; on the
 * main thread that stalls BullMQ's lock renewal, `/healthz` and SIGTERM handling for as long.
 * In a thread the event loop stays free. Small rooms stay inline, where the hop to a thread
 * costs more than it saves (docs/BENCHMARKS.md).
 */
export class StageThreadPool {
  private readonly pool: Piscina<StageTask, StageThreadResult>;

  constructor(private readonly options: StageThreadPoolOptions) {
    // TypeScript sources (development, tests) load through tsx in the thread
    // (stage-thread-loader.mjs); a compiled build has stage-thread.js beside this file. Paths,
    // not `new URL('./…', import.meta.url)`, which a bundler such as Vite rewrites.
    const here = dirname(fileURLToPath(import.meta.url));
    const compiled = join(here, 'stage-thread.js');
    const entry = existsSync(compiled) ? compiled : join(here, 'stage-thread-loader.mjs');
    this.pool = new Piscina({
      filename: pathToFileURL(entry).href,
      minThreads: 0,
      maxThreads: Math.max(1, options.threads),
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      // None of the parent's flags (a test runner's loaders): the entry loads what it needs.
      execArgv: [],
      workerData: { niceness: options.niceness ?? 0 } satisfies StageThreadData,
    });
  }

  /** Whether a room of `tiles` tiles computes in a thread. */
  offloads(tiles: number): boolean {
    return this.options.minTiles > 0 && tiles >= this.options.minTiles;
  }

  /**
   * Runs the task in a thread and replays the logs and metrics it recorded on `instruments`.
   * Rethrows the stage's error, as the same class for {@link NoLightLayoutError}.
   */
  async run<T>(task: StageTask, instruments: StageInstruments): Promise<T> {
    const result = await this.pool.run(task);
    replayInstrumentCalls(instruments.logger, result.logs);
    replayInstrumentCalls(instruments.metrics, result.metrics);
    if (result.error) {
      if (result.error.name === 'NoLightLayoutError') throw new NoLightLayoutError(result.error.message);
      const error = new Error(result.error.message);
      error.name = result.error.name;
      throw error;
    }
    return result.output as T;
  }

  /** Threads started so far (for tests and metrics). */
  get threadsStarted(): number {
    return this.pool.threads.length;
  }

  /** Waits for running tasks, then stops every thread. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
