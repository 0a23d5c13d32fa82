import { describe, expect, it } from 'vitest';
import { placeAirSupply } from '../../src/air-supply/index.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { syntheticRoom } from '../../src/room/synthetic-room.js';
import { TileKind } from '../../src/room/tile-kind.js';
import {
  checkSmokeDetection,
  EXACT_SMOKE_DETECTION_MODEL,
  placeSmokeDetectors,
  regularArrayDetectorCount,
  SMOKE_DETECTION_MODEL,
} from '../../src/smoke-detection/index.js';
import { roomOf, sharedRoom, sharedRooms } from '../air-supply/shared-rooms.js';
import { simpleLightGrid } from '../air-supply/simple-light-grid.js';
import { bruteForceAirSupply, bruteForceSmokeDetection } from '../support/brute-force-air-smoke.js';

/** The room the smoke stage sees: simple lights, then the air-supply model's diffusers. */
function beforeSmoke(room: Room): Room {
  const lit = withDevices(room, simpleLightGrid(room), 'light');
  return withDevices(lit, placeAirSupply(lit).tiles, 'airSupply');
}

function placed(room: Room): { tiles: number[]; after: Room } {
  const { tiles } = placeSmokeDetectors(room);
  return { tiles, after: withDevices(room, tiles, 'smokeDetector') };
}

describe('placeSmokeDetectors on the sample rooms, after lights and diffusers', () => {
  it.each(sharedRooms())(
    '$file: compliant by the check and by brute force, only on free tiles',
    ({ room }) => {
      const before = beforeSmoke(room);
      const { model, tiles } = placeSmokeDetectors(before);
      expect([SMOKE_DETECTION_MODEL, EXACT_SMOKE_DETECTION_MODEL]).toContain(model);
      for (const t of tiles) expect(before.tiles[t]).toBe(TileKind.Free);
      expect(new Set(tiles).size).toBe(tiles.length);
      const after = withDevices(before, tiles, 'smokeDetector');
      const check = checkSmokeDetection(after);
      expect(check.reasons).toEqual([]);
      expect(check.pass).toBe(true);
      expect(bruteForceSmokeDetection(after).pass).toBe(true);
      // The whole ceiling stays compliant for air too: detectors never displace diffusers.
      expect(bruteForceAirSupply(after).pass).toBe(true);
    },
  );

  it.each(sharedRooms())('$file: deterministic', ({ room }) => {
    const before = beforeSmoke(room);
    expect(placeSmokeDetectors(before)).toEqual(placeSmokeDetectors(before));
  });
});

describe('placeSmokeDetectors with existing detectors', () => {
  it('keeps and counts the existing detector, adding none where it already covers the room', () => {
    const room = beforeSmoke(sharedRoom('existing-devices.json'));
    const existing = 4 * room.cols + 5;
    expect(room.tiles[existing]).toBe(TileKind.SmokeDetector);
    const { tiles, after } = placed(room);
    expect(tiles).toEqual([]);
    const check = checkSmokeDetection(after);
    expect(check.metrics.count).toBe(1);
    expect(check.pass).toBe(true);
  });

  it('adds to an existing detector that covers only part of the room, and counts it', () => {
    // 80 × 8 ft corridor with a detector at its west end: two more cover the rest.
    const room = roomOf(
      Array.from({ length: 4 }, (_, r) => (r === 1 ? '.D' + '.'.repeat(38) : '.'.repeat(40))),
    );
    const { tiles, after } = placed(room);
    expect(tiles).not.toContain(41);
    expect(after.tiles[41]).toBe(TileKind.SmokeDetector);
    const check = checkSmokeDetection(after);
    expect(check.pass).toBe(true);
    expect(check.metrics.count).toBe(tiles.length + 1);
    expect(tiles.length).toBe(2);
  });
});

