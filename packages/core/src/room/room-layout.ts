import type { Room } from './room.js';
import { TILE_CHARS } from './tile-kind.js';

/** The room as RULES §2 layout strings, devices included: the whole answer of a run. */
export function toLayout(room: Room): string[] {
  const rows: string[] = [];
  for (let r = 0; r < room.rows; r++) {
    let line = '';
    for (let c = 0; c < room.cols; c++) line += TILE_CHARS[room.tiles[r * room.cols + c]];
    rows.push(line);
  }
  return rows;
}
