import type { Room } from './room.js';

/** What names and sizes a room, without its tiles or requirements: the fields every copy of it carries. */
export type RoomHeading = Pick<Room, 'roomId' | 'name' | 'units' | 'cellSize' | 'ceilingHeight' | 'roomType'>;

/**
 * The heading of a room or of a result's room summary, in the RULES §2 field order, `name` only
 * when there is one: the common part of the room JSON, the result's summary and a room rebuilt
 * from a result.
 */
export function roomHeading(room: RoomHeading): RoomHeading {
  return {
    roomId: room.roomId,
    ...(room.name !== undefined ? { name: room.name } : {}),
    units: room.units,
    cellSize: room.cellSize,
    ceilingHeight: room.ceilingHeight,
    roomType: room.roomType,
  };
}
