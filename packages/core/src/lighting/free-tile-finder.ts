import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

const FREE: number = TileKind.Free;

/**
 * Finds the free tile (a `.` tile not yet taken by a light) nearest to a point of the plan.
 * Used to snap ideal light positions onto the ceiling and to put a light as close as possible
 * to a weak task point.
 */
export class FreeTileFinder {
  private readonly room: Room;
  private readonly taken: Uint8Array;

  /** `taken` is read live: tiles set to 1 there are not offered. */
  constructor(room: Room, taken: Uint8Array) {
    this.room = room;
    this.taken = taken;
  }

  /** True when a light may go on `tile` now. */
  isAvailable(tile: number): boolean {
    return this.room.tiles[tile] === FREE && !this.taken[tile];
  }

  /**
   * Available tile whose centre is nearest to the point (`y`, `x`) in tile edges from the
   * grid's top-left corner (tile (r, c) has its centre at (r + 0.5, c + 0.5)), within
   * `maxDistance` tile edges; ties go to the lower tile index. −1 when there is none.
   */
  nearestToPoint(y: number, x: number, maxDistance = Number.POSITIVE_INFINITY): number {
    const { rows, cols, tiles } = this.room;
    const taken = this.taken;
    const r0 = Math.min(rows - 1, Math.max(0, Math.floor(y)));
    const c0 = Math.min(cols - 1, Math.max(0, Math.floor(x)));
    const limit2 = maxDistance * maxDistance;
    let best = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    // Ring k holds the tiles at Chebyshev offset k from the point's tile; their centres are
    // at least k − 1 tile edges from the point, even when the point lies off the grid.
    const maxRing = Math.max(rows, cols) + Math.ceil(Math.abs(y - r0) + Math.abs(x - c0));
    for (let k = 0; k <= maxRing; k++) {
      const lower = k - 1;
      if (lower > 0 && (lower * lower > bestD2 || lower * lower > limit2)) break;
      for (let r = r0 - k; r <= r0 + k; r++) {
        if (r < 0 || r >= rows) continue;
        const onEdge = r === r0 - k || r === r0 + k;
        const step = onEdge || k === 0 ? 1 : 2 * k;
        const dy = r + 0.5 - y;
        for (let c = c0 - k; c <= c0 + k; c += step) {
          if (c < 0 || c >= cols) continue;
          const tile = r * cols + c;
          if (tiles[tile] !== FREE || taken[tile]) continue;
          const dx = c + 0.5 - x;
          const d2 = dy * dy + dx * dx;
          if (d2 > limit2) continue;
          if (d2 < bestD2 || (d2 === bestD2 && tile < best)) {
            bestD2 = d2;
            best = tile;
          }
        }
      }
    }
    return best;
  }
}
