import { type Room, runPipeline, syntheticRoom } from '@ceiling-grid/core';
import { median } from './harness/stats.js';

/** In-process pipeline time of one room size. */
export interface InProcessFigure {
  readonly room: string;
  readonly tiles: number;
  readonly repeats: number;
  /** Median wall time of `runPipeline`, ms. */
  readonly medianMs: number;
  readonly minMs: number;
  /** Median time of each stage as the result reports it: the slowest light model, air supply, smoke. */
  readonly stagesMs: { readonly lights: number; readonly airSupply: number; readonly smokeDetectors: number };
  /** Median time of each light model. */
  readonly lightModelsMs: Readonly<Record<string, number>>;
  readonly status: string;
  /** Bytes of the result (RULES §5) as JSON: what the root job returns and Redis stores. */
  readonly resultBytes: number;
}

/**
 * Times `runPipeline` (the whole pipeline in this process, no Redis) on the sample room and
 * the synthetic 100×100 and 300×300 rooms: unmeasured warm-up runs, then `repeats` timed runs
 * (ten times as many for the sample).
 */
export function measureInProcessPipeline(sample: Room, repeats: number): InProcessFigure[] {
  const rooms: [string, Room][] = [
    ['sample', sample],
    ['100×100', syntheticRoom({ rows: 100, cols: 100 })],
    ['300×300', syntheticRoom({ rows: 300, cols: 300 })],
  ];
  return rooms.map(([label, room]) => {
    // Small rooms run in a few ms, so JIT warm-up and GC would dominate a handful of runs: they
    // get more warm-up and ten times the repeats. For 300×300 a warm-up would double the cost.
    const tiles = room.rows * room.cols;
    const warmups = tiles <= 1_000 ? 10 : tiles <= 10_000 ? 1 : 0;
    const runs = tiles <= 1_000 ? repeats * 10 : repeats;
    for (let i = 0; i < warmups; i++) runPipeline(room);
    const wall: number[] = [];
    const stages = { lights: [] as number[], airSupply: [] as number[], smokeDetectors: [] as number[] };
    const models = new Map<string, number[]>();
    let status = 'completed';
    let resultBytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const result = runPipeline(room);
      wall.push(performance.now() - t0);
      status = result.status;
      resultBytes = Buffer.byteLength(JSON.stringify(result));
      for (const c of result.stages.lights.candidates) {
        models.set(c.model, [...(models.get(c.model) ?? []), c.durationMs]);
      }
      stages.lights.push(Math.max(0, ...result.stages.lights.candidates.map((c) => c.durationMs)));
      stages.airSupply.push(result.stages.airSupply?.durationMs ?? Number.NaN);
      stages.smokeDetectors.push(result.stages.smokeDetectors?.durationMs ?? Number.NaN);
    }
    return {
      room: label,
      tiles: room.rows * room.cols,
      repeats: runs,
      medianMs: median(wall),
      minMs: Math.min(...wall),
      stagesMs: {
        lights: median(stages.lights),
        airSupply: median(stages.airSupply),
        smokeDetectors: median(stages.smokeDetectors),
      },
      lightModelsMs: Object.fromEntries([...models].map(([model, times]) => [model, median(times)])),
      status,
      resultBytes,
    };
  });
}
