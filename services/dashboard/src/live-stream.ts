import type { Request, Response } from 'express';
import type { LiveEvents } from './live-events.js';

/** What a live page shows now: its regions' markup by element id, and whether it is final. */
export interface LiveSnapshot {
  readonly regions: Readonly<Record<string, string>>;
  /** The page will not change again: the stream ends after this update. */
  readonly done: boolean;
}

/** Options of {@link streamLive}. */
export interface LiveStreamOptions {
  /** Runs (and floors) whose job events change the page. */
  readonly ids: readonly string[];
  /** Reads and renders the page's regions; `undefined` when what it shows is gone. */
  readonly read: () => Promise<LiveSnapshot | undefined>;
  /** Comment line (and a re-read, in case an event was missed) this often. Default 15 s. */
  readonly heartbeatMs?: number;
  /** Events within this window make one re-read (a floor's rooms finish in bursts). Default 250 ms. */
  readonly coalesceMs?: number;
}

/**
 * Serves a page's server-sent events: an `update` with every region at once, then one with the
 * regions that changed after each burst of job events, until the page is `done`. Each stream
 * only re-reads its own run or floor; the events come from the one shared {@link LiveEvents}.
 */
export function streamLive(req: Request, res: Response, live: LiveEvents, options: LiveStreamOptions): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // Reverse proxies (nginx) would otherwise hold the events back in a buffer.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  const sent = new Map<string, string>();
  let closed = false;
  let reading = false;
  let again = false;
  let pending: NodeJS.Timeout | undefined;

  const end = () => {
    if (closed) return;
    closed = true;
    clearTimeout(pending);
    clearInterval(heartbeat);
    unsubscribe();
    release();
    res.end();
  };
  const refresh = async (): Promise<void> => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      const snapshot = await options.read();
      if (!snapshot) return end();
      const changed = Object.entries(snapshot.regions).filter(([id, markup]) => sent.get(id) !== markup);
      for (const [id, markup] of changed) sent.set(id, markup);
      if (!closed && (changed.length > 0 || snapshot.done))
        res.write(
          `event: update\ndata: ${JSON.stringify({ regions: Object.fromEntries(changed), done: snapshot.done })}\n\n`,
        );
      if (snapshot.done) return end();
    } catch (error) {
      // Redis away for a moment: the next event or heartbeat reads again.
      req.log?.debug({ err: (error as Error).message }, 'live read failed');
    } finally {
      reading = false;
    }
    if (again) {
      again = false;
      schedule();
    }
  };
  const schedule = () => {
    if (!pending && !closed)
      pending = setTimeout(() => {
        pending = undefined;
        void refresh();
      }, options.coalesceMs ?? 250);
  };
  const unsubscribe = live.subscribe(options.ids, schedule);
  const release = live.hold(end);
  const heartbeat = setInterval(() => {
    res.write(': ping\n\n');
    void refresh();
  }, options.heartbeatMs ?? 15_000);
  req.on('close', end);
  void refresh();
}
