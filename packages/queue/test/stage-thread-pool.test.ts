import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { runPipeline } from '@ceiling-grid/core';
import { PipelineMetrics } from '@ceiling-grid/observability';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type InstrumentCall,
  recordingInstrument,
  replayInstrumentCalls,
  StageThreadPool,
} from '../src/index.js';
import { sharedRoom, startQueueHarness } from './queue-harness.js';

type Harness = Awaited<ReturnType<typeof startQueueHarness>>;
let harness: Harness | undefined;
let pool: StageThreadPool | undefined;

afterEach(async () => {
  await harness?.close();
  await pool?.close();
  harness = undefined;
  pool = undefined;
});

describe('instrument recording', () => {
  it('replays calls at any depth on the real object, with its owner as this', () => {
    const calls: InstrumentCall[] = [];
    const fake = recordingInstrument<{
      a: { inc(labels: object, by?: number): void };
      info(m: string): void;
    }>(calls);
    fake.a.inc({ model: 'x' }, 2);
    fake.info('hello');
    expect(calls).toEqual([
      { path: ['a', 'inc'], args: [{ model: 'x' }, 2] },
      { path: ['info'], args: ['hello'] },
    ]);
    const seen: unknown[] = [];
    const real = {
      a: {
        total: 0,
        inc(this: { total: number }, _labels: object, by = 1) {
          this.total += by;
        },
      },
      info: (message: string) => seen.push(message),
    };
    replayInstrumentCalls(real, calls);
    expect(real.a.total).toBe(2);
    expect(seen).toEqual(['hello']);
  });
});

describe('stages of big rooms in worker threads', () => {
  it('decides by tiles, and 0 keeps every room inline', () => {
    pool = new StageThreadPool({ threads: 1, minTiles: 100 });
    expect(pool.offloads(99)).toBe(false);
    expect(pool.offloads(100)).toBe(true);
    expect(new StageThreadPool({ threads: 1, minTiles: 0 }).offloads(250_000)).toBe(false);
  });

  it('gives the same run as inline, and reports its logs and metrics through the main thread', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    pool = new StageThreadPool({ threads: 2, minTiles: 1 });
    harness = await startQueueHarness({ logger: pino({ level: 'info' }, sink), threads: pool });
    const room = sharedRoom('office-open-plan');
    const { runId } = await harness.runs.trigger(room);
    const run = await harness.waitForRun(runId, 60_000);
    expect(run.status, run.error).toBe('completed');
    expect(pool.threadsStarted).toBeGreaterThan(0);
    expect(run.result?.layout).toEqual(runPipeline(room).layout);
    // The stages' own log lines, written in the threads, come out under the job's child logger.
    const stageLines = lines.filter((line) => line.runId === runId && line.queue === 'lights');
    expect(stageLines.length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('rethrows a stage error as itself', async () => {
    pool = new StageThreadPool({ threads: 1, minTiles: 1 });
    const metrics = new PipelineMetrics({ service: 'test', processMetrics: false });
    const room = sharedRoom('corridor');
    const { encodeRoom } = await import('../src/index.js');
    await expect(
      pool.run({ stage: 'airSupply', room: encodeRoom(room), candidates: [] }, { metrics }),
    ).rejects.toMatchObject({ name: 'NoLightLayoutError' });
  });

  it.runIf(existsSync('/proc/self/task'))(
    'computes at the niceness it is given, below the main thread that answers /healthz',
    async () => {
      pool = new StageThreadPool({ threads: 1, minTiles: 1, niceness: 7 });
      const metrics = new PipelineMetrics({ service: 'test', processMetrics: false });
      const { encodeRoom } = await import('../src/index.js');
      const room = encodeRoom(sharedRoom('corridor'));
      await expect(pool.run({ stage: 'airSupply', room, candidates: [] }, { metrics })).rejects.toThrow();
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's niceness.
      const niceness = (tid: string) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      expect(niceness(String(process.pid))).toBe(0);
      expect(readdirSync('/proc/self/task').map(niceness)).toContain(7);
    },
  );
});
