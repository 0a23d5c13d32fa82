import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';

/**
 * The textbook regular array: `nx × ny` points evenly spread over the room's bounding box (the
 * centres of an `nx × ny` division of it), each snapped to the nearest tile within one tile
 * that `allowed` accepts; points that fall outside the room are dropped. Returns the tiles
 * (ascending), or undefined when a point inside the room finds no tile.
 */
export function regularArrayPoints(
  room: Room,
  allowed: (tile: number) => boolean,
  nx: number,
  ny: number,
): number[] | undefined {
  const box = roomBox(room);
  const taken = new Set<number>();
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const y = box.top + ((j + 0.5) * box.height) / ny;
      const x = box.left + ((i + 0.5) * box.width) / nx;
      if (room.tiles[Math.floor(y) * room.cols + Math.floor(x)] === TileKind.Outside) continue;
      let best = -1;
      let bestD2 = Number.POSITIVE_INFINITY;
      for (let r = Math.max(0, Math.floor(y) - 1); r <= Math.min(room.rows - 1, Math.floor(y) + 1); r++) {
        for (let c = Math.max(0, Math.floor(x) - 1); c <= Math.min(room.cols - 1, Math.floor(x) + 1); c++) {
          const t = r * room.cols + c;
          if (!allowed(t) || taken.has(t)) continue;
          const d2 = (r + 0.5 - y) ** 2 + (c + 0.5 - x) ** 2;
          if (d2 < bestD2) {
            bestD2 = d2;
            best = t;
          }
        }
      }
      if (best < 0) return undefined;
      taken.add(best);
    }
  }
  return [...taken].sort((a, b) => a - b);
}

/** Every split `[nx, ny]` of array sizes `from` to `to` that fits the room's box, smallest first. */
export function* arraySplits(room: Room, from: number, to: number): Generator<[number, number]> {
  const box = roomBox(room);
  for (let k = Math.max(1, from); k <= to; k++) {
    for (let nx = 1; nx <= k; nx++) {
      if (k % nx === 0 && nx <= box.width && k / nx <= box.height) yield [nx, k / nx];
    }
  }
}
