import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/**
 * Length of the room's walls in tile edges: edges of room tiles whose neighbour across the
 * edge is outside the room or off the grid (DESIGN §3: the walls are the boundary of the
 * union of room tiles).
 */
export function boundaryEdgeCount(room: Room): number {
  const { rows, cols, tiles } = room;
  const inside = (r: number, c: number) =>
    r >= 0 && r < rows && c >= 0 && c < cols && tiles[r * cols + c] !== OUTSIDE;
  let edges = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (tiles[r * cols + c] === OUTSIDE) continue;
      if (!inside(r - 1, c)) edges++;
      if (!inside(r + 1, c)) edges++;
      if (!inside(r, c - 1)) edges++;
      if (!inside(r, c + 1)) edges++;
    }
  }
  return edges;
}

/**
 * Marks room tiles whose centre lies closer than `clearance` tile edges to a wall (the room
 * boundary). Walks the tiles around each boundary edge when walls are short or the clearance
 * is under a few tiles (the usual case: O(perimeter)); otherwise falls back to the exact
 * distance transform of {@link wallDistanceSquared} (O(tiles), any clearance).
 */
export function tilesNearWalls(room: Room, clearance: number): Uint8Array {
  const { rows, cols, tiles } = room;
  const near = new Uint8Array(rows * cols);
  const reach = Math.ceil(clearance) + 1;
  const edges = boundaryEdgeCount(room);
  if (edges * (2 * reach + 1) ** 2 > 4 * rows * cols) {
    const wall2 = wallDistanceSquared(room);
    for (let i = 0; i < near.length; i++)
      if (tiles[i] !== OUTSIDE && wall2[i] < clearance * clearance) near[i] = 1;
    return near;
  }
  const limit2 = clearance * clearance;
  const inside = (r: number, c: number) =>
    r >= 0 && r < rows && c >= 0 && c < cols && tiles[r * cols + c] !== OUTSIDE;
  // Tiles within `reach` of a unit edge from (y0, x0) to (y0 + dy, x0 + dx), tile-edge coordinates.
  const markAround = (y0: number, x0: number, horizontal: boolean) => {
    const rLo = Math.max(0, y0 - reach);
    const rHi = Math.min(rows - 1, y0 + reach);
    const cLo = Math.max(0, x0 - reach);
    const cHi = Math.min(cols - 1, x0 + reach);
    for (let r = rLo; r <= rHi; r++) {
      for (let c = cLo; c <= cHi; c++) {
        const i = r * cols + c;
        if (near[i] || tiles[i] === OUTSIDE) continue;
        // Centre (r + ½, c + ½) to the segment: perpendicular part plus overhang past its ends.
        const along = horizontal ? Math.abs(c + 0.5 - (x0 + 0.5)) : Math.abs(r + 0.5 - (y0 + 0.5));
        const across = horizontal ? r + 0.5 - y0 : c + 0.5 - x0;
        const overhang = Math.max(0, along - 0.5);
        if (overhang * overhang + across * across < limit2) near[i] = 1;
      }
    }
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!inside(r, c)) continue;
      if (!inside(r - 1, c)) markAround(r, c, true);
      if (!inside(r + 1, c)) markAround(r + 1, c, true);
      if (!inside(r, c - 1)) markAround(r, c, false);
      if (!inside(r, c + 1)) markAround(r, c + 1, false);
    }
  }
  return near;
}

/**
 * Squared distance, in tile edges, from every tile centre to the nearest wall (the room
 * boundary), row-major. Outside tiles get 0.
 *
 * The nearest point of an axis-aligned unit boundary edge to a tile centre is the edge's
 * midpoint or one of its endpoints, so all candidates lie on the half-tile lattice. An exact
 * Euclidean distance transform (Felzenszwalb–Huttenlocher) over that lattice gives every
 * centre's distance in O(tiles), whatever the tile size.
 */
export function wallDistanceSquared(room: Room): Float64Array {
  const { rows, cols, tiles } = room;
  const height = 2 * rows + 1;
  const width = 2 * cols + 1;
  const inside = (r: number, c: number) =>
    r >= 0 && r < rows && c >= 0 && c < cols && tiles[r * cols + c] !== OUTSIDE;
  // Half-lattice grid: point (y, x) is at (y/2, x/2) tile edges; boundary points get 0.
  const grid = new Float64Array(height * width).fill(Number.POSITIVE_INFINITY);
  const mark = (y: number, x: number) => {
    grid[y * width + x] = 0;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!inside(r, c)) continue;
      const y = 2 * r;
      const x = 2 * c;
      if (!inside(r - 1, c)) for (let i = 0; i <= 2; i++) mark(y, x + i);
      if (!inside(r + 1, c)) for (let i = 0; i <= 2; i++) mark(y + 2, x + i);
      if (!inside(r, c - 1)) for (let i = 0; i <= 2; i++) mark(y + i, x);
      if (!inside(r, c + 1)) for (let i = 0; i <= 2; i++) mark(y + i, x + 2);
    }
  }
  const size = Math.max(height, width);
  const f = new Float64Array(size);
  const d = new Float64Array(size);
  const v = new Int32Array(size);
  const z = new Float64Array(size + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x];
    distanceTransform1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y];
  }
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) f[x] = grid[o + x];
    distanceTransform1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[o + x] = d[x];
  }
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Half-lattice units squared → tile edges squared.
      if (inside(r, c)) out[r * cols + c] = grid[(2 * r + 1) * width + 2 * c + 1] / 4;
    }
  }
  return out;
}

/**
 * 1-D squared Euclidean distance transform of the sampled function f (lower envelope of
 * parabolas); infinite samples are not sources. All-infinite input gives all-infinite output.
 */
function distanceTransform1d(
  f: Float64Array,
  n: number,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Number.POSITIVE_INFINITY) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = Number.NEGATIVE_INFINITY;
      z[1] = Number.POSITIVE_INFINITY;
      continue;
    }
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    // z[0] is −∞, so this stops at k = 0 at the latest.
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  if (k < 0) {
    d.fill(Number.POSITIVE_INFINITY, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    while (z[j + 1] < q) j++;
    const dq = q - v[j];
    d[q] = dq * dq + f[v[j]];
  }
}
