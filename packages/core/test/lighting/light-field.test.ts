import { describe, expect, it } from 'vitest';
import { LightField } from '../../src/lighting/light-field.js';
import { lightingMetrics, meetsLightingTargets } from '../../src/lighting/lighting-metrics.js';
import { Photometry } from '../../src/lighting/photometry.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { syntheticRoom } from '../../src/room/synthetic-room.js';
import { TileKind } from '../../src/room/tile-kind.js';
import { seededRandom } from './random-rooms.js';

describe('LightField (incremental field of the light models)', () => {
  // 60 × 70 tiles of 2 ft with a 9 ft ceiling: the update window (6·h ≈ 20 tiles) is smaller
  // than the room, so windowed updates really leave light out.
  const room = syntheticRoom({ rows: 60, cols: 70 });
  const photometry = new Photometry(room);
  const free: number[] = [];
  room.tiles.forEach((kind, tile) => {
    if (kind === TileKind.Free) free.push(tile);
  });

  it('keeps an exact average and a true lower bound of the minimum through random edits', () => {
    const random = seededRandom(99);
    const start = free.filter(() => random() < 0.08);
    const field = new LightField(photometry, start);
    for (let step = 0; step < 400; step++) {
      const lights = field.lightTiles();
      if (random() < 0.5 && lights.length > 1) field.remove(lights[Math.floor(random() * lights.length)]);
      else {
        const tile = free[Math.floor(random() * free.length)];
        if (!field.lights[tile]) field.add(tile);
      }
      if (step % 50 === 49) {
        const exact = lightingMetrics(photometry, field.lightTiles());
        expect(field.averageLux()).toBeCloseTo(exact.averageLux, 8);
        expect(field.minLuxLowerBound()).toBeLessThanOrEqual(exact.minLux + 1e-9);
        // The bound is useful, not just safe: within 10% of the exact minimum.
        expect(field.minLuxLowerBound()).toBeGreaterThan(0.9 * exact.minLux);
      }
    }
    field.resync();
    const exact = lightingMetrics(photometry, field.lightTiles());
    expect(field.minLuxLowerBound()).toBeCloseTo(exact.minLux, 8);
  });

  it('returns to a saved exact state exactly as a reset to its lights would', () => {
    const random = seededRandom(7);
    const saved = free.filter(() => random() < 0.06);
    const field = new LightField(photometry, saved);
    const state = field.exactState();
    field.reset(free.filter(() => random() < 0.05));
    field.add(free.find((tile) => !field.lights[tile])!);
    field.restoreExact(state);
    const fresh = new LightField(photometry, saved);
    expect(field.lightTiles()).toEqual(fresh.lightTiles());
    for (const tile of photometry.taskPoints) expect(field.fieldAt(tile)).toBe(fresh.fieldAt(tile));
    expect(field.averageLux()).toBe(fresh.averageLux());
    expect(field.weakestTaskPoint()).toBe(fresh.weakestTaskPoint());
    expect(field.exactMetrics()).toEqual(fresh.exactMetrics());
  });

  it('never approves a removal the exact verdict rejects', () => {
    // A dense layout with room to prune: every other tile, and the whole ring along the walls.
    const { rows, cols } = room;
    const dense = free.filter((tile) => {
      const r = Math.floor(tile / cols);
      const c = tile % cols;
      return (r % 2 === 0 && c % 2 === 0) || r === 0 || c === 0 || r === rows - 1 || c === cols - 1;
    });
    const field = new LightField(photometry, dense);
    expect(field.meetsTargets()).toBe(true);
    let removed = 0;
    for (const tile of field.lightTiles()) {
      if (!field.canRemove(tile)) continue;
      field.remove(tile);
      removed++;
      if (removed % 40 === 0) {
        expect(meetsLightingTargets(photometry, lightingMetrics(photometry, field.lightTiles()))).toBe(true);
      }
    }
    expect(removed).toBeGreaterThan(100);
    expect(meetsLightingTargets(photometry, lightingMetrics(photometry, field.lightTiles()))).toBe(true);
  });

  it('undoes a rejected change exactly', () => {
    const small = parseRoom({
      cellSize: 2,
      layout: ['..........', '..........', '..........', '..........'],
    });
    const p = new Photometry(small);
    const field = new LightField(p, [11, 15, 18]);
    const before = p.taskPoints.map((tile) => field.fieldAt(tile));
    const average = field.averageLux();
    expect(field.tryChange([11, 15, 18], [])).toBe(false);
    expect(p.taskPoints.map((tile) => field.fieldAt(tile))).toEqual(before.map((v) => expect.closeTo(v, 12)));
    expect(field.averageLux()).toBeCloseTo(average, 12);
    expect(field.lightTiles()).toEqual([11, 15, 18]);
  });
});
