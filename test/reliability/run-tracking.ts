import { hostname } from 'node:os';
import type { RunService, RunView } from '@ceiling-grid/queue';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { checkResultIndependently } from '../support/independent-result-check.js';

/**
 * Polls runs until every one is completed or failed. Reads only the runs still pending, so a
 * batch of hundreds costs a few hundred hash reads per poll.
 */
export async function waitForRuns(
  runs: RunService,
  runIds: readonly string[],
  options: { timeoutMs: number; pollMs?: number },
): Promise<RunView[]> {
  const done = new Map<string, RunView>();
  const deadline = Date.now() + options.timeoutMs;
  let lastSeen = new Map<string, string>();
  while (Date.now() < deadline) {
    const pending = runIds.filter((id) => !done.has(id));
    if (pending.length === 0) return runIds.map((id) => done.get(id)!);
    const views = await Promise.all(pending.map((id) => runs.getRun(id)));
    lastSeen = new Map();
    views.forEach((view, i) => {
      if (view && (view.status === 'completed' || view.status === 'failed')) done.set(pending[i], view);
      else lastSeen.set(pending[i], view?.status ?? 'missing');
    });
    if (done.size < runIds.length) await sleep(options.pollMs ?? 250);
  }
  const states = [...lastSeen.entries()].slice(0, 10).map(([id, status]) => `${id}: ${status}`);
  throw new Error(
    `${runIds.length - done.size} of ${runIds.length} runs did not finish within ${options.timeoutMs} ms (${states.join(', ')})`,
  );
}

/** The BullMQ worker name of a service child process (`host:pid`, see workerIdentity). */
export function identityOf(pid: number | undefined): string {
  return `${hostname()}:${pid}`;
}

/** Jobs of a queue that are active right now and were taken by the worker `identity`. */
export async function activeJobsOf(queue: Queue, identity: string): Promise<Job[]> {
  const active = await queue.getJobs(['active']);
  return active.filter((job) => job.processedBy === identity);
}

/** One entry of a queue's event stream. */
export interface QueueEvent {
  readonly queue: string;
  readonly event: string;
  readonly jobId: string;
  /** When Redis wrote it (the stream id's millisecond part). */
  readonly at: number;
}

/** A live copy of queues' event streams, from before the test's first job on. */
export interface EventRecorder {
  /** Every event recorded so far, oldest first; one queue's only when given. */
  events(queue?: string): QueueEvent[];
  /** Waits until the recorder has read everything written so far, then stops it. */
  stop(): Promise<void>;
}

/**
 * Records every event of the given queues as Redis writes them. The streams themselves keep
 * only the last 1,000 events (RunService's cap), far fewer than a batch of 200 runs writes,
 * so a test that wants them all must read them as they come. Uses its own connection, which
 * waits through a Redis restart and resumes where it stopped.
 */
export function recordQueueEvents(
  redisUrl: string,
  prefix: string,
  queues: readonly string[],
): EventRecorder {
  const reader = new Redis(redisUrl, { maxRetriesPerRequest: null });
  reader.on('error', () => {
    // Reconnects by itself; a test that stops Redis expects these.
  });
  const keys = queues.map((queue) => `${prefix}:${queue}:events`);
  const lastIds = keys.map(() => '0');
  const recorded: QueueEvent[] = [];
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const batches = (await reader
        .xread('COUNT', 1000, 'BLOCK', 200, 'STREAMS', ...keys, ...lastIds)
        .catch(() => sleep(100).then(() => null))) as [string, [string, string[]][]][] | null;
      for (const [key, entries] of batches ?? []) {
        const k = keys.indexOf(key);
        for (const [id, fields] of entries) {
          const record: Record<string, string> = {};
          for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
          recorded.push({
            queue: queues[k],
            event: record.event ?? '',
            jobId: record.jobId ?? '',
            at: Number(id.split('-')[0]),
          });
          lastIds[k] = id;
        }
      }
    }
  })();
  return {
    events: (queue) => (queue === undefined ? [...recorded] : recorded.filter((e) => e.queue === queue)),
    stop: async () => {
      // One more pass after the stop request reads whatever arrived just before it.
      await sleep(300);
      stopping = true;
      await loop;
      reader.disconnect();
    },
  };
}

/** How many times each job id appears with `event` in `events`. */
export function countByJob(events: readonly QueueEvent[], event: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of events) {
    if (entry.event === event) counts.set(entry.jobId, (counts.get(entry.jobId) ?? 0) + 1);
  }
  return counts;
}

/** Minimum, median and maximum of a non-empty list, for a report line. */
export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor((sorted.length - 1) / 2)],
    max: sorted[sorted.length - 1],
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Every run completed with a result the independent brute-force checks accept, and each run's
 * root job completed exactly once in the recorded placement-queue events: one result per run.
 */
export function expectEachRunCompliantOnce(views: readonly RunView[], events: readonly QueueEvent[]): void {
  for (const view of views) {
    expect(view.status, `${view.runId}: ${view.error}`).toBe('completed');
    expect(checkResultIndependently(view.result!), view.runId).toEqual({
      lighting: true,
      airSupply: true,
      smokeDetection: true,
    });
  }
  const completedRoots = countByJob(events, 'completed');
  expect(views.map((view) => completedRoots.get(view.runId))).toEqual(views.map(() => 1));
}
