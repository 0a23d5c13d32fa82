import { RELATIVE_TOLERANCE } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

const OUTSIDE: number = TileKind.Outside;

/**
 * The RULES §4 smoke check points (the centre and the four corners of every room tile) on a
 * lattice of half tiles, so every distance is an exact integer: point `(y, x)` lies `y/2` tiles
 * down and `x/2` tiles across from the grid's top-left corner. Tile `(r, c)` has its centre at
 * `(2r + 1, 2c + 1)` and its corners at `(2r, 2c)` … `(2r + 2, 2c + 2)`; corners shared by
 * neighbouring tiles are one point.
 */
export interface CheckPointGrid {
  /** `2·rows + 1`. */
  readonly height: number;
  /** `2·cols + 1`. */
  readonly width: number;
  /** Per lattice point (row-major): 1 when it is a check point. */
  readonly mask: Uint8Array;
  /** Number of check points. */
  readonly count: number;
}

/** The check points of `room` (blocked tiles count: smoke reaches them too). */
export function checkPointGrid(room: Room): CheckPointGrid {
  const { rows, cols, tiles } = room;
  const height = 2 * rows + 1;
  const width = 2 * cols + 1;
  const mask = new Uint8Array(height * width);
  let count = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (tiles[r * cols + c] === OUTSIDE) continue;
      count++; // its centre
      const y = 2 * r;
      const x = 2 * c;
      mask[(y + 1) * width + x + 1] = 1;
      mask[y * width + x] = 1;
      mask[y * width + x + 2] = 1;
      mask[(y + 2) * width + x] = 1;
      mask[(y + 2) * width + x + 2] = 1;
    }
  }
  // Corners are shared: counted once each, on the even rows and columns of the lattice.
  for (let y = 0; y < height; y += 2) {
    for (let p = y * width; p < (y + 1) * width; p += 2) count += mask[p];
  }
  return { height, width, mask, count };
}

/**
 * The lattice points a detector covers, relative to it: for each row offset `dy` in
 * `[-reach, reach]`, the offsets `dx` of the same parity as `dy` with `|dx| ≤ span[dy + reach]`.
 * (A detector sits on a tile centre, odd/odd, so only same-parity offsets land on check points.)
 */
export interface HalfDisk {
  readonly reach: number;
  /** Largest `|dx|` for each `dy`, of the parity of `dy`; -1 when none. */
  readonly span: Int32Array;
  /** Squared radius in half tiles, with the rule slack applied. */
  readonly limit: number;
}

/** The {@link HalfDisk} of a coverage radius given in half tiles. */
export function halfDisk(radius: number): HalfDisk {
  const limit = radius * radius * (1 + RELATIVE_TOLERANCE);
  const reach = Math.floor(Math.sqrt(limit));
  const span = new Int32Array(2 * reach + 1);
  for (let dy = -reach; dy <= reach; dy++) {
    let m = Math.floor(Math.sqrt(limit - dy * dy));
    while (m * m + dy * dy > limit) m--;
    while ((m + 1) * (m + 1) + dy * dy <= limit) m++;
    if ((m - dy) % 2 !== 0) m--;
    span[dy + reach] = m;
  }
  return { reach, span, limit };
}

/** Coverage radius 0.7·S in half tiles. */
export function coverageRadiusHalfTiles(room: Room): number {
  return (2 * 0.7 * room.requirements.detectorSpacing) / room.cellSize;
}
