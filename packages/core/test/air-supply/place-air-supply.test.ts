import { describe, expect, it } from 'vitest';
import {
  AIR_SUPPLY_MODEL,
  checkAirSupply,
  EXACT_AIR_SUPPLY_MODEL,
  placeAirSupply,
} from '../../src/air-supply/index.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { syntheticRoom } from '../../src/room/synthetic-room.js';
import { TileKind } from '../../src/room/tile-kind.js';
import { bruteForceAirSupply } from '../support/brute-force-air-smoke.js';
import { roomOf, sharedRoom, sharedRooms } from './shared-rooms.js';
import { simpleLightGrid } from './simple-light-grid.js';

/** The room the air-supply stage sees: the sample room with a simple light layout on it. */
function lit(room: Room): Room {
  return withDevices(room, simpleLightGrid(room), 'light');
}

describe('placeAirSupply on the sample rooms, after a simple light layout', () => {
  it.each(sharedRooms())(
    '$file: compliant by the check and by brute force, only on free tiles',
    ({ room }) => {
      const before = lit(room);
      const { model, tiles } = placeAirSupply(before);
      expect([AIR_SUPPLY_MODEL, EXACT_AIR_SUPPLY_MODEL]).toContain(model);
      for (const t of tiles) expect(before.tiles[t]).toBe(TileKind.Free);
      expect(new Set(tiles).size).toBe(tiles.length);
      const after = withDevices(before, tiles, 'airSupply');
      const check = checkAirSupply(after);
      expect(check.reasons).toEqual([]);
      expect(check.pass).toBe(true);
      const brute = bruteForceAirSupply(after);
      expect(brute.pass).toBe(true);
      expect(check.metrics.evenness).toBeCloseTo(brute.evenness, 12);
      // Compliant confidence is 0.75 + 0.25 × N_lb / N, N_lb at least the airflow count.
      const required = check.metrics.requiredCount;
      expect(check.confidence).toBeCloseTo(0.75 + (0.25 * required) / check.metrics.count, 12);
      // Evenness breaks ties: the layouts are even, not just legal.
      expect(brute.evenness).toBeGreaterThan(0.7);
    },
  );

  it.each(sharedRooms())('$file: deterministic', ({ room }) => {
    expect(placeAirSupply(lit(room))).toEqual(placeAirSupply(lit(room)));
  });

  it('works with no lights at all', () => {
    const room = sharedRoom('office-open-plan.json');
    const after = withDevices(room, placeAirSupply(room).tiles, 'airSupply');
    expect(bruteForceAirSupply(after).pass).toBe(true);
  });
});

describe('placeAirSupply with existing devices', () => {
  const room = lit(sharedRoom('existing-devices.json'));
  const existingDiffuser = 2 * room.cols + 2;
  const existingDetector = 4 * room.cols + 5;

  it('keeps the existing diffuser and counts it', () => {
    expect(room.tiles[existingDiffuser]).toBe(TileKind.AirSupply);
    const { tiles } = placeAirSupply(room);
    expect(tiles).not.toContain(existingDiffuser);
    const after = withDevices(room, tiles, 'airSupply');
    expect(after.tiles[existingDiffuser]).toBe(TileKind.AirSupply);
    const check = checkAirSupply(after);
    expect(check.metrics.count).toBe(tiles.length + 1);
    expect(check.pass).toBe(true);
  });

  it('keeps new diffusers the clearance away from the existing detector', () => {
    const { tiles } = placeAirSupply(room);
    const clearance = room.requirements.detectorDiffuserClearance;
    for (const t of tiles) {
      const dr = Math.floor(t / room.cols) - Math.floor(existingDetector / room.cols);
      const dc = (t % room.cols) - (existingDetector % room.cols);
      expect(Math.hypot(dr, dc) * room.cellSize).toBeGreaterThanOrEqual(clearance);
    }
  });

  it('adds nothing when the existing diffusers already meet every rule', () => {
    const done = roomOf(['..........', '..S.....S.', '..........']);
    expect(checkAirSupply(done).pass).toBe(true);
    expect(placeAirSupply(done).tiles).toEqual([]);
  });

  it('adds to an existing diffuser until the room is covered', () => {
    const start = roomOf(['S' + '.'.repeat(29)]);
    const { tiles } = placeAirSupply(start);
    const after = withDevices(start, tiles, 'airSupply');
    expect(after.tiles[0]).toBe(TileKind.AirSupply);
    expect(bruteForceAirSupply(after).pass).toBe(true);
  });
});

describe('placeAirSupply when the rules cannot all be met', () => {
  it('places what spacing allows when the count cannot fit, and the check says how many are missing', () => {
    // 3 × 3 tiles of 2 ft: no two tiles are 6 ft apart, yet 36 ft² × 50 cfm/ft² needs 8 diffusers.
    const room = roomOf(['...', '...', '...'], { requirements: { supplyAirflowPerArea: 50 } });
    const { tiles } = placeAirSupply(room);
    expect(tiles).toHaveLength(1);
    const check = checkAirSupply(withDevices(room, tiles, 'airSupply'));
    expect(check.pass).toBe(false);
    expect(check.metrics.requiredCount).toBe(8);
    expect(check.reasons).toHaveLength(1);
    expect(check.reasons[0]).toMatch(/^1 diffuser supply 250 cfm; the room needs 1,800 cfm .* 7 short$/);
  });

  it('does not throw on a room with no free tile, and the check fails', () => {
    const room = roomOf(['###', '#L#']);
    const { tiles } = placeAirSupply(room);
    expect(tiles).toEqual([]);
    const check = checkAirSupply(room);
    expect(check.pass).toBe(false);
    expect(check.reasons.length).toBeGreaterThan(0);
  });

  it('covers what it can when a strip of free tiles is too far away', () => {
    // Only col 0 is free, the far end is 38 ft off: the check reports the uncovered tiles.
    const room = roomOf(['.' + '#'.repeat(19)]);
    const { tiles } = placeAirSupply(room);
    expect(tiles).toEqual([0]);
    const check = checkAirSupply(withDevices(room, tiles, 'airSupply'));
    expect(check.pass).toBe(false);
    expect(check.reasons[0]).toMatch(/^13 of 20 room tiles are farther than 12 ft/);
  });
});

describe('placeAirSupply on synthetic rooms', () => {
  it.each([
    { rows: 100, cols: 100, columnPitch: 10 },
    { rows: 37, cols: 91, columnPitch: 7 },
    { rows: 60, cols: 60, columnPitch: 0, roomType: 'warehouse' as const },
  ])('$rows × $cols, columns every $columnPitch: compliant', (options) => {
    const room = lit(syntheticRoom(options));
    const after = withDevices(room, placeAirSupply(room).tiles, 'airSupply');
    const check = checkAirSupply(after);
    expect(check.reasons).toEqual([]);
    expect(check.metrics.evenness).toBeGreaterThan(0.85);
  });
});
