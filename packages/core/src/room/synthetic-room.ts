import { parseRoom } from './parse-room.js';
import type { Room } from './room.js';
import type { RoomType } from './room-type.js';

/** Options of {@link syntheticRoom}. */
export interface SyntheticRoomOptions {
  rows: number;
  cols: number;
  /** Default `office`. */
  roomType?: RoomType;
  /** Tile edge in ft. Default 2. */
  cellSize?: number;
  /** Ceiling height in ft. Default 9. */
  ceilingHeight?: number;
  /** A blocked column tile every this many tiles in both directions; 0 for none. Default 10. */
  columnPitch?: number;
}

/**
 * A plain rectangular room of the given size with a regular grid of columns: the synthetic
 * rooms of the benchmarks (100×100, 300×300 tiles).
 */
export function syntheticRoom(options: SyntheticRoomOptions): Room {
  const { rows, cols, roomType = 'office', cellSize = 2, ceilingHeight = 9, columnPitch = 10 } = options;
  const layout: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const column =
        columnPitch > 0 && r % columnPitch === columnPitch - 1 && c % columnPitch === columnPitch - 1;
      line += column ? '#' : '.';
    }
    layout.push(line);
  }
  return parseRoom({
    roomId: `synthetic-${rows}x${cols}`,
    name: `Synthetic ${roomType} ${rows} × ${cols} tiles`,
    units: 'ft',
    cellSize,
    ceilingHeight,
    roomType,
    layout,
  });
}
