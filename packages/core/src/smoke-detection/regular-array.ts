import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { type CheckPointGrid, checkPointGrid, coverageRadiusHalfTiles, halfDisk } from './check-points.js';
import { detectorSites } from './detector-sites.js';

const OUTSIDE: number = TileKind.Outside;

/**
 * Array pairs a search may examine; beyond it the search gives up (only rooms with absurdly
 * small tiles next to a large coverage radius come near it).
 */
const SEARCH_BUDGET = 4_000_000;

/**
 * One axis of a regular array: `count` lines at tile offsets `start + i·pitch` from the room's
 * bounding box, with the largest distance (half tiles) from an odd and from an even lattice
 * coordinate of the box to the nearest line: centres sit on odd coordinates, corners on even.
 */
interface ArrayAxis {
  readonly start: number;
  readonly pitch: number;
  readonly count: number;
  readonly gapOdd: number;
  readonly gapEven: number;
}

/** A regular rectangular array of detectors on tile centres. */
export interface RegularArray {
  /** Tile rows and cols of the array lines, absolute. */
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  /** The array's points on room tiles, row-major: the detectors it takes. */
  readonly tiles: readonly number[];
}

/** Options of {@link bestRegularArray}. */
export interface RegularArrayOptions {
  /**
   * Ignore where detectors may stand and treat the bounding box as the room: the fewest points
   * whose array covers the box (a starting layout to snap, not a layout that keeps the rules).
   */
  readonly coverBoundingBox?: boolean;
  /**
   * Detectors the room already has: they stay where they are and cover what they cover; an
   * array point on one of them costs nothing. The array's `tiles` are then its new points only.
   */
  readonly existing?: readonly number[];
  /**
   * Only arrays of at most this many new points are of interest (a check asking whether any
   * array beats a given count): larger ones are skipped, which keeps irregular rooms cheap.
   */
  readonly maxSize?: number;
}

/**
 * The regular rectangular array on tile centres (equal pitch across, equal pitch down; points
 * on `-` tiles dropped) with the fewest detectors that covers every check point and stands only
 * on `allowed` tiles; ties go to the narrowest arrays first. `undefined` when none exists.
 *
 * On a rectangular room coverage has a closed form (the worst check point pairs the worst
 * across-gap with the worst down-gap of the same parity), so the search runs through all
 * arrays in order of size in a few milliseconds. Other rooms are searched exhaustively, each
 * array checked point by point: cost grows quickly with size, fine for tests and docs.
 */
export function bestRegularArray(
  room: Room,
  allowed: Uint8Array,
  options: RegularArrayOptions = {},
): RegularArray | undefined {
  const { cols, tiles } = room;
  const { top, left, height, width, roomTiles, rectangular: fills } = roomBox(room);
  if (roomTiles === 0) return undefined;
  const { limit, reach } = halfDisk(coverageRadiusHalfTiles(room));
  const across = new AxisArrays(width, reach);
  const down = new AxisArrays(height, reach);
  const kept = options.coverBoundingBox ? [] : (options.existing ?? []);
  const isKept = new Uint8Array(tiles.length);
  for (const t of kept) isKept[t] = 1;
  // The closed form covers the room with the array alone: only without detectors to keep.
  const rectangular = options.coverBoundingBox || (fills && kept.length === 0);

  const context: ArrayContext = {
    cols,
    tiles,
    top,
    left,
    isKept,
    allowed,
    coverBoundingBox: options.coverBoundingBox ?? false,
  };
  if (rectangular) return rectangularSearch(context, across, down, limit, width * height);
  // Other shapes, or detectors to keep: every array whose axes each reach the box's edges,
  // smallest first, checked point by point (points the kept detectors cover need nothing).
  const open = uncoveredPoints(checkPointGrid(room), kept, cols, limit);
  const maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
  const pairs = arraysBySize(context, across, down, { width, height, maxSize, keepsAny: kept.length > 0 });
  for (const { x, y } of pairs) {
    const rowLines = lines(y, top);
    const colLines = lines(x, left);
    const found = arrayTiles(context, rowLines, colLines);
    if (standsOnAllowed(context, found) && arrayCovers(room, open, rowLines, colLines, limit)) {
      return { rows: rowLines, cols: colLines, tiles: found };
    }
  }
  return undefined;
}

/** What the array search reads of the room: the grid, the box origin, the kept and allowed tiles. */
interface ArrayContext {
  readonly cols: number;
  readonly tiles: Uint8Array;
  readonly top: number;
  readonly left: number;
  readonly isKept: Uint8Array;
  readonly allowed: Uint8Array;
  readonly coverBoundingBox: boolean;
}

/** The absolute tile lines of an axis whose offsets start at `origin`. */
function lines(axis: ArrayAxis, origin: number): number[] {
  return Array.from({ length: axis.count }, (_, i) => origin + axis.start + i * axis.pitch);
}

