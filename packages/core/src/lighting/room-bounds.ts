import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/** Bounding box of the room's tiles, inclusive tile rows and columns. */
export interface RoomBounds {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** The smallest row/column range holding every room tile. */
export function roomBounds(room: Room): RoomBounds {
  const { rows, cols, tiles } = room;
  let top = rows;
  let bottom = -1;
  let left = cols;
  let right = -1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (tiles[r * cols + c] === OUTSIDE) continue;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  return { top, bottom, left, right };
}
