import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Floor, FloorValidationError, formatRoomIssue, parseFloor } from '@ceiling-grid/core';

/** The name of the floor summary in `--out-dir`; no room may have it as its id. */
export const FLOOR_SUMMARY_FILE = 'floor-summary.json';

/** A floor the CLI read, and where each of its rooms came from. */
export interface FloorInput {
  readonly floor: Floor;
  /** Per room, what to call it in messages: `floor.json rooms[3]` or `b.json`. */
  readonly sources: readonly string[];
}

/** Why a floor cannot run: one line per bad file, room or field, all of them. */
export class FloorInputError extends Error {
  override readonly name = 'FloorInputError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/** Options of {@link readFloorInput}. */
export interface ReadFloorOptions {
  /** Id of a floor made of room files. Default `floor`. */
  readonly floorId?: string;
  /** Name of a floor made of room files. Default its id. */
  readonly name?: string;
}

const ROOM_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Reads one floor file (`{ floorId, name, rooms }`, RULES §2 "Floors") or several room files
 * into one validated floor. A room file without a `roomId` takes its file name (`lab-2.json` →
 * `lab-2`), so its result has a name people recognise. Throws {@link FloorInputError} naming
 * every unreadable file and every bad room and field; never returns part of a floor.
 */
export async function readFloorInput(
  paths: readonly string[],
  options: ReadFloorOptions = {},
): Promise<FloorInput> {
  if (paths.length === 0) throw new FloorInputError(['name a floor file or one or more room files']);
  const problems: string[] = [];
  const inputs = await Promise.all(
    paths.map(async (path) => {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems.push(
          code ? `${path}: cannot read: ${code}` : `${path}: not valid JSON: ${(error as Error).message}`,
        );
        return undefined;
      }
    }),
  );
  if (problems.length > 0) throw new FloorInputError(problems);
  const floorFiles = paths.filter((_, i) => isFloorShaped(inputs[i]));
  if (floorFiles.length > 0 && paths.length > 1)
    throw new FloorInputError(
      floorFiles.map((path) => `${path}: is a floor (it has "rooms"); give a floor file alone`),
    );
  if (floorFiles.length === 1) return parseFloorFile(paths[0], inputs[0]);
  const rooms = inputs.map((input, i) => withFileRoomId(input, paths[i]));
  return parseWithSources(
    { floorId: options.floorId ?? 'floor', ...(options.name ? { name: options.name } : {}), rooms },
    [...paths],
  );
}

function isFloorShaped(input: unknown): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && 'rooms' in input;
}

function parseFloorFile(path: string, input: unknown): FloorInput {
  const rooms = (input as { rooms: unknown }).rooms;
  const sources = Array.isArray(rooms)
    ? rooms.map((room, i) => {
        const id = (room as { roomId?: unknown } | null)?.roomId;
        return typeof id === 'string' ? `${path} rooms[${i}] (${id})` : `${path} rooms[${i}]`;
      })
    : [];
  return parseWithSources(input, sources, path);
}

function withFileRoomId(input: unknown, path: string): unknown {
  if (
    typeof input !== 'object' ||
    input === null ||
    Array.isArray(input) ||
    'roomId' in input ||
    'room_id' in input
  )
    return input;
  const id = basename(path).replace(/\.json$/i, '');
  return ROOM_ID.test(id) ? { roomId: id, ...input } : input;
}

/**
 * `parseFloor`, with every issue told by where the room came from: `rooms[3]` becomes
 * `floor.json rooms[3] (lab-2)` for a floor file, `lab-2.json` for room files.
 */
function parseWithSources(input: unknown, sources: readonly string[], floorPath?: string): FloorInput {
  let floor: Floor;
  try {
    floor = parseFloor(input);
  } catch (error) {
    if (!(error instanceof FloorValidationError)) throw error;
    throw new FloorInputError(
      error.issues.map((issue) => describeIssue(formatRoomIssue(issue), sources, floorPath)),
    );
  }
  const summaryId = FLOOR_SUMMARY_FILE.replace(/\.json$/, '');
  const clash = floor.rooms.findIndex((room) => room.roomId === summaryId);
  if (clash >= 0)
    throw new FloorInputError([
      `${sources[clash]}: roomId: "${summaryId}" would overwrite the floor summary (${FLOOR_SUMMARY_FILE}); give the room another id`,
    ]);
  return { floor, sources };
}

function describeIssue(text: string, sources: readonly string[], floorPath?: string): string {
  let named = false;
  const described = text.replace(
    /rooms\[(\d+)\](\.)?/g,
    (whole, index: string, dot: string | undefined, at: number) => {
      const source = sources[Number(index)];
      if (!source) return whole;
      named = true;
      return at === 0 ? `${source}: ` : `${source}${dot ?? ''}`;
    },
  );
  if (named) return described.replace(/^(.*?): : /, '$1: ');
  return `${floorPath ?? 'floor'}: ${text}`;
}
