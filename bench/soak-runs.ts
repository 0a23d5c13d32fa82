import { PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { attempts, readRunJobTimes, runSegments } from './harness/run-jobs.js';

/** One POST /api/runs of the soak. */
export interface Trigger {
  /** Wall clock (ms) when the request was sent. */
  readonly sentAt: number;
  status: number;
  httpMs: number;
  runId?: string;
}

/** A run that completed, as the soak read it back. */
export interface Finished {
  readonly runId: string;
  readonly finishedOn: number;
  readonly latencyMs: number;
}

/**
 * The placement queue's finished root jobs (run ids; stage jobs are `<runId>.<stage>`) with
 * their finish times, read incrementally from the completed and failed sets: retention trims
 * those sets (and the root jobs) past 20,000 entries, so a long soak cannot read every run back
 * at the end.
 */
export class FinishedRuns {
  readonly runs = new Map<string, { finishedOn: number; failed: boolean }>();
  private readonly from = { completed: 0, failed: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get size(): number {
    return this.runs.size;
  }

  async poll(): Promise<void> {
    for (const state of ['completed', 'failed'] as const) {
      const flat = await this.redis.zrangebyscore(
        `${this.prefix}:${PLACEMENT_QUEUE}:${state}`,
        this.from[state],
        '+inf',
        'WITHSCORES',
      );
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [jobId, score] = [flat[i], Number(flat[i + 1])];
        // From the last score inclusive: ties at the boundary are read twice, the map dedupes.
        this.from[state] = Math.max(this.from[state], score);
        if (!jobId.includes('.') && !this.runs.has(jobId)) {
          this.runs.set(jobId, { finishedOn: score, failed: state === 'failed' });
        }
      }
    }
  }
}

/** Every accepted run, sorted by what became of it. */
export interface RunOutcomes {
  readonly completed: Finished[];
  readonly failed: { runId: string; reason: string }[];
  readonly unfinished: string[];
  /** Accepted, never seen finished, and no such job. */
  readonly lost: string[];
}

/**
 * Every accepted run: completed or failed as the finished sets said, else read from its root
 * job (unfinished), else lost: accepted, never seen finished, and no such job.
 */
export async function classify(
  redis: Redis,
  prefix: string,
  accepted: readonly Trigger[],
  finished: FinishedRuns,
): Promise<RunOutcomes> {
  const outcomes: RunOutcomes = { completed: [], failed: [], unfinished: [], lost: [] };
  const unseen: Trigger[] = [];
  for (const t of accepted) {
    const seen = finished.runs.get(t.runId!);
    if (!seen) unseen.push(t);
    else if (seen.failed) outcomes.failed.push({ runId: t.runId!, reason: 'failed' });
    else
      outcomes.completed.push({
        runId: t.runId!,
        finishedOn: seen.finishedOn,
        latencyMs: seen.finishedOn - t.sentAt,
      });
  }
  // Not seen in the finished sets (the poll missed it, or it never finished): its root job decides.
  for (let i = 0; i < unseen.length; i += 1000)
    await classifyRootJobs(redis, prefix, unseen.slice(i, i + 1000), outcomes);
  return outcomes;
}

async function classifyRootJobs(
  redis: Redis,
  prefix: string,
  triggers: readonly Trigger[],
  outcomes: RunOutcomes,
): Promise<void> {
  const pipeline = redis.pipeline();
  for (const t of triggers) {
    const key = `${prefix}:${PLACEMENT_QUEUE}:${t.runId}`;
    pipeline.exists(key);
    pipeline.hmget(key, 'finishedOn', 'failedReason');
    pipeline.hstrlen(key, 'returnvalue');
  }
  const replies = (await pipeline.exec()) ?? [];
  triggers.forEach((t, j) => {
    const exists = replies[3 * j][1] as number;
    const [finishedOn, failedReason] = replies[3 * j + 1][1] as (string | null)[];
    const resultBytes = replies[3 * j + 2][1] as number;
    const runId = t.runId!;
    if (!exists) outcomes.lost.push(runId);
    else if (finishedOn && resultBytes > 0) {
      outcomes.completed.push({
        runId,
        finishedOn: Number(finishedOn),
        latencyMs: Number(finishedOn) - t.sentAt,
      });
    } else if (finishedOn) outcomes.failed.push({ runId, reason: failedReason ?? 'failed' });
    else outcomes.unfinished.push(runId);
  });
}

/**
 * Where a run's time went, from its jobs' timestamps (ms; the soak reads no result, so it ends
 * when the root job finishes), and how many attempts its jobs took (more than 5: a retry or a
 * stall). Runs whose jobs retention already removed are left out.
 */
export async function stageBreakdown(
  redis: Redis,
  prefix: string,
  runs: readonly Finished[],
  loadStart: number,
) {
  const out: Record<string, number | string>[] = [];
  for (const finished of runs) {
    const run = await readRunJobTimes(redis, prefix, finished.runId);
    if (!run) continue;
    const sentAt = finished.finishedOn - finished.latencyMs;
    const { rootToRead: _none, ...segments } = runSegments(run, sentAt, finished.finishedOn);
    out.push({
      runId: finished.runId,
      sentAtSecond: +((sentAt - loadStart) / 1000).toFixed(1),
      ...Object.fromEntries(Object.entries(segments).map(([key, ms]) => [key, Math.round(ms)])),
      attempts: attempts(run),
    });
  }
  return out;
}
