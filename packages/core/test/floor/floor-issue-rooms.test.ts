import { describe, expect, it } from 'vitest';
import { type FloorValidationError, locateFloorIssues, parseFloor } from '../../src/index.js';

describe('locateFloorIssues', () => {
  it('names the room of every issue about one room, by index and submitted roomId', () => {
    const input = {
      floorId: 'level-1',
      rooms: [
        { roomId: 'r-101', cellSize: 2, layout: ['....'] },
        { roomId: 'r-102', cellSize: -1, layout: ['..x.'] },
        { cellSize: 2, layout: ['....'], roomId: 7 },
      ],
    };
    let issues: readonly { path: string; message: string }[] = [];
    try {
      parseFloor(input);
    } catch (error) {
      issues = (error as FloorValidationError).issues;
    }
    const located = locateFloorIssues(input, issues);
    expect(located.length).toBe(issues.length);
    expect(located.filter((i) => i.roomIndex === 1).every((i) => i.roomId === 'r-102')).toBe(true);
    expect(located.filter((i) => i.roomIndex === 1).map((i) => i.path)).toEqual(
      expect.arrayContaining(['rooms[1].cellSize']),
    );
    const third = located.find((i) => i.roomIndex === 2);
    expect(third?.path).toBe('rooms[2].roomId');
    expect(third).not.toHaveProperty('roomId');
  });

  it('leaves issues about the floor itself as they are', () => {
    const issues = [{ path: 'floorId', message: 'must be a string' }];
    expect(locateFloorIssues({ rooms: 'x' }, issues)).toEqual(issues);
    expect(locateFloorIssues(null, [{ path: 'rooms[0]', message: 'm' }])).toEqual([
      { path: 'rooms[0]', message: 'm', roomIndex: 0 },
    ]);
  });
});
