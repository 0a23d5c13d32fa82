import { formatRoomIssue, type RoomIssue } from '../room/room-validation-error.js';

/**
 * Thrown by `parseFloor` for a floor that is not valid as a whole: its own fields, or any of
 * its rooms (paths such as `rooms[3].layout[2]`). {@link FloorValidationError.issues} lists
 * every one found; nothing of such a floor is run.
 */
export class FloorValidationError extends Error {
  override readonly name = 'FloorValidationError';

  constructor(readonly issues: readonly RoomIssue[]) {
    super(issues.length === 0 ? 'invalid floor' : issues.map(formatRoomIssue).join('; '));
  }
}
