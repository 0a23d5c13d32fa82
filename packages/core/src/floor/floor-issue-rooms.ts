import type { RoomIssue } from '../room/room-validation-error.js';

/** A floor issue with the room it is about, when it is about one room. */
export interface FloorIssue extends RoomIssue {
  /** Index of the room in the floor's `rooms`. */
  readonly roomIndex?: number;
  /** That room's `roomId` as submitted, when it gave a string one. */
  readonly roomId?: string;
}

const ROOM_PATH = /^rooms\[(\d+)\]/;

/**
 * Names the room of each issue `parseFloor` found (`rooms[3].layout[2]` is about room 3, whose
 * submitted `roomId` is read from `input`), so an answer can say "room r-204, layout[2]" rather
 * than only an index into a list of hundreds.
 */
export function locateFloorIssues(input: unknown, issues: readonly RoomIssue[]): FloorIssue[] {
  const rooms = (input as { rooms?: unknown } | null)?.rooms;
  return issues.map((issue) => {
    const match = ROOM_PATH.exec(issue.path);
    if (!match) return issue;
    const roomIndex = Number(match[1]);
    const roomId = Array.isArray(rooms)
      ? (rooms[roomIndex] as { roomId?: unknown } | null)?.roomId
      : undefined;
    return { ...issue, roomIndex, ...(typeof roomId === 'string' ? { roomId } : {}) };
  });
}
