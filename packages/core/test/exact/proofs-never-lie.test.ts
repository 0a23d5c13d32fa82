import { describe, expect, it } from 'vitest';
import { placeAirSupply } from '../../src/air-supply/index.js';
import { LIGHT_MODEL_NAMES, placeLightsWithProof } from '../../src/lighting/index.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { TileKind } from '../../src/room/tile-kind.js';
import { placeSmokeDetectors } from '../../src/smoke-detection/index.js';
import { bruteForceAirSupply, bruteForceSmokeDetection } from '../support/brute-force-air-smoke.js';
import { bruteForceLighting } from '../support/brute-force-lighting.js';

/**
 * Exhaustive enumeration on tiny rooms: the true minimum number of new devices of each kind,
 * found by trying every subset of free tiles in order of size with the independent brute-force
 * checkers. Every `lowerBound` a model or stage reports must be at most that minimum, and
 * every `optimal: true` must sit exactly on it.
 */

/** The fewest tiles of `candidates` that make `passes` true, or Infinity. */
function trueMinimum(candidates: readonly number[], passes: (chosen: number[]) => boolean): number {
  const n = candidates.length;
  for (let k = 0; k <= n; k++) {
    const chosen: number[] = [];
    const walk = (from: number): boolean => {
      if (chosen.length === k) return passes(chosen);
      for (let i = from; i <= n - (k - chosen.length); i++) {
        chosen.push(candidates[i]);
        if (walk(i + 1)) return true;
        chosen.pop();
      }
      return false;
    };
    if (walk(0)) return k;
  }
  return Number.POSITIVE_INFINITY;
}

function freeTiles(room: Room): number[] {
  const out: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === TileKind.Free) out.push(t);
  return out;
}

const lightingRooms: [string, Room][] = [
  [
    '3 × 4 office, 1500 lx',
    parseRoom({ cellSize: 2, layout: ['....', '....', '....'], requirements: { illuminanceLux: 1500 } }),
  ],
  [
    'L-shape with a column',
    parseRoom({ cellSize: 2, layout: ['...--', '.#...', '.....'], requirements: { illuminanceLux: 1200 } }),
  ],
  ['corridor strip, SC on', parseRoom({ cellSize: 2, roomType: 'corridor', layout: ['............'] })],
  [
    'with an existing light',
    parseRoom({
      cellSize: 2,
      layout: ['L...', '....', '...-'],
      requirements: { illuminanceLux: 1400, uniformity: 0.7 },
    }),
  ],
  [
    'metric, low ceiling',
    parseRoom({
      units: 'm',
      cellSize: 0.6,
      ceilingHeight: 2.4,
      layout: ['.....', '.....'],
      requirements: { illuminanceLux: 900 },
    }),
  ],
  [
    'tight uniformity',
    parseRoom({
      cellSize: 2,
      layout: ['.....', '.....'],
      requirements: { illuminanceLux: 800, uniformity: 0.8 },
    }),
  ],
];

describe('lighting proofs against exhaustive enumeration', () => {
  it.each(lightingRooms)('%s', (_, room) => {
    const free = freeTiles(room);
    const minimum = trueMinimum(free, (chosen) => {
      const brute = bruteForceLighting(withDevices(room, chosen, 'light'));
      return (
        brute.averageLux >= room.requirements.illuminanceLux &&
        brute.uniformity >= room.requirements.uniformity &&
        brute.unreached === 0
      );
    });
    let existing = 0;
    for (const tile of room.tiles) if (tile === TileKind.Light) existing++;
    for (const model of LIGHT_MODEL_NAMES) {
      const proof = placeLightsWithProof(room, model);
      expect(proof.lowerBound - existing, model).toBeLessThanOrEqual(minimum);
      if (proof.optimal) expect(proof.tiles.length, model).toBe(minimum);
    }
    const stage = runPipeline(room).stages.lights;
    expect(stage.lowerBound).toBeLessThanOrEqual(minimum);
    const selected = stage.candidates.find((c) => c.model === stage.selected);
    if (stage.optimal) expect(selected?.count).toBe(minimum);
    // The exact model reaches the minimum on rooms this small.
    expect(placeLightsWithProof(room, 'exact-mip').tiles.length).toBe(minimum);
  });
});

const airRooms: [string, Room][] = [
  ['4 × 8, 2 ft', parseRoom({ cellSize: 2, layout: ['........', '........', '........', '........'] })],
  [
    'U-shape',
    parseRoom({
      cellSize: 3,
      layout: ['..--..', '..--..', '......'],
      requirements: { diffuserCoverageRadius: 6 },
    }),
  ],
  [
    'coverage sets the count',
    parseRoom({ cellSize: 2, layout: ['..........'], requirements: { diffuserCoverageRadius: 5 } }),
  ],
  [
    'with an existing diffuser',
    parseRoom({
      cellSize: 2,
      layout: ['S.......', '........', '......#.'],
      requirements: { supplyAirflowPerArea: 3 },
    }),
  ],
];

describe('air-supply proofs against exhaustive enumeration', () => {
  it.each(airRooms)('%s', (_, room) => {
    const minimum = trueMinimum(
      freeTiles(room),
      (chosen) => bruteForceAirSupply(withDevices(room, chosen, 'airSupply')).pass,
    );
    const placed = placeAirSupply(room);
    expect(placed.lowerBound).toBeLessThanOrEqual(minimum);
    expect(placed.tiles.length).toBe(minimum);
  });

  it('says when coverage, not airflow, sets the count', () => {
    const room = airRooms.find(([name]) => name === 'coverage sets the count')![1];
    const result = runPipeline(room, { lightModels: ['lumen-array'] });
    const metrics = result.compliance.airSupply!.metrics;
    expect(metrics.requiredCount).toBe(1);
    expect(metrics.lowerBound).toBe(2);
    expect(metrics.coverageSetsCount).toBe(1);
  });
});

const smokeRooms: [string, Room][] = [
  [
    '4 × 7, S = 8 ft',
    parseRoom({ cellSize: 2, layout: Array(4).fill('.......'), requirements: { detectorSpacing: 8 } }),
  ],
  [
    'L-shape, S = 7 ft',
    parseRoom({
      cellSize: 2,
      layout: ['....---', '....---', '.......', '.......'],
      requirements: { detectorSpacing: 7 },
    }),
  ],
  [
    'with a diffuser, S = 8 ft',
    parseRoom({
      cellSize: 2,
      layout: ['......', '..S...', '......', '......'],
      requirements: { detectorSpacing: 8 },
    }),
  ],
];

describe('smoke-detection proofs against exhaustive enumeration', () => {
  it.each(smokeRooms)('%s', (_, room) => {
    const minimum = trueMinimum(freeTiles(room), (chosen) => {
      const after = withDevices(room, chosen, 'smokeDetector');
      return chosen.length > 0 && bruteForceSmokeDetection(after).pass;
    });
    const placed = placeSmokeDetectors(room);
    expect(placed.lowerBound).toBeLessThanOrEqual(minimum);
    expect(placed.tiles.length).toBe(minimum);
  });
});
