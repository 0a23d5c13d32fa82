import {
  checkAirSupply,
  checkLighting,
  lightCountBounds,
  Photometry,
  type Room,
  TileKind,
  withDevices,
} from '../../src/index.js';
import { roomBox } from '../../src/room/room-box.js';

/**
 * The textbook regular arrays the quality bench measures the models against: `nx × ny` points
 * evenly spread over the room's bounding box (cell centres), each snapped to the nearest tile
 * that may take the device, points landing outside the room dropped; the first array, in order
 * of size, that passes every rule of its stage. Independent of the models on purpose.
 */

/** Where the k-th of n evenly spread lines falls along an extent, as a point in tile edges. */
function line(k: number, n: number, from: number, extent: number): number {
  return from + ((k + 0.5) * extent) / n;
}

/** The nearest allowed tile to a point within `reach` tiles (ties to the lower index), or −1. */
function snap(room: Room, allowed: (t: number) => boolean, y: number, x: number, reach: number): number {
  let best = -1;
  let bestD2 = Number.POSITIVE_INFINITY;
  const r0 = Math.floor(y);
  const c0 = Math.floor(x);
  for (let r = Math.max(0, r0 - reach); r <= Math.min(room.rows - 1, r0 + reach); r++) {
    for (let c = Math.max(0, c0 - reach); c <= Math.min(room.cols - 1, c0 + reach); c++) {
      const t = r * room.cols + c;
      if (!allowed(t)) continue;
      const d2 = (r + 0.5 - y) ** 2 + (c + 0.5 - x) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = t;
      }
    }
  }
  return best;
}

/** The array of nx × ny points snapped into the room, or undefined if a point finds no tile. */
function arrayOf(room: Room, allowed: (t: number) => boolean, nx: number, ny: number): number[] | undefined {
  const box = roomBox(room);
  const tiles = new Set<number>();
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const y = line(j, ny, box.top, box.height);
      const x = line(i, nx, box.left, box.width);
      const under = Math.floor(y) * room.cols + Math.floor(x);
      if (room.tiles[under] === TileKind.Outside) continue;
      const t = snap(room, (u) => allowed(u) && !tiles.has(u), y, x, 1);
      if (t < 0) return undefined;
      tiles.add(t);
    }
  }
  return [...tiles].sort((a, b) => a - b);
}

/** Splits of every size from `from` up, smallest first, as [nx, ny]. */
function* splits(
  from: number,
  to: number,
  box: { width: number; height: number },
): Generator<[number, number]> {
  for (let k = Math.max(1, from); k <= to; k++) {
    for (let nx = 1; nx <= k; nx++) {
      if (k % nx !== 0) continue;
      const ny = k / nx;
      if (nx <= box.width && ny <= box.height) yield [nx, ny];
    }
  }
}

/** New lights of the first regular array that passes DESIGN §4 lighting; Infinity if none does. */
export function regularLightArray(room: Room): number {
  const free = (t: number) => room.tiles[t] === TileKind.Free;
  const bounds = lightCountBounds(new Photometry(room));
  const box = roomBox(room);
  const freeCount = room.tiles.reduce((n, t) => n + (t === TileKind.Free ? 1 : 0), 0);
  for (const [nx, ny] of splits(bounds.average - bounds.existing, freeCount, box)) {
    const tiles = arrayOf(room, free, nx, ny);
    if (tiles && checkLighting(withDevices(room, tiles, 'light')).pass) return tiles.length;
  }
  return Number.POSITIVE_INFINITY;
}

/** New diffusers of the first regular array that passes DESIGN §4 air supply; Infinity if none. */
export function regularDiffuserArray(room: Room, detectorsOnInput: readonly number[]): number {
  const clearance = room.requirements.detectorDiffuserClearance / room.cellSize;
  const allowed = (t: number) =>
    room.tiles[t] === TileKind.Free &&
    detectorsOnInput.every((d) => {
      const dr = Math.floor(d / room.cols) - Math.floor(t / room.cols);
      const dc = (d % room.cols) - (t % room.cols);
      return dr * dr + dc * dc >= clearance * clearance * (1 - 1e-9);
    });
  const box = roomBox(room);
  const limit = Math.min(box.width * box.height, 5000);
  for (const [nx, ny] of splits(1, limit, box)) {
    const tiles = arrayOf(room, allowed, nx, ny);
    if (tiles && checkAirSupply(withDevices(room, tiles, 'airSupply')).pass) return tiles.length;
  }
  return Number.POSITIVE_INFINITY;
}
