import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, PipelineMetrics } from '@ceiling-grid/observability';
import { FloorService } from '@ceiling-grid/queue';
import {
  type QueueHarnessOptions,
  sharedRoom,
  startQueueHarness,
} from '../../../packages/queue/test/queue-harness.js';
import { createSchedulerApp, type SchedulerAppDeps } from '../src/create-scheduler-app.js';

/** A scheduler app listening on a free loopback port, its logs captured for assertions. */
export interface ListeningSchedulerApp {
  readonly base: string;
  readonly server: Server;
  /** Every JSON log line the app wrote so far. */
  logs(): string;
  close(): Promise<void>;
}

/**
 * Starts the real scheduler app in process (fast, for tests with many requests) with a
 * capturing logger and its own metrics registry; the caller owns `runs` and `connection`, and
 * `floors` when it gives one (else one on the runs' prefix is made, and closed with the app).
 */
export async function listenSchedulerApp(
  deps: Omit<SchedulerAppDeps, 'logger' | 'registry' | 'floors'> & { floors?: FloorService },
): Promise<ListeningSchedulerApp> {
  let logs = '';
  const ownFloors = deps.floors
    ? undefined
    : new FloorService({ connection: deps.connection, prefix: deps.runs.queuePrefix });
  const floors = deps.floors ?? (ownFloors as FloorService);
  const app = createSchedulerApp({
    ...deps,
    floors,
    logger: createLogger({
      service: 'scheduler',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logs += chunk;
          done();
        },
      }),
    }),
    registry: new PipelineMetrics({ service: 'scheduler', processMetrics: false }).registry,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    logs: () => logs,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ownFloors?.close();
    },
  };
}

/** What {@link startSchedulerUnderTest} takes: the app's settings over the tests' usual ones. */
export type SchedulerUnderTestOptions = Partial<
  Omit<Parameters<typeof listenSchedulerApp>[0], 'runs' | 'connection'>
> & {
  readonly apiToken: string;
  /** How the queue harness under the app starts. Default: with workers. */
  readonly harness?: QueueHarnessOptions;
};

/**
 * A queue harness (its own prefix, in-process workers) and the scheduler app on it, with the
 * settings most API tests share: the corridor as the sample room, 64 KiB bodies, 1000 triggers
 * a minute. The caller closes the app, then the harness.
 */
export async function startSchedulerUnderTest(options: SchedulerUnderTestOptions): Promise<{
  harness: Awaited<ReturnType<typeof startQueueHarness>>;
  app: ListeningSchedulerApp;
}> {
  const { harness: harnessOptions, ...settings } = options;
  const harness = await startQueueHarness(harnessOptions);
  const app = await listenSchedulerApp({
    sampleRoom: sharedRoom('corridor'),
    maxBodyBytes: 64 * 1024,
    triggerRateLimitPerMinute: 1000,
    ...settings,
    runs: harness.runs,
    connection: harness.connection,
  });
  return { harness, app };
}
