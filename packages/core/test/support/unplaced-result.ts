import { type Room, type RunResult, summarizeRoom, toLayout } from '../../src/index.js';

/**
 * A room as a completed result with nothing placed: what the DXF export draws of the room alone
 * (its tiles and existing devices), the input of every import round trip in the tests.
 */
export function unplacedResult(room: Room, runId = `unplaced-${room.roomId}`): RunResult {
  return {
    runId,
    roomId: room.roomId,
    status: 'completed',
    room: summarizeRoom(room),
    layout: toLayout(room),
    placements: [],
    stages: { lights: { selected: null, candidates: [] } },
    compliance: {},
    durationMs: 0,
  };
}
