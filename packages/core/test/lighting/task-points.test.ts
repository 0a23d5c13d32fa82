import { describe, expect, it } from 'vitest';
import { selectTaskPoints } from '../../src/lighting/photometry.js';
import { tilesNearWalls, wallDistanceSquared } from '../../src/lighting/room-boundary.js';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';
import { bruteForceTaskPoints } from '../support/brute-force-lighting.js';
import { randomRoomLayout, seededRandom } from './random-rooms.js';

const taskTiles = (room: Room, cellMetres: number) => [...selectTaskPoints(room, cellMetres).taskPoints];
const at = (room: Room, cells: [number, number][]) =>
  cells.map(([r, c]) => r * room.cols + c).sort((a, b) => a - b);

describe('task points (0.5 m from every wall)', () => {
  it('drops the ring of tiles along the walls of a 2 ft grid (centres 0.30 m away)', () => {
    const room = parseRoom({ cellSize: 2, layout: ['.....', '.....', '..#..', '.....', '.....'] });
    // Second ring centres are 3 ft = 0.91 m from the walls; the blocked tile counts too.
    const inner: [number, number][] = [];
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) inner.push([r, c]);
    expect(taskTiles(room, 0.6096)).toEqual(at(room, inner));
  });

  it('measures to the nearest point of the walls, corners included (L-shaped room)', () => {
    const room = parseRoom({
      cellSize: 2,
      layout: ['....--', '....--', '....--', '......', '......', '......'],
    });
    // Tile (3,3) has room tiles on all four sides but its centre is 0.707 tile = 0.43 m from
    // the inside corner at (row 3, col 4): excluded.
    const expected = at(room, [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 2],
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 4],
    ]);
    expect(taskTiles(room, 0.6096)).toEqual(expected);
    expect(bruteForceTaskPoints(room)).toEqual(expected);
  });

  it('keeps a centre exactly 0.5 m from the walls (1 m tiles)', () => {
    const room = parseRoom({ units: 'm', cellSize: 1, layout: ['...', '...'] });
    expect(taskTiles(room, 1)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('falls back to every room tile when no centre qualifies', () => {
    // 4 ft deep: every centre is 1 ft = 0.30 m from a wall.
    const room = parseRoom({ cellSize: 2, layout: ['--....', '......'] });
    expect(taskTiles(room, 0.6096)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('agrees with the brute-force wall distance on random rooms and tile sizes (both code paths)', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + Math.floor(random() * 18);
      const cols = 1 + Math.floor(random() * 18);
      const cellSize = [0.05, 0.12, 0.3, 0.6, 1, 2.5][trial % 6];
      const room = parseRoom({
        units: 'm',
        cellSize,
        ceilingHeight: 3,
        layout: randomRoomLayout(random, rows, cols),
      });
      expect(taskTiles(room, cellSize)).toEqual(bruteForceTaskPoints(room));
    }
  });

  it('computes exact wall distances with the distance transform', () => {
    const room = parseRoom({ units: 'm', cellSize: 1, layout: ['....--', '....--', '......', '......'] });
    const d2 = wallDistanceSquared(room);
    // Tile (1,1): 1.5 tiles from the top and left walls (2.5 from the notch wall at x = 4).
    expect(d2[1 * 6 + 1]).toBeCloseTo(1.5 * 1.5, 12);
    // Tile (2,3): nearest is the notch corner (2, 4): 0.5² + 0.5².
    expect(d2[2 * 6 + 3]).toBeCloseTo(0.5, 12);
    // Tiles near walls with a 1.2-tile clearance: the whole first ring and tile (2,3).
    const near = tilesNearWalls(room, 1.2);
    expect(near[2 * 6 + 3]).toBe(1);
    expect(near[2 * 6 + 2]).toBe(0);
  });
});
