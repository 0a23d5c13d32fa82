import { parseRoom } from '../room/parse-room.js';
import type { Room } from '../room/room.js';
import { roomHeading } from '../room/room-heading.js';
import type { RunResult } from './run-result.js';

/** The placed room of a result, rebuilt from its summary and layout (to draw a stored run's plan). */
export function roomFromResult(result: Pick<RunResult, 'room' | 'layout'>): Room {
  const { room } = result;
  return parseRoom({
    ...roomHeading(room),
    layout: result.layout,
    requirements: room.requirements,
  });
}
