import { type DeviceType, TILE_KIND_BY_DEVICE } from './device-type.js';
import type { Room } from './room.js';
import { TileKind } from './tile-kind.js';

/**
 * A copy of `room` with devices of one type added on the given tiles. Throws when a tile is
 * not free: models must never place on a blocked tile, outside the room or on another device.
 */
export function withDevices(room: Room, tiles: readonly number[], type: DeviceType): Room {
  const next = room.tiles.slice();
  const kind = TILE_KIND_BY_DEVICE[type];
  for (const index of tiles) {
    if (next[index] !== TileKind.Free) {
      throw new Error(
        `cannot place ${type} at row ${Math.floor(index / room.cols)}, col ${index % room.cols}: tile is not free`,
      );
    }
    next[index] = kind;
  }
  return { ...room, tiles: next };
}

/** Indices of the tiles of one kind, in row-major order. */
export function tilesOfKind(room: Room, kind: TileKind): number[] {
  const found: number[] = [];
  const { tiles } = room;
  for (let i = 0; i < tiles.length; i++) if (tiles[i] === kind) found.push(i);
  return found;
}

/** Floor area of the room (its non-`-` tiles), in square room units. */
export function roomArea(room: Room): number {
  let count = 0;
  for (const kind of room.tiles) if (kind !== TileKind.Outside) count++;
  return count * room.cellSize * room.cellSize;
}
