import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIGHT_MODEL_NAMES, Photometry, placeLights } from '../../src/lighting/index.js';
import { paddedLength, paddedRowLength } from '../../src/lighting/lattice-convolver.js';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';
import { syntheticRoom } from '../../src/room/synthetic-room.js';
import { randomRoomLayout, seededRandom } from './random-rooms.js';

const ROOMS_DIR = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
const random = seededRandom(2026);
/** The rooms of data/rooms, a room large enough for the FFT paths, and random rooms with and without lights. */
const rooms: Room[] = [
  ...readdirSync(ROOMS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => parseRoom(JSON.parse(readFileSync(ROOMS_DIR + file, 'utf8')))),
  syntheticRoom({ rows: 60, cols: 45 }),
  ...Array.from({ length: 8 }, (_, i) =>
    parseRoom({
      roomId: `random-${i}`,
      cellSize: 2,
      ceilingHeight: 9,
      layout: randomRoomLayout(
        random,
        8 + Math.floor(random() * 30),
        8 + Math.floor(random() * 30),
        i % 2 ? 0.03 : 0,
      ),
    }),
  ),
];

describe('a photometry shared by the light models of one room', () => {
  it.each(rooms.map((room) => [room.roomId, room] as const))(
    'gives %s the layouts each model finds alone, in any order',
    (_, room) => {
      // A small exact budget: what is shared is the photometry, not the solver's work.
      const solver = { searchWork: 1e6, maxDenseIntegerVariables: 0, maxVariables: 500 };
      const alone = LIGHT_MODEL_NAMES.map((model) => placeLights(room, model, { solver }));
      const shared = new Photometry(room);
      const backwards = [...LIGHT_MODEL_NAMES]
        .reverse()
        .map((model) => placeLights(room, model, { photometry: shared, solver }));
      const again = LIGHT_MODEL_NAMES.map((model) =>
        placeLights(room, model, { photometry: shared, solver }),
      );
      expect(backwards.reverse()).toEqual(alone);
      expect(again).toEqual(alone);
    },
  );

  it('sums by the path a fresh photometry takes, whatever other photometries of the room did', () => {
    // Direct sums and FFT differ in the last bits, so the path must not depend on sharing:
    // sources × targets between one FFT's cost and two (the kernel transform's first use).
    const room = syntheticRoom({ rows: 60, cols: 45 });
    const tiles = room.rows * room.cols;
    const pr = paddedLength(room.rows);
    const pc = paddedRowLength(room.cols);
    const once = 1.5 * pr * pc * Math.log2(pr * pc);
    const targets = Array.from({ length: tiles }, (_, i) => i);
    const sources = targets.filter((i) => i % 7 === 3).slice(0, Math.ceil((1.5 * once) / tiles));
    expect(sources.length * tiles).toBeGreaterThan(once);
    expect(sources.length * tiles).toBeLessThanOrEqual(2 * once);

    const fresh = new Photometry(room).kernelSums(sources, targets);
    const warm = new Photometry(room);
    const weights = new Float64Array(tiles);
    for (const tile of sources) weights[tile] = 1;
    const byFft = warm.kernelSumsEverywhere(weights);
    expect(Array.from(byFft)).not.toEqual(Array.from(fresh)); // else this test could not fail
    expect(Array.from(new Photometry(room, warm).kernelSums(sources, targets))).toEqual(Array.from(fresh));
  });

  it('is refused for another room, naming both', () => {
    const office = syntheticRoom({ rows: 20, cols: 20 });
    const other = { ...office, roomId: 'other', tiles: office.tiles.slice() };
    other.tiles[0] = office.tiles[0] === 0 ? 1 : 0;
    expect(() => placeLights(other, 'lumen-array', { photometry: new Photometry(office) })).toThrow(
      /photometry shared between different rooms \(other, synthetic-20x20\)/,
    );
  });
});
