import { parseFloor } from '@ceiling-grid/core';
import { type FloorService, type FloorView, PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { JsonClient } from '../http-json.js';
import type { BenchFloorInput } from './bench-floor-rooms.js';

/** How the bench handed a floor to the system: the scheduler's route, or the service it calls. */
export type FloorTriggerPath = 'POST /api/floors' | 'FloorService.trigger';

/** A triggered floor: its run id and when it was handed over. */
export interface TriggeredFloor {
  readonly floorRunId: string;
  readonly via: FloorTriggerPath;
}

/**
 * Hands floors to the system and tells when they finished. Through the scheduler's
 * `POST /api/floors` when it has that route; on a build without it, through
 * `FloorService.trigger` in this process, the call the route makes, so the queue, the flow and
 * the workers measured are the same. Completion comes from the `placement` queue's events (the
 * floor's parent job completes once every room's run has finished), and every room's run
 * completion is timed on the way.
 */
export class FloorTrigger {
  private readonly api: JsonClient;
  private readonly events: QueueEvents;
  private readonly waiters = new Map<string, (failure: string | undefined) => void>();
  private readonly finished = new Map<string, string | undefined>();
  /** Root job id → times its `completed` event was seen, for the runs since {@link resetRuns}. */
  private runs = new Map<string, number[]>();

  constructor(
    schedulerUrl: string,
    apiToken: string,
    eventsConnection: Redis,
    prefix: string,
    private readonly service: FloorService,
  ) {
    this.api = new JsonClient(new URL(schedulerUrl), { authorization: `Bearer ${apiToken}` });
    // Read events from now on, so none is missed between connecting and the first XREAD.
    this.events = new QueueEvents(PLACEMENT_QUEUE, {
      connection: eventsConnection,
      prefix,
      lastEventId: `${Date.now()}-0`,
    });
    this.events.on('completed', ({ jobId }) => this.settle(jobId, undefined));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, failedReason || 'failed'));
  }

  ready(): Promise<unknown> {
    return this.events.waitUntilReady();
  }

  /** Adds the floor; resolves once it is accepted (202). */
  async trigger(floor: BenchFloorInput): Promise<TriggeredFloor> {
    const body = JSON.stringify(floor);
    const answer = await this.api.send('POST', '/api/floors', body);
    if (answer.status === 202) {
      const { floorRunId } = answer.body as { floorRunId?: string };
      if (!floorRunId)
        throw new Error(`POST /api/floors answered 202 without floorRunId: ${answer.bytes} bytes`);
      return { floorRunId, via: 'POST /api/floors' };
    }
    if (answer.status !== 404)
      throw new Error(`POST /api/floors answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const { floorRunId } = await this.service.trigger(parseFloor(floor), { source: 'bench' });
    return { floorRunId, via: 'FloorService.trigger' };
  }

  /** Resolves when the floor's parent job completed; rejects when it failed or `timeoutMs` passed. */
  wait(floorRunId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (failure: string | undefined) => {
        clearTimeout(timer);
        if (failure === undefined) resolve();
        else reject(new Error(`floor ${floorRunId} failed: ${failure}`));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(floorRunId);
        reject(new Error(`floor ${floorRunId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      if (this.finished.has(floorRunId)) done(this.finished.get(floorRunId));
      else this.waiters.set(floorRunId, done);
    });
  }

  /** The floor as the API gives it (`GET /api/floors/:id`), or as the service reads it without that route. */
  async view(triggered: TriggeredFloor): Promise<FloorView | undefined> {
    if (triggered.via === 'POST /api/floors') {
      const answer = await this.api.send('GET', `/api/floors/${triggered.floorRunId}`);
      return answer.status === 200 ? (answer.body as FloorView) : undefined;
    }
    return this.service.getFloor(triggered.floorRunId);
  }

  /** Forgets the run completions seen so far. */
  resetRuns(): void {
    this.runs = new Map();
  }

  /** When each run's root completed (ms since the epoch), by run id, since {@link resetRuns}. */
  runCompletions(): ReadonlyMap<string, readonly number[]> {
    return this.runs;
  }

  async close(): Promise<void> {
    this.api.close();
    await this.events.close();
  }

  private settle(jobId: string, failure: string | undefined): void {
    // Stage jobs are `<runId>.<stage>`; a run's root is its id.
    if (jobId.includes('.')) return;
    if (failure === undefined) this.runs.set(jobId, [...(this.runs.get(jobId) ?? []), Date.now()]);
    const waiter = this.waiters.get(jobId);
    if (waiter) {
      this.waiters.delete(jobId);
      waiter(failure);
    } else this.finished.set(jobId, failure);
  }
}
