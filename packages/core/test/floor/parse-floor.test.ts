import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FloorValidationError, MAX_FLOOR_ROOMS, parseFloor } from '../../src/index.js';

const sample = JSON.parse(readFileSync('data/input/sample_grid.json', 'utf8')) as Record<string, unknown>;
const tiny = (roomId: string, extra: Record<string, unknown> = {}) => ({
  roomId,
  cellSize: 2,
  layout: ['....', '....', '....'],
  ...extra,
});

function issuesOf(input: unknown): string[] {
  try {
    parseFloor(input);
  } catch (error) {
    expect(error).toBeInstanceOf(FloorValidationError);
    return (error as FloorValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the floor to be rejected');
}

describe('parseFloor', () => {
  it('parses every room and keeps their order, the floor name defaulting to its id', () => {
    const floor = parseFloor({ floorId: 'level-3', rooms: [sample, tiny('a'), tiny('b')] });
    expect(floor.floorId).toBe('level-3');
    expect(floor.name).toBe('level-3');
    expect(floor.units).toBe('ft');
    expect(floor.rooms.map((room) => room.roomId)).toEqual([sample.roomId, 'a', 'b']);
    expect(floor.rooms[1].rows).toBe(3);
  });

  it('names every bad room and field at once, with the room index in the path', () => {
    const issues = issuesOf({
      floorId: 'f',
      rooms: [tiny('a'), tiny('b', { layout: ['..x.', '....'] }), tiny('c', { cellSize: -1 }), 7],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rooms\[1\]\.layout\[0\]: .*"x"/),
        expect.stringMatching(/^rooms\[2\]\.cellSize: /),
        expect.stringMatching(/^rooms\[3\]: /),
      ]),
    );
    expect(issues.some((issue) => issue.startsWith('rooms[0]'))).toBe(false);
  });

  it('rejects the floor fields themselves', () => {
    expect(issuesOf({ floorId: 'has space', rooms: [tiny('a')] })).toEqual([
      expect.stringMatching(/^floorId: must be 1–64 characters/),
    ]);
    expect(issuesOf({ floorId: 'f', rooms: [] })).toEqual(['rooms: must hold at least one room']);
    expect(issuesOf({ floorId: 'f', rooms: [tiny('a')], extra: 1 })[0]).toMatch(/extra/);
    expect(issuesOf([])).toEqual([': must be an object']);
    const many = Array.from({ length: MAX_FLOOR_ROOMS + 1 }, (_, i) => tiny(`r${i}`));
    expect(issuesOf({ floorId: 'f', rooms: many })).toEqual([
      `rooms: must hold at most ${MAX_FLOOR_ROOMS} rooms`,
    ]);
  });

  it('needs unique room ids and one length unit', () => {
    expect(issuesOf({ floorId: 'f', rooms: [tiny('a'), tiny('b'), tiny('a')] })).toEqual([
      'rooms[2].roomId: "a" is also the id of rooms[0]; each room of a floor needs its own roomId',
    ]);
    expect(issuesOf({ floorId: 'f', rooms: [tiny('a'), tiny('b', { units: 'm', cellSize: 0.6 })] })).toEqual([
      'rooms[1].units: must be ft like rooms[0]: one floor is drawn in one unit',
    ]);
  });

  it('limits the tiles of a floor as a whole', () => {
    const big = (id: string) => ({
      roomId: id,
      cellSize: 2,
      layout: Array.from({ length: 500 }, () => '.'.repeat(500)),
    });
    const issues = issuesOf({ floorId: 'f', rooms: Array.from({ length: 9 }, (_, i) => big(`r${i}`)) });
    expect(issues).toEqual(['rooms: hold 2250000 tiles in all; a floor may hold at most 2000000']);
  });
});
