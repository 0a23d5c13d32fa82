import { hostname } from 'node:os';
import type { RunService, RunView } from '@ceiling-grid/queue';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

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
  readonly event: string;
  readonly jobId: string;
  /** When Redis wrote it (the stream id's millisecond part). */
  readonly at: number;
}

/**
 * Every event still in a queue's event stream (BullMQ keeps about the last 10,000), oldest
 * first. Tests of a few hundred runs stay well under that cap, so nothing is trimmed.
 */
export async function queueEvents(redis: Redis, prefix: string, queue: string): Promise<QueueEvent[]> {
  const entries = await redis.xrange(`${prefix}:${queue}:events`, '-', '+');
  return entries.map(([id, fields]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
    return { event: record.event ?? '', jobId: record.jobId ?? '', at: Number(id.split('-')[0]) };
  });
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
