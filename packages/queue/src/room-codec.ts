import { type Room, TILE_CHARS, TILE_KIND_BY_CHAR } from '@ceiling-grid/core';

/**
 * A room as a job carries it: the room's fields plus its tiles run-length encoded as
 * `<count><char>` pairs over the row-major layout (`18.1#5.`), a few hundred bytes for a typical
 * room instead of a quarter of a million cell objects.
 */
export interface EncodedRoom {
  readonly roomId: string;
  readonly name?: string;
  readonly units: Room['units'];
  readonly cellSize: number;
  readonly ceilingHeight: number;
  readonly roomType: Room['roomType'];
  readonly rows: number;
  readonly cols: number;
  readonly tiles: string;
  readonly requirements: Room['requirements'];
}

/** Encodes a validated room for a job payload. */
export function encodeRoom(room: Room): EncodedRoom {
  const { tiles: raw, ...fields } = room;
  let tiles = '';
  let i = 0;
  while (i < raw.length) {
    const kind = raw[i];
    let run = 1;
    while (i + run < raw.length && raw[i + run] === kind) run++;
    tiles += (run > 1 ? String(run) : '') + TILE_CHARS[kind];
    i += run;
  }
  return { ...fields, tiles };
}

/** Decodes a room a job carries. Throws on a payload that does not describe `rows × cols` tiles. */
export function decodeRoom(encoded: EncodedRoom): Room {
  const { tiles: text, ...fields } = encoded;
  const tiles = new Uint8Array(encoded.rows * encoded.cols);
  let at = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      count = count * 10 + (code - 48);
      continue;
    }
    const kind = TILE_KIND_BY_CHAR[text[i]];
    const run = count === 0 ? 1 : count;
    if (kind === undefined || at + run > tiles.length)
      throw new Error(`corrupt room encoding at character ${i}`);
    tiles.fill(kind, at, at + run);
    at += run;
    count = 0;
  }
  if (at !== tiles.length) throw new Error(`room encoding has ${at} tiles, expected ${tiles.length}`);
  return { ...fields, tiles };
}
