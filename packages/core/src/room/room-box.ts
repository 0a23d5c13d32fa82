import type { Room } from './room.js';
import { TileKind } from './tile-kind.js';

const OUTSIDE: number = TileKind.Outside;

/** The bounding box of a room's tiles (everything but `-`), in tiles. */
export interface RoomBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
  /** Room tiles, blocked ones included. */
  readonly roomTiles: number;
  /** Whether the room fills its box: a plain rectangle (blocked tiles allowed inside). */
  readonly rectangular: boolean;
}

/** The bounding box of `room`'s tiles; a room always has at least one tile (RULES §2). */
export function roomBox(room: Room): RoomBox {
  const { rows, cols, tiles } = room;
  let top = rows;
  let bottom = -1;
  let left = cols;
  let right = -1;
  let roomTiles = 0;
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === OUTSIDE) continue;
    roomTiles++;
    const r = Math.floor(t / cols);
    const c = t % cols;
    if (r < top) top = r;
    bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  }
  const height = Math.max(0, bottom - top + 1);
  const width = Math.max(0, right - left + 1);
  return { top, left, height, width, roomTiles, rectangular: roomTiles > 0 && roomTiles === height * width };
}
