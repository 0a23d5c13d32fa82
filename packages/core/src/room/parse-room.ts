import { createHash } from 'node:crypto';
import { checkRoom } from './check-room.js';
import type { Room } from './room.js';
import type { LengthUnit } from './room-type.js';
import { RoomValidationError } from './room-validation-error.js';

export { toRoomIssue } from './check-room.js';

/**
 * Validates an input room (RULES §2, `layout` or legacy `matrix`) and returns the internal
 * {@link Room}. Throws {@link RoomValidationError} naming every field at fault and why; never
 * returns a half-valid room. A room without an id gets one derived from its content.
 */
export function parseRoom(input: unknown): Room {
  const checked = checkRoom(input);
  if (!checked.ok) throw new RoomValidationError(checked.issues);
  const { roomId, ...room } = checked.room;
  return { roomId: roomId ?? contentRoomId(room.tiles, room.cols, room.cellSize, room.units), ...room };
}

/** A deterministic, UUID-shaped id from the room's content, so the same room gets the same id. */
function contentRoomId(tiles: Uint8Array, cols: number, cellSize: number, units: LengthUnit): string {
  const hex = createHash('sha256').update(tiles).update(`${cols}|${cellSize}|${units}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
