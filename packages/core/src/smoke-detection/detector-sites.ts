import { RELATIVE_TOLERANCE } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { TypedArena } from './typed-arena.js';

const FREE: number = TileKind.Free;
const AIR_SUPPLY: number = TileKind.AirSupply;
const SMOKE_DETECTOR: number = TileKind.SmokeDetector;

/** Where a detector may go, and how bad each fallback tile is. */
export interface DetectorSites {
  /** Per tile: 1 when a detector may stand here under every rule. */
  readonly allowed: Uint8Array;
  /**
   * Per tile: squared distance (tile units) to the nearest diffuser when it is closer than the
   * clearance, else `Infinity`. Ranks the fallback tiles of an infeasible room: farthest first.
   */
  readonly clearanceD2: Float64Array;
}

/**
 * Tiles a detector may take: free (or, with `detectorTilesCount`, already holding a detector,
 * for arrays that re-plan the room's detectors) and at least `detectorDiffuserClearance` from
 * every diffuser, centre to centre.
 */
export function detectorSites(room: Room, detectorTilesCount = false): DetectorSites {
  const { rows, cols, tiles, cellSize, requirements } = room;
  const arena = new TypedArena()
    .reserve(8, rows * cols)
    .reserve(1, rows * cols)
    .allocate();
  const clearanceD2 = arena.take(Float64Array).fill(Number.POSITIVE_INFINITY);
  const allowed = arena.take(Uint8Array);
  for (let t = 0; t < tiles.length; t++) {
    allowed[t] = tiles[t] === FREE || (detectorTilesCount && tiles[t] === SMOKE_DETECTOR) ? 1 : 0;
  }
  const clearance = requirements.detectorDiffuserClearance / cellSize;
  const limit = clearance * clearance * (1 - RELATIVE_TOLERANCE);
  const reach = Math.ceil(clearance);
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] !== AIR_SUPPLY) continue;
    const r = Math.floor(t / cols);
    const c = t % cols;
    for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      for (let cc = Math.max(0, c - reach); cc <= Math.min(cols - 1, c + reach); cc++) {
        const d2 = (rr - r) * (rr - r) + (cc - c) * (cc - c);
        if (d2 >= limit) continue;
        const u = rr * cols + cc;
        allowed[u] = 0;
        clearanceD2[u] = Math.min(clearanceD2[u], d2);
      }
    }
  }
  return { allowed, clearanceD2 };
}
