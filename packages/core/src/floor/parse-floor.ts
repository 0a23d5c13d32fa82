import { z } from 'zod';
import { parseRoom, toRoomIssue } from '../room/parse-room.js';
import type { Room } from '../room/room.js';
import type { RoomIssue } from '../room/room-validation-error.js';
import { RoomValidationError } from '../room/room-validation-error.js';
import type { Floor } from './floor.js';
import { MAX_FLOOR_ROOMS, MAX_FLOOR_TILES } from './floor-limits.js';
import { FloorValidationError } from './floor-validation-error.js';

/** The floor input of RULES §2 "Floors"; each room is checked by `parseRoom`. */
export const floorInputSchema = z.strictObject(
  {
    floorId: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 . _ -'),
    name: z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters').optional(),
    rooms: z
      .array(z.unknown(), { error: 'must be an array of rooms' })
      .min(1, 'must hold at least one room')
      .max(MAX_FLOOR_ROOMS, `must hold at most ${MAX_FLOOR_ROOMS} rooms`),
  },
  { error: 'must be an object' },
);

/**
 * Validates a floor: its fields, then every room as `parseRoom` would, then what only the
 * floor can see (unique room ids, one length unit, the floor's tile limit). Throws
 * {@link FloorValidationError} naming every bad room and field; never returns part of a floor.
 */
export function parseFloor(input: unknown): Floor {
  const parsed = floorInputSchema.safeParse(input);
  if (!parsed.success) throw new FloorValidationError(parsed.error.issues.map(toRoomIssue));
  const issues: RoomIssue[] = [];
  const rooms: Room[] = [];
  parsed.data.rooms.forEach((input, index) => {
    try {
      rooms.push(parseRoom(input));
    } catch (error) {
      if (!(error instanceof RoomValidationError)) throw error;
      for (const issue of error.issues)
        issues.push({
          path: issue.path ? `rooms[${index}].${issue.path}` : `rooms[${index}]`,
          message: issue.message,
        });
    }
  });
  if (issues.length === 0) issues.push(...floorWideIssues(rooms));
  if (issues.length > 0) throw new FloorValidationError(issues);
  return {
    floorId: parsed.data.floorId,
    name: parsed.data.name ?? parsed.data.floorId,
    units: rooms[0].units,
    rooms,
  };
}

function floorWideIssues(rooms: readonly Room[]): RoomIssue[] {
  const issues: RoomIssue[] = [];
  const firstIndexOf = new Map<string, number>();
  rooms.forEach((room, index) => {
    const first = firstIndexOf.get(room.roomId);
    if (first === undefined) firstIndexOf.set(room.roomId, index);
    else
      issues.push({
        path: `rooms[${index}].roomId`,
        message: `"${room.roomId}" is also the id of rooms[${first}]; each room of a floor needs its own roomId`,
      });
    if (room.units !== rooms[0].units)
      issues.push({
        path: `rooms[${index}].units`,
        message: `must be ${rooms[0].units} like rooms[0]: one floor is drawn in one unit`,
      });
  });
  const tiles = rooms.reduce((sum, room) => sum + room.rows * room.cols, 0);
  if (tiles > MAX_FLOOR_TILES)
    issues.push({
      path: 'rooms',
      message: `hold ${tiles} tiles in all; a floor may hold at most ${MAX_FLOOR_TILES}`,
    });
  return issues;
}
