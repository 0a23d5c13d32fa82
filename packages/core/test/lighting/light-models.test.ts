import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkLighting,
  LIGHT_MODEL_NAMES,
  type LightModelName,
  placeLights,
  placeLightsWithProof,
} from '../../src/lighting/index.js';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { TileKind } from '../../src/room/tile-kind.js';
import { bruteForceLighting } from '../support/brute-force-lighting.js';

const ROOMS_DIR = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
const sharedRooms: [string, Room][] = readdirSync(ROOMS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file, parseRoom(JSON.parse(readFileSync(ROOMS_DIR + file, 'utf8')))]);

/** Irregular rooms beyond those of data/rooms: a U, a ring around a core, two wings, a metric hall with existing lights. */
const extraRooms: [string, Room][] = [
  [
    'u-shaped',
    parseRoom({
      roomId: 'u-shaped',
      cellSize: 2,
      ceilingHeight: 10,
      layout: [
        '........------........',
        '........------........',
        '........------........',
        '........------........',
        '......................',
        '......#.........#.....',
        '......................',
      ],
    }),
  ],
  [
    'ring',
    parseRoom({
      roomId: 'ring',
      cellSize: 2,
      layout: [
        '................',
        '................',
        '................',
        '....########....',
        '....########....',
        '....########....',
        '................',
        '................',
        '................',
      ],
    }),
  ],
  [
    'two-wings',
    parseRoom({
      roomId: 'two-wings',
      cellSize: 2,
      roomType: 'retail',
      layout: ['.........---.......', '.........---.......', '...................', '.........---.......'],
    }),
  ],
  [
    'metric-with-lights',
    parseRoom({
      roomId: 'metric-with-lights',
      units: 'm',
      cellSize: 0.6,
      ceilingHeight: 3.2,
      roomType: 'lobby',
      layout: ['L..........', '...........', '.....L.....', '...........', '..........L'],
    }),
  ],
];

function expectCompliantLayout(room: Room, model: LightModelName): number[] {
  const tiles = placeLights(room, model);
  expect(new Set(tiles).size).toBe(tiles.length);
  for (const tile of tiles) expect(room.tiles[tile]).toBe(TileKind.Free);
  const lit = withDevices(room, tiles, 'light');
  const brute = bruteForceLighting(lit);
  expect(brute.averageLux).toBeGreaterThanOrEqual(room.requirements.illuminanceLux);
  expect(brute.uniformity).toBeGreaterThanOrEqual(room.requirements.uniformity);
  expect(brute.unreached).toBe(0);
  const check = checkLighting(lit);
  expect(check.pass).toBe(true);
  expect(check.metrics.averageLux).toBeCloseTo(brute.averageLux, 6);
  return tiles;
}

describe.each(LIGHT_MODEL_NAMES)('light model %s', (model) => {
  it.each(sharedRooms)('lights %s compliantly (brute-force verified), on free tiles only', (_, room) => {
    expectCompliantLayout(room, model);
  });

  it.each(extraRooms)('lights the irregular room %s compliantly', (_, room) => {
    expectCompliantLayout(room, model);
  });

  it('is deterministic', () => {
    for (const [, room] of [...sharedRooms, ...extraRooms])
      expect(placeLights(room, model)).toEqual(placeLights(room, model));
  });

  it('adds nothing when the existing lights already comply', () => {
    const room = parseRoom({ cellSize: 2, layout: ['LLLL', 'L..L', 'LLLL'] });
    expect(checkLighting(room).pass).toBe(true);
    expect(placeLights(room, model)).toEqual([]);
  });

  it('returns a best effort, never throws, when no layout can comply', () => {
    const room = parseRoom({
      cellSize: 2,
      layout: ['......', '..#...', '......'],
      requirements: { illuminanceLux: 100000 },
    });
    const tiles = placeLights(room, model);
    const check = checkLighting(withDevices(room, tiles, 'light'));
    expect(check.pass).toBe(false);
    expect(check.reasons[0]).toMatch(/below the 100000 lx target/);
    expect(check.confidence).toBeGreaterThan(0);
  });

  it('places nothing in a room without a free tile', () => {
    const room = parseRoom({ cellSize: 2, layout: ['###', '#-#'] });
    expect(placeLights(room, model)).toEqual([]);
    expect(checkLighting(room).pass).toBe(false);
  });
});

describe('the three models', () => {
  it('are genuinely different strategies (different layouts on the open-plan office)', () => {
    const room = sharedRooms.find(([file]) => file === 'office-open-plan.json')![1];
    const layouts = LIGHT_MODEL_NAMES.map((model) => placeLights(room, model).join(','));
    expect(new Set(layouts).size).toBe(3);
  });

  it.each(['office-l-shaped.json', 'office-open-plan.json', 'classroom-metric.json'])(
    'exact-mip places the fewest lights on %s, and its proven bound is below its count',
    (file) => {
      const room = sharedRooms.find(([name]) => name === file)![1];
      const exact = placeLightsWithProof(room, 'exact-mip');
      for (const model of ['lumen-array', 'staggered-search'] as const) {
        expect(exact.tiles.length).toBeLessThan(placeLights(room, model).length);
      }
      expect(exact.lowerBound).toBeLessThanOrEqual(exact.tiles.length);
      expect(exact.optimal).toBe(exact.tiles.length === exact.lowerBound);
    },
  );
});