/** The array's new points on room tiles, row-major. */
function arrayTiles(context: ArrayContext, rowLines: number[], colLines: number[]): number[] {
  const { cols, tiles, isKept } = context;
  const found: number[] = [];
  for (const r of rowLines)
    for (const c of colLines) {
      const t = r * cols + c;
      if (tiles[t] !== OUTSIDE && !isKept[t]) found.push(t);
    }
  return found;
}

/** The array's new points on room tiles, counted without building the list. */
function arraySize(context: ArrayContext, x: ArrayAxis, y: ArrayAxis): number {
  const { cols, tiles, isKept, top, left } = context;
  let size = 0;
  for (let j = 0; j < y.count; j++) {
    const row = (top + y.start + j * y.pitch) * cols + left + x.start;
    for (let i = 0; i < x.count; i++) {
      const t = row + i * x.pitch;
      if (tiles[t] !== OUTSIDE && !isKept[t]) size++;
    }
  }
  return size;
}

function standsOnAllowed(context: ArrayContext, found: number[]): boolean {
  return context.coverBoundingBox || found.every((t) => context.allowed[t] === 1);
}

/** {@link standsOnAllowed} without building the tile list: most arrays fail on their first few points. */
function allOnAllowed(context: ArrayContext, x: ArrayAxis, y: ArrayAxis): boolean {
  const { cols, allowed, top, left } = context;
  for (let j = 0; j < y.count; j++) {
    const row = (top + y.start + j * y.pitch) * cols + left + x.start;
    for (let i = 0; i < x.count; i++) if (allowed[row + i * x.pitch] !== 1) return false;
  }
  return true;
}

/**
 * The search of a rectangular room with nothing to keep, by the closed form: in order of size
 * k (then fewer columns), every split of k points into nx across × ny down.
 */
function rectangularSearch(
  context: ArrayContext,
  across: AxisArrays,
  down: AxisArrays,
  limit: number,
  boxTiles: number,
): RegularArray | undefined {
  const { top, left } = context;
  const width = across.extent;
  const height = down.extent;
  let budget = SEARCH_BUDGET;
  for (let k = 1; k <= boxTiles && budget > 0; k++) {
    for (const nx of splitsOf(k, width, height)) {
      const xs = across.get(nx);
      const ys = xs.length > 0 ? down.get(k / nx) : xs;
      budget -= 1 + xs.length * ys.length;
      if (ys.length === 0) continue;
      // Most pairs fail on their gaps: skip a whole split, or a whole row of pairs, when even
      // the smallest gaps of the other axis cannot make up for it.
      const leastX = across.leastGaps(nx);
      const leastY = down.leastGaps(k / nx);
      if (leastX.odd + leastY.odd > limit || leastX.even + leastY.even > limit) continue;
      for (const x of xs) {
        const odd = x.gapOdd * x.gapOdd;
        const even = x.gapEven * x.gapEven;
        if (odd + leastY.odd > limit || even + leastY.even > limit) continue;
        for (const y of ys) {
          if (odd + y.gapOdd * y.gapOdd > limit || even + y.gapEven * y.gapEven > limit) continue;
          if (!context.coverBoundingBox && !allOnAllowed(context, x, y)) continue;
          const rowLines = lines(y, top);
          const colLines = lines(x, left);
          return { rows: rowLines, cols: colLines, tiles: arrayTiles(context, rowLines, colLines) };
        }
      }
    }
  }
  return undefined;
}

/** Every array of at most `maxSize` new points (and more than none unless detectors are kept), smallest first. */
function arraysBySize(
  context: ArrayContext,
  across: AxisArrays,
  down: AxisArrays,
  bounds: {
    readonly width: number;
    readonly height: number;
    readonly maxSize: number;
    readonly keepsAny: boolean;
  },
): { x: ArrayAxis; y: ArrayAxis; size: number; order: number }[] {
  const { width, height, maxSize, keepsAny } = bounds;
  const pairs: { x: ArrayAxis; y: ArrayAxis; size: number; order: number }[] = [];
  let examined = 0;
  for (let nx = 1; nx <= Math.min(width, maxSize); nx++) {
    for (const x of across.get(nx)) {
      for (let ny = 1; ny <= height; ny++) {
        for (const y of down.get(ny)) {
          if (examined++ >= SEARCH_BUDGET) break;
          const size = arraySize(context, x, y);
          if (size > maxSize) continue;
          if (size > 0 || keepsAny) pairs.push({ x, y, size, order: pairs.length });
        }
      }
    }
  }
  pairs.sort((a, b) => a.size - b.size || a.order - b.order);
  return pairs;
}

/**
 * The detectors of the best regular rectangular array on tile centres that satisfies the
 * RULES §4 smoke rules in `room` (coverage of every check point, clearance from every
 * diffuser, new points only on free tiles or tiles of detectors it re-plans), the room's
 * `existing` detectors (those on the input) kept where they are and counted; `Infinity` when
 * no regular array does, or none with at most `atMost` detectors (the search skips larger
 * ones). Any room placed with more detectors than this is defective (RULES §4).
 */
