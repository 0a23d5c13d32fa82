import type { Logger } from '@ceiling-grid/observability';
import { LIGHTS_QUEUE, PLACEMENT_QUEUE } from '@ceiling-grid/queue';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';

/** Called when a job of a watched run (or floor) changed state. */
export type LiveListener = () => void;

/** Options of {@link LiveEvents}. */
export interface LiveEventsOptions {
  /** A blocking-capable connection (`maxRetriesPerRequest: null`); BullMQ reads the streams on a copy. */
  connection: Redis;
  /** Queue key prefix. */
  prefix: string;
  logger?: Logger;
}

/** How long {@link LiveEvents.close} waits for the stream readers to stop before it gives up on them. */
const CLOSE_WAIT_MS = 1000;

/** Job events that change what a run's page or a floor's page shows. */
const EVENTS = ['waiting', 'active', 'completed', 'failed', 'retries-exhausted'] as const;

/**
 * The dashboard's one reader of BullMQ's event streams: a `QueueEvents` per queue of a run
 * (lights, placement), shared by every open page, whatever their number. Pages subscribe to
 * run ids (a floor page to its floor's run ids and the floor id); a job's id starts with its
 * run's id (`<runId>.air-supply`, `<runId>.<model>`), so each event reaches only the pages
 * that show that run.
 */
export class LiveEvents {
  private sources: QueueEvents[] = [];
  private started: Promise<void> | undefined;
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly streams = new Set<() => void>();

  constructor(private readonly options: LiveEventsOptions) {}

  /**
   * Starts reading the streams (the first subscription does it too) and resolves once every
   * reader is connected. Nothing reads Redis before: a dashboard nobody watches live costs
   * no blocking connection.
   */
  ready(): Promise<void> {
    if (!this.started) {
      this.sources = [LIGHTS_QUEUE, PLACEMENT_QUEUE].map((name) => this.reader(name));
      this.started = Promise.all(this.sources.map((source) => source.waitUntilReady())).then(() => {
        // Events from before the readers connected were not seen: every page reads again.
        for (const id of [...this.listeners.keys()]) this.notify(id);
      });
    }
    return this.started;
  }

  /** Calls `listener` on every state change of a job of these runs or floors; returns the unsubscribe. */
  subscribe(ids: Iterable<string>, listener: LiveListener): () => void {
    void this.ready().catch((error) =>
      this.options.logger?.warn({ err: (error as Error).message }, 'live events not available'),
    );
    const watched = [...new Set(ids)];
    for (const id of watched) {
      let set = this.listeners.get(id);
      if (!set) {
        set = new Set();
        this.listeners.set(id, set);
      }
      set.add(listener);
    }
    return () => {
      for (const id of watched) {
        const set = this.listeners.get(id);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(id);
      }
    };
  }

  /** Keeps a stream's `end` until it is released, so {@link close} can end every open stream. */
  hold(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /** Runs and floors some page is watching. */
  get watchedIds(): number {
    return this.listeners.size;
  }

  /** Ends every open stream (their pages reconnect elsewhere), then stops reading the queues. */
  async close(): Promise<void> {
    for (const end of [...this.streams]) end();
    this.listeners.clear();
    // QueueEvents.close() waits for a Redis that may not answer (it may be why we stop).
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    await Promise.race([Promise.all(this.sources.map((source) => source.close())), timeout]);
    clearTimeout(timer);
  }

  private reader(name: string): QueueEvents {
    const events = new QueueEvents(name, {
      connection: this.options.connection,
      prefix: this.options.prefix,
    });
    events.on('error', (error) =>
      this.options.logger?.debug({ err: error.message, queue: name }, 'queue events error'),
    );
    for (const event of EVENTS)
      events.on(event, ({ jobId }: { jobId: string }) => this.notify(jobId.split('.')[0]));
    return events;
  }

  private notify(id: string): void {
    for (const listener of this.listeners.get(id) ?? []) listener();
  }
}
