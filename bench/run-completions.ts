import type { QueueEvents } from 'bullmq';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Tells when a run's root job finished, from the `placement` queue's event stream (one blocking
 * XREAD for every run in flight, no polling). The same detector serves every phase, so the
 * no-op and real runs are timed the same way. A root that finishes before anyone waits for it
 * (possible when the run id is only known from the trigger's answer) is remembered.
 */
export class RunCompletions {
  private readonly waiters = new Map<string, Waiter>();
  private readonly early = new Map<string, string | undefined>();

  constructor(events: QueueEvents) {
    events.on('completed', ({ jobId }) => this.settle(jobId, undefined));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, failedReason || 'failed'));
  }

  /** Resolves when root job `runId` completed; rejects when it failed or `timeoutMs` passed. */
  wait(runId: string, timeoutMs = 120_000): Promise<void> {
    if (this.early.has(runId)) {
      const failure = this.early.get(runId);
      this.early.delete(runId);
      return failure === undefined ? Promise.resolve() : Promise.reject(runFailed(runId, failure));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(runId);
        reject(new Error(`run ${runId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(runId, { resolve, reject, timer });
    });
  }

  private settle(jobId: string, failure: string | undefined): void {
    // Stage jobs are `<runId>.<stage>`; only roots (the run ids) matter here.
    if (jobId.includes('.')) return;
    const waiter = this.waiters.get(jobId);
    if (!waiter) {
      this.early.set(jobId, failure);
      return;
    }
    this.waiters.delete(jobId);
    clearTimeout(waiter.timer);
    if (failure === undefined) waiter.resolve();
    else waiter.reject(runFailed(jobId, failure));
  }
}

function runFailed(runId: string, reason: string): Error {
  return new Error(`run ${runId} failed: ${reason}`);
}