export function regularArrayDetectorCount(
  room: Room,
  existing: readonly number[] = [],
  atMost = Number.POSITIVE_INFINITY,
): number {
  // Detector tiles other than the kept ones are free to the array: it re-plans them.
  const best = bestRegularArray(room, detectorSites(room, true).allowed, {
    existing,
    maxSize: atMost - existing.length,
  });
  return best ? existing.length + best.tiles.length : Number.POSITIVE_INFINITY;
}

/** The check points (lattice indices) no kept detector covers. */
function uncoveredPoints(
  grid: CheckPointGrid,
  kept: readonly number[],
  cols: number,
  limit: number,
): Int32Array {
  const { height, width, mask } = grid;
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      let covered = false;
      for (const t of kept) {
        const dy = 2 * Math.floor(t / cols) + 1 - y;
        const dx = 2 * (t % cols) + 1 - x;
        if (dx * dx + dy * dy <= limit) {
          covered = true;
          break;
        }
      }
      if (!covered) out.push(y * width + x);
    }
  }
  return Int32Array.from(out);
}

/** The column counts `nx` (ascending) of the ways to split `k` points into nx × ny within the box. */
function splitsOf(k: number, width: number, height: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= k; d++) {
    if (k % d !== 0) continue;
    if (d <= width && k / d <= height) small.push(d);
    if (d * d !== k && k / d <= width && d <= height) large.push(k / d);
  }
  return small.concat(large.reverse());
}

/**
 * The regular placements of `count` lines along one axis of `extent` tiles whose gaps stay
 * within `reach` half tiles. Gaps per parity of the lattice coordinate: a wall at even
 * coordinate 0 is `2·start + 1` from the first centre, the first odd coordinate `2·start`;
 * between two lines `2·pitch` apart the farthest coordinate is `pitch` away, and its parity is
 * even when `pitch` is odd.
 */
function axisArrays(extent: number, reach: number, count: number): ArrayAxis[] {
  const found: ArrayAxis[] = [];
  if (count === 1) {
    for (let start = 0; start < extent; start++) {
      const end = extent - 1 - start;
      const gapEven = Math.max(2 * start + 1, 2 * end + 1);
      if (gapEven <= reach)
        found.push({ start, pitch: 0, count, gapOdd: Math.max(2 * start, 2 * end), gapEven });
    }
    return found;
  }
  for (let pitch = 1; pitch <= Math.min(reach, Math.floor((extent - 1) / (count - 1))); pitch++) {
    const innerOdd = pitch % 2 === 0 ? pitch : pitch - 1;
    const innerEven = pitch % 2 === 1 ? pitch : pitch - 1;
    for (let start = 0; 2 * start + 1 <= reach && start + (count - 1) * pitch <= extent - 1; start++) {
      const end = extent - 1 - (start + (count - 1) * pitch);
      if (2 * end + 1 > reach) continue;
      found.push({
        start,
        pitch,
        count,
        gapOdd: Math.max(2 * start, 2 * end, innerOdd),
        gapEven: Math.max(2 * start + 1, 2 * end + 1, innerEven),
      });
    }
  }
  return found;
}

/** {@link axisArrays} for every count, computed once per count on first use. */
class AxisArrays {
  private readonly byCount = new Map<number, ArrayAxis[]>();
  private readonly leastByCount = new Map<number, { odd: number; even: number }>();

  constructor(
    readonly extent: number,
    private readonly reach: number,
  ) {}

  get(count: number): ArrayAxis[] {
    let found = this.byCount.get(count);
    if (!found) {
      found = axisArrays(this.extent, this.reach, count);
      this.byCount.set(count, found);
    }
    return found;
  }

  /** The smallest `gapOdd²` and the smallest `gapEven²` over the placements of `count` lines. */
  leastGaps(count: number): { odd: number; even: number } {
    let least = this.leastByCount.get(count);
    if (!least) {
      least = { odd: Number.POSITIVE_INFINITY, even: Number.POSITIVE_INFINITY };
      for (const axis of this.get(count)) {
        least.odd = Math.min(least.odd, axis.gapOdd * axis.gapOdd);
        least.even = Math.min(least.even, axis.gapEven * axis.gapEven);
      }
      this.leastByCount.set(count, least);
    }
    return least;
  }
}

/** Whether the array's points on room tiles cover every given check point (point by point). */
function arrayCovers(
  room: Room,
  points: Int32Array,
  rowLines: readonly number[],
  colLines: readonly number[],
  limit: number,
): boolean {
  const { cols, tiles } = room;
  const width = 2 * cols + 1;
  for (const point of points) {
    const y = Math.floor(point / width);
    const x = point - y * width;
    let covered = false;
    for (let i = 0; i < colLines.length && !covered; i++) {
      const dx = 2 * colLines[i] + 1 - x;
      if (dx * dx > limit) continue;
      for (let j = 0; j < rowLines.length; j++) {
        const dy = 2 * rowLines[j] + 1 - y;
        if (dx * dx + dy * dy <= limit && tiles[rowLines[j] * cols + colLines[i]] !== OUTSIDE) {
          covered = true;
          break;
        }
      }
    }
    if (!covered) return false;
  }
  return true;
}
