import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';

/** `data/rooms`: the repository's sample rooms, one of each kind the rules must handle. */
export const REPOSITORY_ROOMS_DIR = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));

/** Every sample room, parsed, by file name. */
export function sharedRooms(): { file: string; room: Room }[] {
  return readdirSync(REPOSITORY_ROOMS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      room: parseRoom(JSON.parse(readFileSync(REPOSITORY_ROOMS_DIR + file, 'utf8'))),
    }));
}

/** One sample room by file name. */
export function sharedRoom(file: string): Room {
  return parseRoom(JSON.parse(readFileSync(REPOSITORY_ROOMS_DIR + file, 'utf8')));
}

/** A small ft room from layout strings, 2 ft tiles unless said otherwise. */
export function roomOf(
  layout: string[],
  options: { cellSize?: number; requirements?: Record<string, number> } = {},
): Room {
  return parseRoom({
    units: 'ft',
    cellSize: options.cellSize ?? 2,
    layout,
    ...(options.requirements ? { requirements: options.requirements } : {}),
  });
}
