import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoom } from '../../src/room/check-room.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { toRoomInput } from '../../src/room/to-room-input.js';

const ROOMS = join(import.meta.dirname, '../../../../data/rooms');
const roomFiles = readdirSync(ROOMS).filter((file) => file.endsWith('.json'));

describe('toRoomInput', () => {
  it.each(roomFiles)('gives %s back as JSON that parses to the same room', (file) => {
    const room = parseRoom(JSON.parse(readFileSync(join(ROOMS, file), 'utf8')));
    const input = toRoomInput(room);
    expect(parseRoom(JSON.parse(JSON.stringify(input)))).toEqual(room);
    expect(input.layout).toHaveLength(room.rows);
  });

  it('writes only the requirements that differ from the room type defaults', () => {
    const room = parseRoom({
      roomId: 'r1',
      cellSize: 2,
      roomType: 'corridor',
      layout: ['....'],
      requirements: { illuminanceLux: 150, lightLayout: 'aligned', uniformity: 0.4 },
    });
    // uniformity 0.4 is the corridor default, so it is not an override any more.
    expect(toRoomInput(room).requirements).toEqual({ illuminanceLux: 150, lightLayout: 'aligned' });
    expect(toRoomInput(parseRoom({ cellSize: 2, layout: ['.'] }))).not.toHaveProperty('requirements');
  });
});

describe('checkRoom', () => {
  it('answers the issues parseRoom throws, without throwing', () => {
    const input = { cellSize: 20, layout: ['..X', '..'] };
    const checked = checkRoom(input);
    expect(checked.ok).toBe(false);
    expect(() => parseRoom(input)).toThrow(
      expect.objectContaining({ issues: checked.ok ? [] : checked.issues }),
    );
    expect(checked.ok ? [] : checked.issues.map((issue) => issue.path)).toEqual([
      'cellSize',
      'layout[0]',
      'layout[1]',
    ]);
  });

  it('leaves the id to parseRoom when the input has none', () => {
    const checked = checkRoom({ cellSize: 2, layout: ['..'] });
    expect(checked.ok && checked.room.roomId).toBe(undefined);
    expect(parseRoom({ cellSize: 2, layout: ['..'] }).roomId).toMatch(/^[0-9a-f]{8}-/);
  });
});