describe('placeSmokeDetectors in an infeasible room', () => {
  it('still places the best detector, farthest from the diffuser, and the check says why it fails', () => {
    // 2 × 2 tiles of 2 ft, diffuser at row 0, col 0: every other tile is within 2.83 ft of it.
    const room = roomOf(['S.', '..']);
    const { tiles, after } = placed(room);
    expect(tiles).toEqual([3]);
    const check = checkSmokeDetection(after);
    expect(check.pass).toBe(false);
    expect(check.metrics.coveredFraction).toBe(1);
    expect(check.reasons).toEqual([
      'detector at row 1, col 1 is 2.83 ft from the diffuser at row 0, col 0; needs 3 ft',
    ]);
  });

  it('does not throw when no tile can take a detector', () => {
    const room = roomOf(['#L#', 'LSL']);
    const { tiles } = placeSmokeDetectors(room);
    expect(tiles).toEqual([]);
    expect(checkSmokeDetection(room).pass).toBe(false);
  });

  it('covers what it can when part of the room is out of reach of every free tile', () => {
    const room = roomOf(['.' + '#'.repeat(29)]);
    const { tiles, after } = placed(room);
    expect(tiles).toEqual([0]);
    const check = checkSmokeDetection(after);
    expect(check.pass).toBe(false);
    expect(check.reasons[0]).toMatch(/check points .* are farther than 21 ft/);
  });
});

describe('placeSmokeDetectors never uses more than the best regular array of a rectangle', () => {
  const sizes: [number, number][] = [
    [5, 5],
    [10, 10],
    [12, 30],
    [20, 20],
    [25, 17],
    [40, 40],
    [8, 60],
    [33, 47],
  ];
  it.each(sizes)('%i × %i tiles, empty', (rows, cols) => {
    const room = syntheticRoom({ rows, cols, columnPitch: 0 });
    const { tiles, after } = placed(room);
    expect(checkSmokeDetection(after).pass).toBe(true);
    expect(tiles.length).toBeLessThanOrEqual(regularArrayDetectorCount(room));
  });

  it.each(sizes)('%i × %i tiles, with columns, lights and diffusers', (rows, cols) => {
    const room = beforeSmoke(syntheticRoom({ rows, cols, columnPitch: 6 }));
    const { tiles, after } = placed(room);
    const check = checkSmokeDetection(after);
    expect(check.reasons).toEqual([]);
    expect(tiles.length).toBeLessThanOrEqual(regularArrayDetectorCount(room));
  });
});

describe('placeSmokeDetectors in a large open room', () => {
  it('needs fewer detectors than the best square array in 150 × 150 ft', () => {
    const room = syntheticRoom({ rows: 75, cols: 75, columnPitch: 0 });
    const square = regularArrayDetectorCount(room);
    const { tiles, after } = placed(room);
    expect(checkSmokeDetection(after).pass).toBe(true);
    expect(tiles.length).toBeLessThan(square);
  });

  it('needs a tenth fewer in 300 × 300 ft, where walls still weigh', () => {
    const room = syntheticRoom({ rows: 150, cols: 150, columnPitch: 0 });
    const square = regularArrayDetectorCount(room);
    const { tiles, after } = placed(room);
    expect(checkSmokeDetection(after).pass).toBe(true);
    expect(tiles.length).toBeLessThanOrEqual(Math.floor(square * 0.9));
  });

  it('needs about a fifth fewer in 400 × 400 ft', () => {
    const room = syntheticRoom({ rows: 200, cols: 200, columnPitch: 0 });
    const square = regularArrayDetectorCount(room);
    const { tiles, after } = placed(room);
    const check = checkSmokeDetection(after);
    expect(check.pass).toBe(true);
    expect(tiles.length).toBeLessThanOrEqual(Math.floor(square * 0.82));
    // And within a fifth of the hexagonal lower bound of RULES §4.
    expect(tiles.length).toBeLessThanOrEqual(Math.ceil(check.metrics.lowerBound * 1.2));
  });
});
