import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/**
 * Length of the room's walls in tile edges: edges of room tiles whose neighbour across the
 * edge is outside the room or off the grid (RULES §3: the walls are the boundary of the
 * union of room tiles).
 */
export function boundaryEdgeCount(room: Room): number {
  const { rows, cols, tiles } = room;
  let edges = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0, i = r * cols; c < cols; c++, i++) {
      if (tiles[i] === OUTSIDE) continue;
      if (r === 0 || tiles[i - cols] === OUTSIDE) edges++;
      if (r === rows - 1 || tiles[i + cols] === OUTSIDE) edges++;
      if (c === 0 || tiles[i - 1] === OUTSIDE) edges++;
      if (c === cols - 1 || tiles[i + 1] === OUTSIDE) edges++;
    }
  }
  return edges;
}

/**
 * Marks room tiles whose centre lies closer than `clearance` tile edges to a wall (the room
 * boundary). Three exact methods, the cheapest for the room and clearance: a scan of each
 * tile's few neighbours within reach (small clearances, the usual case: O(tiles) with a tiny
 * constant), a walk of the tiles around each boundary edge (short walls: O(perimeter)), or the
 * distance transform of {@link wallDistanceSquared} (O(tiles), any clearance).
 */
export function tilesNearWalls(room: Room, clearance: number): Uint8Array {
  const { rows, cols, tiles } = room;
  const reach = Math.ceil(clearance) + 1;
  const edges = boundaryEdgeCount(room);
  const walk = edges * (2 * reach + 1) ** 2;
  const offsets = nearOffsets(clearance);
  const scan = offsets.length / 2;
  // A scan visit is a byte test, a walk visit a distance computation: weigh them so.
  if (scan <= MAX_SCAN_OFFSETS && rows * cols * scan <= 4 * walk) {
    return scanNearWalls(room, offsets);
  }
  const near = new Uint8Array(rows * cols);
  if (walk > 4 * rows * cols) {
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

/** Largest neighbourhood {@link scanNearWalls} is used for (clearances up to about 3 tiles). */
const MAX_SCAN_OFFSETS = 24;

/**
 * Tile offsets (dr, dc) whose square lies closer than `clearance` tile edges to a tile's
 * centre, nearest first, as pairs [dr0, dc0, dr1, dc1, …]. The nearest point of the square
 * (R, C) to the centre of (r, c) is (|R − r| − ½)₊, (|C − c| − ½)₊ away along each axis, so
 * the squared distance is a sum of two exact multiples of ¼.
 */
function nearOffsets(clearance: number): Int32Array {
  const limit2 = clearance * clearance;
  const k = Math.max(0, Math.ceil(clearance + 0.5) - 1);
  const found: [number, number, number][] = [];
  for (let dr = -k; dr <= k; dr++) {
    for (let dc = -k; dc <= k; dc++) {
      const y = Math.max(0, Math.abs(dr) - 0.5);
      const x = Math.max(0, Math.abs(dc) - 0.5);
      const d2 = y * y + x * x;
      if ((dr !== 0 || dc !== 0) && d2 < limit2) found.push([d2, dr, dc]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const out = new Int32Array(2 * found.length);
  for (let i = 0; i < found.length; i++) {
    out[2 * i] = found[i][1];
    out[2 * i + 1] = found[i][2];
  }
  return out;
}

/**
 * {@link tilesNearWalls} by neighbourhood: a room tile's centre is within the clearance of a
 * wall exactly when some tile at one of `offsets` is outside the room or off the grid (the
 * nearest point of the room's complement to an inside point lies on a wall, and the complement
 * is the union of outside tiles and the half-planes beyond the grid, whose nearest points are
 * those of the off-grid tiles straight across).
 */
function scanNearWalls(room: Room, offsets: Int32Array): Uint8Array {
  const { rows, cols, tiles } = room;
  let k = 0;
  for (let i = 0; i < offsets.length; i++) k = Math.max(k, Math.abs(offsets[i]));
  // The grid framed by k off-grid tiles each way (1 = outside), so offsets need no bounds test.
  const width = cols + 2 * k;
  const outside = new Uint8Array((rows + 2 * k) * width).fill(1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0, o = (r + k) * width + k, i = r * cols; c < cols; c++) {
      if (tiles[i + c] !== OUTSIDE) outside[o + c] = 0;
    }
  }
  const deltas = new Int32Array(offsets.length / 2);
  for (let j = 0; j < deltas.length; j++) deltas[j] = offsets[2 * j] * width + offsets[2 * j + 1];
  const near = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0, o = (r + k) * width + k, i = r * cols; c < cols; c++) {
      if (outside[o + c]) continue;
      for (let j = 0; j < deltas.length; j++) {
        if (outside[o + c + deltas[j]]) {
          near[i + c] = 1;
          break;
        }
      }
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
