import { PointIndex } from '../geometry/point-index.js';
import { RELATIVE_TOLERANCE } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

// Module constants: hot loops below read them hundreds of thousands of times.
const OUTSIDE: number = TileKind.Outside;

/** How the room's tiles share out among the diffusers (RULES §4 evenness). */
export interface DiffuserService {
  /** Per room tile (row-major, `-1` for tiles outside the room): the id of its nearest diffuser. */
  readonly owner: Int32Array;
  /** Per room tile: squared distance to its nearest diffuser in tile units (`Infinity` when none). */
  readonly nearestD2: Float64Array;
  /** Per diffuser id: how many room tiles it serves. */
  readonly servedTiles: Int32Array;
}

/**
 * Assigns every room tile (blocked ones too) to its nearest diffuser. Distances are measured in
 * tile units between tile centres, so they are exact integers; on a tie the diffuser listed first
 * wins, and `diffuserTiles` in row-major order makes that "the first in the layout".
 *
 * @param reach a radius in tiles within which most tiles find their diffuser (the coverage
 *   radius): tiles are first claimed by the diffusers around them, which is fast; any tile left
 *   unclaimed is looked up in a spatial index. The answer does not depend on it.
 */
export function serveTiles(room: Room, diffuserTiles: readonly number[], reach: number): DiffuserService {
  const { rows, cols, tiles } = room;
  const owner = new Int32Array(rows * cols).fill(-1);
  const nearestD2 = new Float64Array(rows * cols).fill(Number.POSITIVE_INFINITY);
  const servedTiles = new Int32Array(diffuserTiles.length);
  if (diffuserTiles.length === 0) return { owner, nearestD2, servedTiles };
  // Claim tiles around each diffuser; a tile with any diffuser within `reach` gets its nearest
  // this way. Ids ascend, so a strict < keeps the first diffuser on a tie.
  const span = Math.max(0, Math.floor(reach));
  const limit = reach * reach * (1 + RELATIVE_TOLERANCE);
  for (let id = 0; id < diffuserTiles.length; id++) {
    const r = Math.floor(diffuserTiles[id] / cols);
    const c = diffuserTiles[id] % cols;
    const r0 = Math.max(0, r - span);
    const r1 = Math.min(rows - 1, r + span);
    for (let rr = r0; rr <= r1; rr++) {
      const dy2 = (rr - r) * (rr - r);
      if (dy2 > limit) continue;
      // Only the row's span of the disk can pass `d2 <= limit` (widened a hair against rounding).
      const w = Math.min(span, Math.floor(Math.sqrt(limit - dy2) + 1e-9));
      const c0 = Math.max(0, c - w);
      const c1 = Math.min(cols - 1, c + w);
      for (let cc = c0; cc <= c1; cc++) {
        const d2 = dy2 + (cc - c) * (cc - c);
        const u = rr * cols + cc;
        if (d2 < nearestD2[u] && d2 <= limit) {
          nearestD2[u] = d2;
          owner[u] = id;
        }
      }
    }
  }
  let index: PointIndex | undefined;
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === OUTSIDE) {
      owner[t] = -1;
      nearestD2[t] = Number.POSITIVE_INFINITY;
      continue;
    }
    if (owner[t] < 0) {
      index ??= diffuserIndex(diffuserTiles, rows, cols);
      owner[t] = index.nearest(Math.floor(t / cols), t % cols);
      nearestD2[t] = index.lastD2;
    }
    servedTiles[owner[t]]++;
  }
  return { owner, nearestD2, servedTiles };
}

/** A {@link PointIndex} over diffuser tiles in tile units, bucketed at about their spacing. */
export function diffuserIndex(diffuserTiles: readonly number[], rows: number, cols: number): PointIndex {
  const ys = new Int32Array(diffuserTiles.length);
  const xs = new Int32Array(diffuserTiles.length);
  for (let i = 0; i < diffuserTiles.length; i++) {
    ys[i] = Math.floor(diffuserTiles[i] / cols);
    xs[i] = diffuserTiles[i] % cols;
  }
  const spacing = Math.sqrt((rows * cols) / diffuserTiles.length);
  return new PointIndex(ys, xs, rows, cols, Math.max(2, Math.ceil(spacing)));
}

/**
 * RULES §4 evenness: 1 − coefficient of variation (population standard deviation over mean)
 * of the floor area each diffuser serves, clamped to [0, 1]. One diffuser is perfectly even.
 */
export function evennessOf(servedTiles: ArrayLike<number>): number {
  const n = servedTiles.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += servedTiles[i];
  const mean = sum / n;
  if (mean === 0) return 0;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (servedTiles[i] - mean) ** 2;
  const cv = Math.sqrt(squares / n) / mean;
  return Math.min(1, Math.max(0, 1 - cv));
}
