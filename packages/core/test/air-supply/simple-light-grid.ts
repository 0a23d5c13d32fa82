import type { Room } from '../../src/room/room.js';
import { TileKind } from '../../src/room/tile-kind.js';

/**
 * A stand-in for the lighting stage in air-supply and smoke tests: a light on every free tile
 * whose row and col are both ≡ 1 (mod `pitch`), a troffer every 8 ft on 2 ft tiles. Deterministic
 * and independent of the lighting models, so these tests do not move when they change.
 */
export function simpleLightGrid(room: Room, pitch = 4): number[] {
  const lights: number[] = [];
  for (let r = 1; r < room.rows; r += pitch) {
    for (let c = 1; c < room.cols; c += pitch) {
      if (room.tiles[r * room.cols + c] === TileKind.Free) lights.push(r * room.cols + c);
    }
  }
  return lights;
}
